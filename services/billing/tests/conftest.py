"""Stand-ins for identity's internal API and for a payment processor, shared by the unit and the
integration tests."""

import datetime as dt
import threading
import uuid

import pytest
from billing.service.identity import ClientDetails
from billing.service.processor import CardDetails, CardRefused, ChargeOutcome, ProcessorUnavailable, RefundOutcome


class FakeIdentity:
    def __init__(self):
        self.clients = set()
        self.features_off = set()
        self.zone = dt.UTC

    def add_client(self, practice_id):
        client_id = str(uuid.uuid4())
        self.clients.add((practice_id, client_id))
        return client_id

    def client_exists(self, practice_id, client_id):
        return (practice_id, client_id) in self.clients

    def features(self, practice_id):
        return {name: False for name in self.features_off}

    def time_zone(self, practice_id):
        return self.zone

    def client_details(self, practice_id, client_id):
        if (practice_id, client_id) not in self.clients:
            return None
        return ClientDetails("Jordan Rivera", dt.date(1990, 4, 17))


class FakeProcessor:
    """A processor in memory: tokens are `tok_<outcome>`, one charge per reference; one refund per
    reference, never more than what is left of the charge."""

    def __init__(self):
        self.charges = {}
        self.refunds = {}

    def card_details(self, token):
        if not token.startswith("tok_"):
            raise CardRefused("invalid_token")
        return CardDetails("visa", "4242", 12, 2030)

    def charge(self, token, amount_cents, currency, reference):
        if reference not in self.charges:
            outcome = token.removeprefix("tok_")
            charged = (f"ch_{len(self.charges)}", None) if outcome == "ok" else (None, outcome)
            self.charges[reference] = (amount_cents, ChargeOutcome(*charged))
        return self.charges[reference][1]

    def refund(self, charge_id, amount_cents, currency, reference):
        if reference not in self.refunds:
            charged = {c.charge_id: cents for cents, c in self.charges.values() if c.charge_id}
            given = sum(cents for cents, r, of in self.refunds.values() if r.refund_id and of == charge_id)
            if charge_id not in charged:
                outcome = RefundOutcome(None, "charge_not_found")
            elif amount_cents > charged[charge_id] - given:
                outcome = RefundOutcome(None, "amount_too_large")
            else:
                outcome = RefundOutcome(f"re_{len(self.refunds)}")
            self.refunds[reference] = (amount_cents, outcome, charge_id)
        return self.refunds[reference][1]


class LosingAnswers:
    """Wraps a processor: `lose_next(charged=...)` makes the next charge's or refund's answer vanish (a
    timeout), after the processor acted (`charged=True`) or before it was asked; `hold_next()` keeps the
    next charge or refund waiting until `release()`."""

    def __init__(self, processor):
        self.processor = processor
        self._lose = None
        self._hold = self._held = None
        self.entered = threading.Event()

    def lose_next(self, charged):
        self._lose = charged

    def hold_next(self):
        self._hold = self._held = threading.Event()

    def release(self):
        self._held.set()

    def card_details(self, token):
        return self.processor.card_details(token)

    def charge(self, token, amount_cents, currency, reference):
        return self._ask(self.processor.charge, token, amount_cents, currency, reference)

    def refund(self, charge_id, amount_cents, currency, reference):
        return self._ask(self.processor.refund, charge_id, amount_cents, currency, reference)

    def _ask(self, call, *args):
        lose, self._lose = self._lose, None
        hold, self._hold = self._hold, None
        if hold is not None:
            self.entered.set()
            assert hold.wait(timeout=30)
        if lose is False:
            raise ProcessorUnavailable("timed out before the processor answered")
        outcome = call(*args)
        if lose:
            raise ProcessorUnavailable("timed out after the processor acted")
        return outcome


@pytest.fixture
def identity():
    return FakeIdentity()


@pytest.fixture
def fake_processor():
    return FakeProcessor()


@pytest.fixture
def losing_answers():
    """Wrap a processor so that its answers can be lost or held (LosingAnswers)."""
    return LosingAnswers
