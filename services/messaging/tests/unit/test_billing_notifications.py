"""Billing's declined charges: the client is told that a payment to the practice did not go through and
to sign in to pay, with a link to the billing page; a refund that went through: that one was issued.
As every client notice: by email and / or text as the account chose, only with consent to electronic
notices. No amount, no card, no invoice: the event's ids and amount stay out of it. A redelivered event
sends nothing twice."""

import dataclasses
import uuid

import pytest
from messaging.domain.notice_preferences import NoticePreference
from messaging.events import ESTIMATE_ISSUED, PAYMENT_FAILED, PAYMENT_REFUNDED, billing_notification_handlers
from messaging.service.client_notices import ClientContact
from portalkit.broker import PoisonMessage
from portalkit.events import new_envelope

PRACTICE = "practice-harbour"
CLIENT = str(uuid.uuid4())


ROBIN = ClientContact(
    "robin.hale@example.com", "Robin Hale", "Harbour & Pine", True, None, "acc-robin", notices_consented=True
)


class FakeContacts:
    def __init__(self):
        self.clients = {(PRACTICE, CLIENT): ROBIN}

    def contact(self, practice_id, client_id):
        return self.clients.get((practice_id, client_id))


@pytest.fixture
def clients():
    return FakeContacts()


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
    clients.clients[(PRACTICE, CLIENT)] = dataclasses.replace(ROBIN, email=None)

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


def estimate_issued(clock, client=CLIENT):
    data = {"estimate_id": str(uuid.uuid4()), "series_id": str(uuid.uuid4()), "client_id": client}
    return new_envelope(ESTIMATE_ISSUED, data, PRACTICE, clock)


def test_an_issued_estimate_asks_the_client_to_read_it_once_with_a_link_to_it(store, handle, clock):
    event = estimate_issued(clock)

    handle(event)
    handle(event)

    [email] = store.emails.values()
    assert email.template == "billing_estimate_issued"
    assert email.subject == "Harbour & Pine sent you a Good Faith Estimate"
    assert "Sign in to read it, download a copy and acknowledge that you received it." in email.text_body
    assert "https://portal.example/billing#estimates" in email.text_body
    for secret in (event.data["estimate_id"], event.data["series_id"], CLIENT):
        assert secret not in email.text_body + email.html_body + email.subject


def test_without_consent_to_electronic_notices_nothing_is_sent_and_that_is_recorded(store, handle, clients, clock):
    clients.clients[(PRACTICE, CLIENT)] = dataclasses.replace(ROBIN, notices_consented=False)

    handle(failed(clock))

    assert (store.emails, store.texts) == ({}, {})
    assert [(w[1], w[4]) for w in store.withheld] == [(CLIENT, "no consent to electronic notices")]


@pytest.mark.parametrize("event", [failed, refunded, estimate_issued])
def test_a_client_who_chose_texts_gets_a_text_without_amount_or_card(store, handle, clock, event):
    store.preferences[(PRACTICE, "acc-robin")] = NoticePreference.choose("sms", "+15555550123", clock.now()).confirmed(
        clock.now()
    )

    handle(event(clock))

    assert store.emails == {}
    (text,) = store.texts.values()
    assert "Harbour & Pine" in text.body and "https://portal.example/billing" in text.body
    for secret in ("12345", "123.45", "4321", "43.21", "card_declined", CLIENT):
        assert secret not in text.body
