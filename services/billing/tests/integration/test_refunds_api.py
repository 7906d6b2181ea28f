"""Staff refund a payment that went through, in full or in part (SQLite and PostgreSQL, the sandbox
processor): never more than it kept, once per Idempotency-Key, a lost answer settled later; the ledger,
the balance, the client's receipts and the event follow."""

import io
import threading
import uuid

import pytest
from billing.adapters import orm
from billing.worker import Scheduler
from pypdf import PdfReader
from sqlalchemy import func, select


@pytest.fixture
def paid(issued_invoice, save_card, pay):
    """An invoice of 130.00 paid with the 4242 card: (invoice, payment)."""
    invoice = issued_invoice()
    payment = pay(invoice["id"], save_card()["id"])
    assert payment.status_code == 201, payment.json
    return invoice, payment.json


@pytest.fixture
def refund(web, as_staff):
    def refund(payment_id, amount_cents, key=None, headers=None, reason="Session cancelled by the practice"):
        headers = (headers or as_staff) | {"Idempotency-Key": key or str(uuid.uuid4())}
        body = {"amount_cents": amount_cents, "reason": reason}
        return web.post(f"/api/v1/staff/payments/{payment_id}/refunds", json=body, headers=headers)

    return refund


@pytest.fixture
def sandbox_refunds(engine):
    """How many refunds the sandbox gave back of a charge."""

    def count(charge_reference):
        charge = select(orm.sandbox_charges.c.charge_id).where(orm.sandbox_charges.c.reference == charge_reference)
        table = orm.sandbox_refunds
        query = select(func.count()).where(table.c.charge_id.in_(charge), table.c.refund_id.is_not(None))
        with engine.connect() as connection:
            return connection.execute(query).scalar_one()

    return count


def test_part_then_the_rest_then_nothing_more(web, as_client, as_staff, client_id, paid, refund, events):
    invoice, payment = paid

    part = refund(payment["id"], 3000)
    rest = refund(payment["id"], 10000)
    third = refund(payment["id"], 1)

    mine = web.get("/api/v1/billing/invoices", headers=as_client).json
    account = web.get(f"/api/v1/staff/clients/{client_id}/billing", headers=as_staff).json
    assert part.status_code == 201 and part.json["status"] == "succeeded" and part.json["remaining_cents"] == 10000
    assert rest.status_code == 201 and rest.json["remaining_cents"] == 0
    assert third.status_code == 422 and list(third.json["errors"]) == ["amount_cents"]
    assert mine["balance_cents"] == 13000 and [i["id"] for i in mine["open"]] == [invoice["id"]]
    assert [(e["kind"], e["amount_cents"]) for e in account["ledger"]][-3:] == [
        ("payment", 13000),
        ("refund", 3000),
        ("refund", 10000),
    ]
    [listed] = account["payments"]
    assert (listed["refunded_cents"], listed["refundable_cents"]) == (13000, 0)
    assert sorted((r["amount_cents"], r["reason"], r["requested_role"]) for r in account["refunds"]) == [
        (3000, "Session cancelled by the practice", "billing"),
        (10000, "Session cancelled by the practice", "billing"),
    ]
    published = sorted(events("billing.payment.refunded"), key=lambda e: e.data["amount_cents"])
    assert [e.data["amount_cents"] for e in published] == [3000, 10000]
    assert published[0].data == {
        "refund_id": part.json["id"],
        "payment_id": payment["id"],
        "invoice_id": invoice["id"],
        "client_id": client_id,
        "amount_cents": 3000,
        "currency": "USD",
    }


def test_the_client_sees_the_refund_on_the_receipt(web, as_client, paid, refund):
    _, payment = paid
    refund(payment["id"], 3000)

    [listed] = web.get("/api/v1/billing/receipts", headers=as_client).json["items"]
    pdf = web.get(listed["download_path"], headers=as_client)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages).split())

    assert listed["refunded_cents"] == 3000 and [r["amount_cents"] for r in listed["refunds"]] == [3000]
    assert "Refunded 2026-12-03 -USD 30.00" in text
    assert "Kept of this payment USD 100.00" in text


def test_a_replayed_key_answers_the_first_refund_and_another_body_is_refused(paid, refund, sandbox_refunds):
    _, payment = paid

    first = refund(payment["id"], 3000, key="refund-1")
    again = refund(payment["id"], 3000, key="refund-1")
    other = refund(payment["id"], 4000, key="refund-1")

    assert first.status_code == again.status_code == 201
    assert again.json == first.json and again.headers["Idempotent-Replayed"] == "true"
    assert other.status_code == 422 and other.json["code"] == "idempotency-key-reused"
    assert sandbox_refunds(payment["id"]) == 1


def test_the_same_key_while_the_first_is_in_flight_is_409(paid, refund, processor, sandbox_refunds):
    _, payment = paid
    processor.hold_next()
    answers = {}
    first = threading.Thread(target=lambda: answers.update(first=refund(payment["id"], 3000, key="refund-1")))
    first.start()
    assert processor.entered.wait(timeout=30)

    second = refund(payment["id"], 3000, key="refund-1")
    processor.release()
    first.join(timeout=30)

    assert second.status_code == 409 and second.json["code"] == "request-in-progress"
    assert answers["first"].status_code == 201 and sandbox_refunds(payment["id"]) == 1


def test_bad_amounts_and_reasons_name_the_field_and_change_nothing(web, as_staff, client_id, paid, refund):
    _, payment = paid

    answers = {
        "zero": refund(payment["id"], 0),
        "fraction": refund(payment["id"], 10.5),
        "text": refund(payment["id"], "100"),
        "no reason": refund(payment["id"], 100, reason=""),
        "too much": refund(payment["id"], 13001),
    }
    no_key = web.post(
        f"/api/v1/staff/payments/{payment['id']}/refunds", json={"amount_cents": 100, "reason": "x"}, headers=as_staff
    )

    fields = {name: list(answer.json.get("errors", {})) for name, answer in answers.items()}
    assert {answer.status_code for answer in answers.values()} == {422} and no_key.status_code == 422
    assert fields == {
        "zero": ["amount_cents"],
        "fraction": ["amount_cents"],
        "text": ["amount_cents"],
        "no reason": ["reason"],
        "too much": ["amount_cents"],
    }
    account = web.get(f"/api/v1/staff/clients/{client_id}/billing", headers=as_staff).json
    assert account["refunds"] == [] and account["balance_cents"] == 0


def test_owners_admins_and_billing_refund_others_are_refused(paid, refund, signed_in, as_client):
    _, payment = paid

    outcomes = {
        role: refund(payment["id"], 100, headers=signed_in(role)).status_code
        for role in ("owner", "admin", "billing", "clinician", "front_desk")
    }
    outcomes["client"] = refund(payment["id"], 100, headers=as_client).status_code
    stranger = refund(payment["id"], 100, headers=signed_in("owner", practice_id="practice-elsewhere"))

    assert outcomes == {
        "owner": 201, "admin": 201, "billing": 201, "clinician": 403, "front_desk": 403, "client": 403,
    }  # fmt: skip
    assert stranger.status_code == 404


def test_the_client_account_tells_each_role_whether_it_may_refund_and_invoice(paid, web, signed_in):
    invoice, _ = paid
    client_id = invoice["client_id"]

    allowed = {
        role: web.get(f"/api/v1/staff/clients/{client_id}/billing", headers=signed_in(role)).json["allowed_actions"]
        for role in ("owner", "billing", "clinician", "front_desk")
    }

    for role in ("owner", "billing"):
        assert {"refund_payments", "manage_invoices"} <= set(allowed[role])
    for role in ("clinician", "front_desk"):
        assert not {"refund_payments", "manage_invoices"} & set(allowed[role])
    assert "read_billing" in allowed["front_desk"]


def test_a_declined_payment_cannot_be_refunded(issued_invoice, save_card, pay, refund):
    declined = pay(issued_invoice()["id"], save_card("4000 0000 0000 0002")["id"]).json

    answer = refund(declined["payment_id"], 100)

    assert answer.status_code == 409 and answer.json["code"] == "payment-not-refundable"


def test_a_lost_answer_leaves_the_refund_pending_and_the_retry_settles_it(
    web, as_staff, client_id, paid, refund, processor, sandbox_refunds
):
    _, payment = paid
    processor.lose_next(charged=True)

    lost = refund(payment["id"], 3000, key="refund-1")
    pending = web.get(f"/api/v1/staff/clients/{client_id}/billing", headers=as_staff).json
    retried = refund(payment["id"], 3000, key="refund-1")

    assert lost.status_code == 503 and lost.json["code"] == "refund-pending"
    assert [r["status"] for r in pending["refunds"]] == ["pending"] and pending["balance_cents"] == 0
    assert pending["payments"][0]["refundable_cents"] == 10000  # the pending refund is not offered twice
    assert retried.status_code == 201 and retried.json["id"] == pending["refunds"][0]["id"]
    assert sandbox_refunds(payment["id"]) == 1


def test_the_workers_sweep_settles_a_refund_nobody_retried(
    web, as_staff, client_id, paid, refund, processor, unit_of_work, clock, sandbox_refunds, events
):
    _, payment = paid
    processor.lose_next(charged=False)
    assert refund(payment["id"], 3000).status_code == 503

    clock.advance(minutes=2)
    Scheduler(unit_of_work, processor, interval=1, batch_size=100).sweep()

    account = web.get(f"/api/v1/staff/clients/{client_id}/billing", headers=as_staff).json
    assert [r["status"] for r in account["refunds"]] == ["succeeded"] and account["balance_cents"] == 3000
    assert sandbox_refunds(payment["id"]) == 1 and len(events("billing.payment.refunded")) == 1
