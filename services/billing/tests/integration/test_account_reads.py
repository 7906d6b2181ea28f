"""A client's billing read while it changes shows one moment: the invoices listed and the balance
agree, and a receipt's refunds and what it says is still due.

Only on PostgreSQL: on SQLite every transaction takes the write lock when it begins, so no change
can commit in the middle of a read."""

import io

import pytest
from billing.service import invoices, refunds
from billing.service.actors import Staff
from pypdf import PdfReader
from sqlalchemy import event


@pytest.fixture
def during_the_read(app):
    """What `read` answers when `change` commits (another connection) just after its first statement
    on invoices."""
    engine = app.extensions["billing_engine"]

    def during_the_read(change, read):
        changed = []

        def change_after_the_first_invoices_query(conn, cursor, statement, parameters, context, executemany):
            if not changed and "FROM invoices" in statement and "FOR UPDATE" not in statement:
                changed.append(statement)
                change()

        event.listen(engine, "after_cursor_execute", change_after_the_first_invoices_query)
        try:
            during = read()
        finally:
            event.remove(engine, "after_cursor_execute", change_after_the_first_invoices_query)
        assert changed
        return during

    return during_the_read


@pytest.fixture
def owner(practice):
    return Staff(practice, "owner-1", "owner")


@pytest.fixture
def issue_during_the_read(during_the_read, unit_of_work, identity, owner):
    def issue_during_the_read(invoice_id, read):
        return during_the_read(lambda: invoices.issue(unit_of_work, identity, owner, invoice_id), read)

    return issue_during_the_read


@pytest.fixture
def draft(web, as_staff, client_id):
    body = {
        "lines": [
            {"date_of_service": "2026-12-01", "service_code": "90834", "description": "Psychotherapy, 45 min"}
            | {"fee_cents": 15000}
        ]
    }
    made = web.post(f"/api/v1/staff/clients/{client_id}/invoices", json=body, headers=as_staff)
    assert made.status_code == 201, made.json
    return made.json["id"]


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_an_invoice_issued_during_the_clients_read_shows_in_both_invoices_and_balance_or_neither(
    web, as_client, draft, issue_during_the_read
):
    def read():
        return web.get("/api/v1/billing/invoices", headers=as_client).json

    during = issue_during_the_read(draft, read)
    after = read()

    assert ([i["id"] for i in during["open"]], during["balance_cents"]) == ([], 0)
    assert ([i["id"] for i in after["open"]], after["balance_cents"]) == ([draft], 15000)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_an_invoice_issued_during_the_staff_read_shows_in_both_its_status_and_the_ledger_or_neither(
    web, as_staff, client_id, draft, issue_during_the_read
):
    def read():
        return web.get(f"/api/v1/staff/clients/{client_id}/billing", headers=as_staff).json

    during = issue_during_the_read(draft, read)
    after = read()

    def seen(account):
        return [i["status"] for i in account["invoices"]], len(account["ledger"]), account["balance_cents"]

    assert seen(during) == (["draft"], 0, 0)
    assert seen(after) == (["issued"], 1, 15000)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_refund_given_while_a_receipt_is_drawn_shows_in_both_its_refunds_and_what_is_due_or_neither(
    web, as_client, issued_invoice, save_card, pay, during_the_read, unit_of_work, processor, owner
):
    payment = pay(issued_invoice()["id"], save_card()["id"]).json
    request = refunds.RefundRequest(payment["id"], 3000, "Session cancelled by the practice", "127.0.0.1")

    def receipt():
        pdf = web.get(f"/api/v1/billing/receipts/{payment['id']}/pdf", headers=as_client)
        assert pdf.status_code == 200, pdf.json
        return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages).split())

    during = during_the_read(lambda: refunds.refund(unit_of_work, processor, owner, request), receipt)
    after = receipt()

    assert "Refunded" not in during and "Still due on it USD 0.00" in during
    assert "Refunded 2026-12-03 -USD 30.00" in after and "Still due on it USD 30.00" in after
