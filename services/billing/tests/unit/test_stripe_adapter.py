"""The Stripe adapter against a real local HTTP server answering Stripe's recorded responses
(tests/fixtures/stripe): what it sends (path, form fields, Idempotency-Key, key, API version) and
how it reads each answer."""

import datetime as dt

import pytest
from billing.adapters import orm
from billing.adapters.stripe import API_VERSION, StripeProcessor
from billing.service.processor import CardOwner, CardRefused, ProcessorUnavailable
from portalkit.clock import FixedClock
from portalkit.db import make_engine
from sqlalchemy import select

SECRET = "sk_test_RecordedKey0001"
PM = "pm_1QaTestVisa4242Aa"
CUSTOMER = "cus_RtestCustomer01"
OWNER = CardOwner("practice-1", "0b9c8a52-3f0e-4c4e-9a55-1c2d3e4f5a6b")
PAYMENT_ID = "5e0c6d1a-7b8c-4d9e-8f10-2a3b4c5d6e7f"


@pytest.fixture
def engine():
    engine = make_engine("sqlite://")
    orm.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def stripe(engine, stripe_api):
    clock = FixedClock(dt.datetime(2026, 12, 3, 15, tzinfo=dt.UTC))
    return StripeProcessor(SECRET, engine, clock, stripe_api.url, timeout=(1.0, 0.5))


def assert_signed(request, key=None):
    assert request.headers["Authorization"] == f"Bearer {SECRET}"
    assert request.headers["Stripe-Version"] == API_VERSION
    if key is not None:
        assert request.headers["Idempotency-Key"] == key
        assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"


def test_card_details_are_read_from_the_payment_method(stripe_fixture, stripe, stripe_api):
    stripe_api.answer("GET", f"/v1/payment_methods/{PM}", 200, stripe_fixture("payment_method"))

    details = stripe.card_details(PM)

    assert (details.brand, details.last4, details.exp_month, details.exp_year) == ("visa", "4242", 8, 2031)
    [sent] = stripe_api.requests
    assert_signed(sent)


def test_saving_a_card_makes_the_profile_customer_once_and_confirms_a_setup_intent(
    stripe_fixture, stripe, stripe_api, engine
):
    stripe_api.answer("GET", f"/v1/payment_methods/{PM}", 200, stripe_fixture("payment_method"))
    stripe_api.answer("POST", "/v1/customers", 200, stripe_fixture("customer"))
    stripe_api.answer("POST", "/v1/setup_intents", 200, stripe_fixture("setup_intent_succeeded"))

    details = stripe.save_card(PM, OWNER)
    stripe.save_card(PM, OWNER)  # a second card of the same profile: the same customer

    assert details.last4 == "4242"
    [customer] = stripe_api.sent("POST", "/v1/customers")
    assert_signed(customer, key=f"customer-{OWNER.practice_id}-{OWNER.client_id}")
    assert customer.form == {"metadata[practice_id]": OWNER.practice_id, "metadata[client_id]": OWNER.client_id}
    setup = stripe_api.sent("POST", "/v1/setup_intents")[0]
    assert_signed(setup, key=f"setup-{CUSTOMER}-{PM}")
    assert setup.form | {"metadata[client_id]": "-"} == {
        "customer": CUSTOMER,
        "payment_method": PM,
        "confirm": "true",
        "usage": "off_session",
        "payment_method_types[]": "card",
        "metadata[practice_id]": OWNER.practice_id,
        "metadata[client_id]": "-",
    }
    with engine.connect() as connection:
        assert connection.execute(select(orm.stripe_customers.c.customer_id)).scalars().all() == [CUSTOMER]


def test_a_payment_method_of_another_customer_is_refused(stripe_fixture, stripe, stripe_api, engine):
    other = stripe_fixture("payment_method_attached", cus_RtestCustomer01="cus_RtestSomeoneElse")
    stripe_api.answer("GET", f"/v1/payment_methods/{PM}", 200, other)
    stripe_api.answer("POST", "/v1/customers", 200, stripe_fixture("customer"))

    with pytest.raises(CardRefused) as refused:
        stripe.save_card(PM, OWNER)

    assert refused.value.decline_code == "token_used"
    assert not stripe_api.sent("POST", "/v1/setup_intents")


def test_an_unknown_or_malformed_token_is_refused(stripe_fixture, stripe, stripe_api):
    stripe_api.answer("GET", "/v1/payment_methods/pm_1QaTestMissing0001", 404, stripe_fixture("resource_missing"))

    for token in ("pm_1QaTestMissing0001", "tok_sandbox_abc", "pm_../../v1/charges"):
        with pytest.raises(CardRefused) as refused:
            stripe.card_details(token)
        assert refused.value.decline_code == "invalid_token"
    assert len(stripe_api.requests) == 1  # only the well-formed id was asked about


def test_a_charge_is_an_off_session_payment_intent_keyed_by_the_reference(stripe_fixture, stripe, stripe_api):
    stripe_api.answer("GET", f"/v1/payment_methods/{PM}", 200, stripe_fixture("payment_method_attached"))
    succeeded = stripe_fixture("payment_intent_succeeded", PAYMENT_ID=PAYMENT_ID)
    stripe_api.answer("POST", "/v1/payment_intents", 200, succeeded)

    outcome = stripe.charge(PM, 13000, "USD", reference=PAYMENT_ID)

    assert outcome.succeeded and outcome.charge_id == "pi_3QaTestCharge0001"
    [sent] = stripe_api.sent("POST", "/v1/payment_intents")
    assert_signed(sent, key=PAYMENT_ID)
    assert sent.form == {
        "amount": "13000",
        "currency": "usd",
        "customer": CUSTOMER,
        "payment_method": PM,
        "confirm": "true",
        "off_session": "true",
        "metadata[payment_id]": PAYMENT_ID,
    }


@pytest.mark.parametrize(
    ("recorded", "decline_code"), [("card_declined", "card_declined"), ("insufficient_funds", "insufficient_funds")]
)
def test_a_card_error_is_a_decline_with_its_code(stripe_fixture, stripe, stripe_api, recorded, decline_code):
    stripe_api.answer("GET", f"/v1/payment_methods/{PM}", 200, stripe_fixture("payment_method_attached"))
    stripe_api.answer("POST", "/v1/payment_intents", 402, stripe_fixture(recorded, PAYMENT_ID=PAYMENT_ID))

    outcome = stripe.charge(PM, 13000, "USD", reference=PAYMENT_ID)

    assert not outcome.succeeded and outcome.decline_code == decline_code


def test_a_5xx_or_a_timeout_leaves_the_charge_unknown_and_a_retry_sends_the_same_key(
    stripe_fixture, stripe, stripe_api
):
    stripe_api.answer("GET", f"/v1/payment_methods/{PM}", 200, stripe_fixture("payment_method_attached"))
    stripe_api.answer("POST", "/v1/payment_intents", 500, stripe_fixture("api_error"))
    stripe_api.answer("POST", "/v1/payment_intents", 200, {}, delay=1.5)  # longer than the 0.5 s read timeout
    stripe_api.answer("POST", "/v1/payment_intents", 200, stripe_fixture("payment_intent_succeeded"))

    for _ in range(2):
        with pytest.raises(ProcessorUnavailable):
            stripe.charge(PM, 13000, "USD", reference=PAYMENT_ID)
    outcome = stripe.charge(PM, 13000, "USD", reference=PAYMENT_ID)

    assert outcome.charge_id == "pi_3QaTestCharge0001"
    keys = [sent.headers["Idempotency-Key"] for sent in stripe_api.sent("POST", "/v1/payment_intents")]
    assert keys == [PAYMENT_ID] * 3


def test_no_server_at_all_is_unavailable(engine):
    clock = FixedClock(dt.datetime(2026, 12, 3, 15, tzinfo=dt.UTC))
    nowhere = StripeProcessor(SECRET, engine, clock, "http://127.0.0.1:9", timeout=(0.5, 0.5))

    with pytest.raises(ProcessorUnavailable):
        nowhere.charge(PM, 13000, "USD", reference=PAYMENT_ID)


def test_a_payment_still_processing_is_looked_up_and_waits_while_it_processes(stripe_fixture, stripe, stripe_api):
    stripe_api.answer("GET", f"/v1/payment_methods/{PM}", 200, stripe_fixture("payment_method_attached"))
    processing = stripe_fixture("payment_intent_succeeded") | {"status": "processing"}
    stripe_api.answer("POST", "/v1/payment_intents", 200, processing)
    stripe_api.answer("GET", "/v1/payment_intents/pi_3QaTestCharge0001", 200, processing)
    stripe_api.answer(
        "GET", "/v1/payment_intents/pi_3QaTestCharge0001", 200, stripe_fixture("payment_intent_succeeded")
    )

    with pytest.raises(ProcessorUnavailable):
        stripe.charge(PM, 13000, "USD", reference=PAYMENT_ID)
    assert stripe.charge(PM, 13000, "USD", reference=PAYMENT_ID).charge_id == "pi_3QaTestCharge0001"


def test_a_refund_of_the_payment_intent_keyed_by_the_reference(stripe_fixture, stripe, stripe_api):
    stripe_api.answer("POST", "/v1/refunds", 200, stripe_fixture("refund", REFERENCE="refund-1"))

    outcome = stripe.refund("pi_3QaTestCharge0001", 5000, "USD", reference="refund-1")

    assert outcome.succeeded and outcome.refund_id == "re_3QaTestRefund0001"
    [sent] = stripe_api.sent("POST", "/v1/refunds")
    assert_signed(sent, key="refund-1")
    assert sent.form == {"payment_intent": "pi_3QaTestCharge0001", "amount": "5000", "metadata[reference]": "refund-1"}


def test_a_refused_or_failed_refund_says_why_and_a_lost_one_is_unavailable(stripe_fixture, stripe, stripe_api):
    refused = {"error": {"code": "charge_already_refunded", "message": "Charge has already been refunded."}}
    refused["error"]["type"] = "invalid_request_error"
    stripe_api.answer("POST", "/v1/refunds", 400, refused)
    stripe_api.answer("POST", "/v1/refunds", 200, stripe_fixture("refund") | {"status": "failed"})
    stripe_api.answer("POST", "/v1/refunds", 503, stripe_fixture("api_error"))

    assert stripe.refund("pi_3QaTestCharge0001", 5000, "USD", "r-1").failure_code == "charge_already_refunded"
    assert stripe.refund("pi_3QaTestCharge0001", 5000, "USD", "r-2").failure_code == "refund_failed"
    with pytest.raises(ProcessorUnavailable):
        stripe.refund("pi_3QaTestCharge0001", 5000, "USD", "r-3")


def test_a_payment_method_deleted_at_stripe_since_it_was_saved_is_a_decline(stripe_fixture, stripe, stripe_api):
    stripe_api.answer("GET", f"/v1/payment_methods/{PM}", 404, stripe_fixture("resource_missing"))

    outcome = stripe.charge(PM, 13000, "USD", reference=PAYMENT_ID)

    assert (outcome.succeeded, outcome.decline_code) == (False, "invalid_token")
    assert not stripe_api.sent("POST", "/v1/payment_intents")
