"""Each call goes to the processor that owns the card or the charge: a practice that moves from the
sandbox to Stripe still charges and refunds what the sandbox made, and a processor whose keys were
taken away refuses new cards and leaves charges and refunds pending."""

import pytest
from billing.adapters.processors import SANDBOX, STRIPE, Processors
from billing.service.processor import CardOwner, CardRefused, ChargeOutcome, ProcessorUnavailable, RefundOutcome


class Recording:
    def __init__(self, name):
        self.name = name
        self.calls = []

    def card_details(self, token):
        self.calls.append(("card_details", token))

    def save_card(self, token, owner):
        self.calls.append(("save_card", token))

    def charge(self, token, amount_cents, currency, reference):
        self.calls.append(("charge", token))
        return ChargeOutcome(f"{self.name}-charge")

    def refund(self, charge_id, amount_cents, currency, reference):
        self.calls.append(("refund", charge_id))
        return RefundOutcome(f"{self.name}-refund")


STRIPE_CARD = "pm_1PqRstUvWxYz0123456789ab"
OWNER = CardOwner("practice-1", "client-1")


@pytest.fixture
def sandbox():
    return Recording(SANDBOX)


@pytest.fixture
def stripe():
    return Recording(STRIPE)


def test_cards_and_charges_go_to_the_processor_that_made_them(sandbox, stripe):
    processors = Processors(sandbox, stripe)

    processors.charge("tok_sandbox_abc", 5000, "USD", "pay-1")
    processors.charge(STRIPE_CARD, 5000, "USD", "pay-2")
    processors.save_card(STRIPE_CARD, OWNER)
    processors.refund("ch_sandbox_abc", 1000, "USD", "refund-1")
    processors.refund("pi_3PqRstUvWxYz0123456789", 1000, "USD", "refund-2")

    assert sandbox.calls == [("charge", "tok_sandbox_abc"), ("refund", "ch_sandbox_abc")]
    assert stripe.calls == [
        ("charge", STRIPE_CARD),
        ("save_card", STRIPE_CARD),
        ("refund", "pi_3PqRstUvWxYz0123456789"),
    ]


def test_without_stripes_keys_its_cards_are_refused_and_its_money_waits(sandbox):
    processors = Processors(sandbox)

    assert processors.available() == (SANDBOX,)
    with pytest.raises(CardRefused):
        processors.save_card(STRIPE_CARD, OWNER)
    with pytest.raises(ProcessorUnavailable):
        processors.charge(STRIPE_CARD, 5000, "USD", "pay-1")
    with pytest.raises(ProcessorUnavailable):
        processors.refund("pi_3PqRstUvWxYz0123456789", 1000, "USD", "refund-1")
    assert sandbox.calls == []
