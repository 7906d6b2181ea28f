"""A client's billing read while an invoice is issued shows one moment: the invoices listed and the
balance agree.

Only on PostgreSQL: on SQLite every transaction takes the write lock when it begins, so no change
can commit in the middle of a read."""

import pytest
from billing.service import invoices
from billing.service.actors import Staff
from sqlalchemy import event


@pytest.fixture
def issue_during_the_read(app, unit_of_work, identity, practice):
    """Issue a draft from another connection just after the read's first statement on invoices."""
    engine = app.extensions["billing_engine"]

    def issue_during_the_read(invoice_id, read):
        issued = []

        def issue_after_the_first_invoices_query(conn, cursor, statement, parameters, context, executemany):
            if not issued and "FROM invoices" in statement and "FOR UPDATE" not in statement:
                issued.append(statement)
                invoices.issue(unit_of_work, identity, Staff(practice, "owner-1", "owner"), invoice_id)

        event.listen(engine, "after_cursor_execute", issue_after_the_first_invoices_query)
        try:
            during = read()
        finally:
            event.remove(engine, "after_cursor_execute", issue_after_the_first_invoices_query)
        assert issued
        return during

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
