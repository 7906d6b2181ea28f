"""A practice on Stripe (the service talking to a local server answering Stripe's recorded responses)
and Stripe's signed webhooks: verified (HMAC, 300 s either way), taken once, in any order, leaving the
ledger right."""

import dataclasses
import json
import uuid

import pytest
from billing.adapters import orm
from billing.adapters.stripe import API_VERSION
from billing.adapters.stripe_webhooks import sign
from billing.app import make_processors
from billing.domain.cards import AUTOPAY_CONSENT_VERSION
from billing.service import settings as billing_settings
from billing.service.actors import Staff
from billing.worker import Scheduler
from portalkit.errors import ValidationProblem
from sqlalchemy import func, select

WEBHOOK_SECRET = "whsec_RecordedSecret0001"
WEBHOOK = "/api/v1/billing/webhooks/stripe"


@pytest.fixture
def settings(settings, stripe_api):
    return dataclasses.replace(
        settings,
        stripe_secret_key="sk_test_RecordedKey0001",
        stripe_publishable_key="pk_test_RecordedKey0001",
        stripe_webhook_secret=WEBHOOK_SECRET,
        stripe_api_base=stripe_api.url,
    )


@pytest.fixture
def ids():
    """Stripe's ids for this test (the database outlives it: a PaymentMethod is saved once)."""
    tail = uuid.uuid4().hex[:16]
    return {
        "pm_1QaTestVisa4242Aa": f"pm_1Qa{tail}",
        "cus_RtestCustomer01": f"cus_R{tail}",
        "pi_3QaTestCharge0001": f"pi_3Qa{tail}",
    }


@pytest.fixture
def recorded(stripe_fixture, ids):
    def recorded(name, **replace):
        return stripe_fixture(name, **ids, **replace)

    return recorded


@pytest.fixture
def on_stripe(web, as_staff, as_client):
    chose = web.patch("/api/v1/staff/billing/settings", json={"processor": "stripe"}, headers=as_staff)
    assert chose.status_code == 200, chose.json
    return chose.json


@pytest.fixture
def stripe_card(web, as_client, on_stripe, stripe_api, recorded, ids):
    """The browser's Stripe.js made a PaymentMethod; billing attaches it to the profile's customer."""
    pm = ids["pm_1QaTestVisa4242Aa"]
    stripe_api.answer("GET", f"/v1/payment_methods/{pm}", 200, recorded("payment_method"))
    stripe_api.answer("GET", f"/v1/payment_methods/{pm}", 200, recorded("payment_method_attached"))
    stripe_api.answer("POST", "/v1/customers", 200, recorded("customer"))
    stripe_api.answer("POST", "/v1/setup_intents", 200, recorded("setup_intent_succeeded"))
    saved = web.post("/api/v1/billing/cards", json={"token": pm}, headers=as_client)
    assert saved.status_code == 201, saved.json
    return saved.json


@pytest.fixture
def webhook(web, clock):
    def webhook(event_type, found, event_id=None, at=None, secret=WEBHOOK_SECRET, header=None, stale_v1=None):
        event = {
            "id": event_id or f"evt_{uuid.uuid4().hex[:24]}",
            "object": "event",
            "api_version": API_VERSION,
            "created": int(clock.now().timestamp()),
            "data": {"object": found},
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "type": event_type,
        }
        body = json.dumps(event).encode()
        timestamp = int(clock.now().timestamp()) if at is None else at
        signature = header or f"t={timestamp},v1={sign(body, secret, timestamp)}"
        if stale_v1:  # a signature with a rolled secret beside the current one
            signature = f"t={timestamp},v1={sign(body, stale_v1, timestamp)},v1={sign(body, secret, timestamp)}"
        return web.post(WEBHOOK, data=body, headers={"Stripe-Signature": signature, "Content-Type": "application/json"})

    return webhook


@pytest.fixture
def account(web, as_staff, client_id):
    def account():
        return web.get(f"/api/v1/staff/clients/{client_id}/billing", headers=as_staff).json

    return account


def payments_in_ledger(account):
    return [entry["amount_cents"] for entry in account()["ledger"] if entry["kind"] == "payment"]


def test_the_practice_chooses_stripe_and_the_card_form_is_told_to_use_stripe_js(web, as_staff, as_client, on_stripe):
    assert on_stripe["processor"] == "stripe"
    assert on_stripe["processors_available"] == ["sandbox", "stripe"]
    assert web.get("/api/v1/staff/billing/settings", headers=as_staff).json["processor"] == "stripe"
    told = web.get("/api/v1/billing/processor", headers=as_client).json
    assert told == {"processor": "stripe", "publishable_key": "pk_test_RecordedKey0001"}
    card = {"number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2030, "cvc": "123"}
    assert web.post("/api/v1/billing/sandbox/tokens", json=card, headers=as_client).status_code == 404
    wrong = web.patch("/api/v1/staff/billing/settings", json={"processor": "paypal"}, headers=as_staff)
    assert wrong.status_code == 422 and "processor" in wrong.json["errors"]


def test_stripe_needs_the_services_keys_before_a_practice_may_choose_it(unit_of_work, practice):
    staff = Staff(practice, "owner-1", "owner")
    with pytest.raises(ValidationProblem) as refused:
        billing_settings.change(unit_of_work, staff, {"processor": "stripe"}, processors=("sandbox",))
    assert "processor" in refused.value.to_dict()["errors"]
    assert billing_settings.read(unit_of_work, practice).processor == "sandbox"


def test_the_worker_charges_an_autopay_invoice_to_a_stripe_card(
    web, as_client, stripe_card, issued_invoice, stripe_api, recorded, settings, engine, clock, unit_of_work, events
):
    enrolled = web.put(
        "/api/v1/billing/autopay",
        json={"card_id": stripe_card["id"], "consent_version": AUTOPAY_CONSENT_VERSION},
        headers=as_client,
    )
    assert enrolled.status_code == 200, enrolled.json
    stripe_api.answer("POST", "/v1/payment_intents", 200, recorded("payment_intent_succeeded"))
    invoice = issued_invoice()

    Scheduler(unit_of_work, make_processors(settings, engine, clock), 1, 10).sweep()

    [sent] = stripe_api.sent("POST", "/v1/payment_intents")
    assert sent.form["off_session"] == "true" and sent.form["amount"] == "13000"
    [paid] = events("billing.payment.succeeded")
    assert paid.data["autopay"] is True and paid.data["invoice_id"] == invoice["id"]


def test_a_card_is_not_saved_while_stripe_does_not_answer(web, as_client, on_stripe, stripe_api, recorded, ids):
    pm = ids["pm_1QaTestVisa4242Aa"]
    stripe_api.answer("GET", f"/v1/payment_methods/{pm}", 503, recorded("api_error"))

    lost = web.post("/api/v1/billing/cards", json={"token": pm}, headers=as_client)

    assert lost.status_code == 503 and lost.json["code"] == "processor-unavailable"
    assert web.get("/api/v1/billing/cards", headers=as_client).json["items"] == []


def test_a_stripe_card_is_kept_as_token_brand_last4_and_expiry_and_charged_once(
    ids, web, as_client, stripe_card, issued_invoice, pay, stripe_api, recorded, account, webhook, events
):
    assert {key: stripe_card[key] for key in ("brand", "last4", "exp_month", "exp_year")} == {
        "brand": "visa",
        "last4": "4242",
        "exp_month": 8,
        "exp_year": 2031,
    }
    invoice = issued_invoice()
    stripe_api.answer("POST", "/v1/payment_intents", 200, recorded("payment_intent_succeeded"))

    paid = pay(invoice["id"], stripe_card["id"])
    assert paid.status_code == 201, paid.json
    [sent] = stripe_api.sent("POST", "/v1/payment_intents")
    assert sent.headers["Idempotency-Key"] == paid.json["id"] == sent.form["metadata[payment_id]"]
    assert sent.form["amount"] == "13000" and sent.form["customer"] == ids["cus_RtestCustomer01"]

    # Stripe's own word on it afterwards, twice: nothing more is recorded.
    found = recorded("payment_intent_succeeded", PAYMENT_ID=paid.json["id"])
    first = webhook("payment_intent.succeeded", found, event_id="evt_1QaTestSucceeded01")
    again = webhook("payment_intent.succeeded", found, event_id="evt_1QaTestSucceeded01")
    assert (first.status_code, first.json["replayed"]) == (200, False)
    assert (again.status_code, again.json["replayed"]) == (200, True)
    assert payments_in_ledger(account) == [13000]
    assert len(events("billing.payment.succeeded")) == 1
    assert len(events("billing.invoice.paid")) == 1


@pytest.mark.parametrize(
    ("answer_name", "decline_code"), [("card_declined", "card_declined"), ("insufficient_funds",) * 2]
)
def test_a_declined_stripe_charge_is_402_with_its_decline_code(
    stripe_card, issued_invoice, pay, stripe_api, recorded, answer_name, decline_code, account
):
    invoice = issued_invoice()
    stripe_api.answer("POST", "/v1/payment_intents", 402, recorded(answer_name))

    declined = pay(invoice["id"], stripe_card["id"])

    assert declined.status_code == 402 and declined.json["decline_code"] == decline_code
    assert payments_in_ledger(account) == []


def test_success_arriving_before_the_charge_answer_is_recorded_once_and_a_stale_failure_changes_nothing(
    stripe_card, issued_invoice, pay, stripe_api, recorded, account, webhook, unit_of_work, events
):
    invoice = issued_invoice()
    stripe_api.answer("POST", "/v1/payment_intents", 500, recorded("api_error"))
    stripe_api.answer("POST", "/v1/payment_intents", 200, recorded("payment_intent_succeeded"))
    lost = pay(invoice["id"], stripe_card["id"])
    assert lost.status_code == 503 and lost.json["type"].endswith("payment-pending")
    with unit_of_work() as uow:
        attempt_id = uow.attempts.pending_of_invoice(invoice["id"]).id

    found = recorded("payment_intent_succeeded", PAYMENT_ID=attempt_id)
    assert webhook("payment_intent.succeeded", found).status_code == 200
    assert payments_in_ledger(account) == [13000]

    # The client tries again (a new key): the attempt is settled, nothing is charged or recorded again.
    again = pay(invoice["id"], stripe_card["id"])
    assert again.status_code == 409 and again.json["type"].endswith("invoice-paid")
    failed = recorded("card_declined", PAYMENT_ID=attempt_id)["error"]["payment_intent"]
    assert webhook("payment_intent.payment_failed", failed).status_code == 200

    assert payments_in_ledger(account) == [13000]
    [payment] = account()["payments"]
    assert payment["status"] == "succeeded"
    assert len(events("billing.payment.succeeded")) == 1 and not events("billing.payment.failed")


def test_a_failure_reported_first_then_a_success_leaves_one_payment(
    stripe_card, issued_invoice, pay, stripe_api, recorded, account, webhook, unit_of_work, events
):
    invoice = issued_invoice()
    stripe_api.answer("POST", "/v1/payment_intents", 500, recorded("api_error"))
    assert pay(invoice["id"], stripe_card["id"]).status_code == 503
    with unit_of_work() as uow:
        attempt_id = uow.attempts.pending_of_invoice(invoice["id"]).id

    failed = recorded("insufficient_funds", PAYMENT_ID=attempt_id)["error"]["payment_intent"]
    assert webhook("payment_intent.payment_failed", failed).status_code == 200
    assert account()["payments"][0]["decline_code"] == "insufficient_funds"
    found = recorded("payment_intent_succeeded", PAYMENT_ID=attempt_id)
    assert webhook("payment_intent.succeeded", found).status_code == 200
    assert webhook("payment_intent.succeeded", found).status_code == 200  # a second delivery, a new event id

    assert payments_in_ledger(account) == [13000]
    assert account()["payments"][0]["status"] == "succeeded"
    assert len(events("billing.payment.succeeded")) == 1


def test_a_refund_reported_by_stripe_is_recorded_and_an_older_report_does_not_lower_it(
    ids, stripe_card, issued_invoice, pay, stripe_api, recorded, webhook, engine
):
    stripe_api.answer("POST", "/v1/payment_intents", 200, recorded("payment_intent_succeeded"))
    paid = pay(issued_invoice()["id"], stripe_card["id"])
    refunded = recorded("charge_refunded", PAYMENT_ID=paid.json["id"])

    assert webhook("charge.refunded", refunded).status_code == 200
    assert webhook("charge.refunded", refunded | {"amount_refunded": 3000}).status_code == 200

    table = orm.processor_refunds
    with engine.connect() as connection:
        row = connection.execute(select(table).where(table.c.charge_id == ids["pi_3QaTestCharge0001"])).mappings().one()
    assert (row["payment_id"], row["amount_refunded_cents"]) == (paid.json["id"], 5000)


def test_bad_signatures_are_400_and_take_nothing(webhook, clock, engine, recorded):
    found = recorded("payment_intent_succeeded")
    now = int(clock.now().timestamp())
    taken = select(func.count()).select_from(orm.processor_events)
    with engine.connect() as connection:
        before = connection.execute(taken).scalar_one()

    refused = [
        webhook("payment_intent.succeeded", found, secret="whsec_SomeoneElse"),
        webhook("payment_intent.succeeded", found, at=now - 301),
        webhook("payment_intent.succeeded", found, at=now + 301),
        webhook("payment_intent.succeeded", found, header="t=,v1="),
        webhook("payment_intent.succeeded", found, header=f"t={now}"),
        webhook("payment_intent.succeeded", found, header=f"t={now},v1=é"),
    ]

    for answer in refused:
        assert answer.status_code == 400
        assert answer.headers["Content-Type"].startswith("application/problem+json")
        assert answer.json["type"].endswith("webhook-signature-invalid")
    with engine.connect() as connection:
        assert connection.execute(taken).scalar_one() == before


def test_the_tolerance_is_300_seconds_either_way_of_the_services_clock(web, webhook, clock, recorded):
    found = recorded("payment_intent_succeeded")
    signed_at = int(clock.now().timestamp())

    clock.advance(seconds=300)
    assert webhook("payment_intent.succeeded", found, at=signed_at).status_code == 200
    clock.advance(seconds=1)
    assert webhook("payment_intent.succeeded", found, at=signed_at).status_code == 400
    clock.advance(seconds=-601)
    assert webhook("payment_intent.succeeded", found, at=signed_at).status_code == 200
    clock.advance(seconds=-1)
    assert webhook("payment_intent.succeeded", found, at=signed_at).status_code == 400


def test_any_of_several_v1_signatures_may_match(webhook, clock, recorded):
    found = recorded("payment_intent_succeeded")
    now = int(clock.now().timestamp())

    assert webhook("payment_intent.succeeded", found, header=f"t={now},v1={'0' * 64}").status_code == 400
    assert webhook("payment_intent.succeeded", found, stale_v1="whsec_RolledAway").status_code == 200
    both_stale = webhook("payment_intent.succeeded", found, secret="whsec_Other", stale_v1="whsec_RolledAway")
    assert both_stale.status_code == 400
