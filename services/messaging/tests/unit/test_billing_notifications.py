"""Billing's declined charges: the client is told by email that a payment to the practice did not go
through and to sign in to pay, with a link to the billing page; a refund that went through: that one
was issued. No amount, no card, no invoice: the event's ids and amount stay out of the email. A
redelivered event sends nothing twice."""

import uuid

import pytest
from messaging.events import PAYMENT_FAILED, PAYMENT_REFUNDED, billing_notification_handlers
from messaging.service.appointment_requests import ClientAddress
from portalkit.broker import PoisonMessage
from portalkit.events import new_envelope

PRACTICE = "practice-harbour"
CLIENT = str(uuid.uuid4())


class FakeClients:
    def __init__(self):
        self.clients = {(PRACTICE, CLIENT): ClientAddress("robin.hale@example.com", "Robin Hale", "Harbour & Pine")}

    def client(self, practice_id, client_id):
        return self.clients.get((practice_id, client_id))


@pytest.fixture
def clients():
    return FakeClients()


@pytest.fixture
def handle(store, clients):
    handlers = billing_notification_handlers(clients, "https://portal.example/")

    def run(envelope):
        with store.uow() as uow:
            handlers[envelope.type](uow, envelope)
            uow.commit()

    return run


def failed(clock, client=CLIENT, **extra):
    data = {
        "payment_id": str(uuid.uuid4()),
        "invoice_id": str(uuid.uuid4()),
        "client_id": client,
        "amount_cents": 12345,
        "currency": "USD",
        "autopay": True,
        "decline_code": "card_declined",
    }
    return new_envelope(PAYMENT_FAILED, data | extra, PRACTICE, clock)


def test_a_declined_charge_asks_the_client_to_sign_in_and_pay_once(store, handle, clock):
    event = failed(clock)

    handle(event)
    handle(event)

    [email] = store.emails.values()
    assert email.recipient == "robin.hale@example.com"
    assert email.subject == "A payment to Harbour & Pine did not go through"
    assert "A payment to Harbour & Pine did not go through — please sign in to pay." in email.text_body
    assert "https://portal.example/billing" in email.text_body and "Robin" in email.text_body
    for secret in ("123.45", "12345", "card_declined", event.data["invoice_id"], CLIENT):
        assert secret not in email.text_body + email.html_body + email.subject


def test_each_failed_event_is_its_own_email(store, handle, clock):
    handle(failed(clock))
    handle(failed(clock))

    assert len(store.emails) == 2


def test_a_client_without_an_address_or_unknown_gets_no_email(store, handle, clients, clock):
    clients.clients[(PRACTICE, CLIENT)] = ClientAddress(None, "Robin", "Harbour & Pine")

    handle(failed(clock))
    handle(failed(clock, client=str(uuid.uuid4())))

    assert store.emails == {}


def test_an_event_without_a_client_is_poison(handle, clock):
    event = failed(clock)
    del event.data["client_id"]

    with pytest.raises(PoisonMessage):
        handle(event)


def refunded(clock, client=CLIENT):
    data = {
        "refund_id": str(uuid.uuid4()),
        "payment_id": str(uuid.uuid4()),
        "invoice_id": str(uuid.uuid4()),
        "client_id": client,
        "amount_cents": 4321,
        "currency": "USD",
    }
    return new_envelope(PAYMENT_REFUNDED, data, PRACTICE, clock)


def test_a_refund_tells_the_client_one_was_issued_once_without_the_amount(store, handle, clock):
    event = refunded(clock)

    handle(event)
    handle(event)

    [email] = store.emails.values()
    assert email.recipient == "robin.hale@example.com"
    assert email.subject == "A refund was issued by Harbour & Pine"
    assert "Harbour & Pine issued a refund to the card you paid with." in email.text_body
    assert "https://portal.example/billing" in email.text_body
    for secret in ("43.21", "4321", event.data["invoice_id"], event.data["payment_id"], CLIENT):
        assert secret not in email.text_body + email.html_body + email.subject


def test_a_refund_without_a_client_is_poison(handle, clock):
    event = refunded(clock)
    del event.data["client_id"]

    with pytest.raises(PoisonMessage):
        handle(event)
