"""Stand-ins for identity's internal API and for a payment processor, shared by the unit and the
integration tests."""

import dataclasses
import datetime as dt
import json
import threading
import time
import uuid
from pathlib import Path

import pytest
from billing.service.identity import ClientDetails
from billing.service.processor import CardDetails, CardRefused, ChargeOutcome, ProcessorUnavailable, RefundOutcome
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response


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

    def save_card(self, token, owner):
        return self.card_details(token)

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

    def save_card(self, token, owner):
        return self.processor.save_card(token, owner)

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


STRIPE_FIXTURES = Path(__file__).parent / "fixtures" / "stripe"


def load_stripe_fixture(name, **replace):
    """A recorded Stripe answer (tests/fixtures/stripe), its placeholders replaced."""
    text = (STRIPE_FIXTURES / f"{name}.json").read_text()
    for placeholder, value in replace.items():
        text = text.replace(placeholder, value)
    return json.loads(text)


class RecordedStripe:
    """A real HTTP server on 127.0.0.1 answering as Stripe did (recorded JSON), keeping every request.
    `answer(method, path, status, body)` queues an answer (the last one repeats); `delay` holds one
    longer than the adapter waits."""

    def __init__(self):
        self.requests = []
        self._answers = {}
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def answer(self, method, path, status, body, delay=0.0):
        self._answers.setdefault((method, path), []).append((status, body, delay))

    def sent(self, method=None, path=None):
        return [r for r in self.requests if (method or r.method) == r.method and (path or r.path) == r.path]

    def close(self):
        self._server.shutdown()

    @Request.application
    def _wsgi(self, request):
        form = {key: request.form.getlist(key) for key in request.form}
        self.requests.append(
            SentRequest(request.method, request.path, dict(request.headers), {k: v[0] for k, v in form.items()})
        )
        queued = self._answers.get((request.method, request.path))
        if not queued:
            return Response(json.dumps({"error": {"type": "invalid_request_error", "code": "unrecorded"}}), 404)
        status, body, delay = queued.pop(0) if len(queued) > 1 else queued[0]
        if delay:
            time.sleep(delay)
        return Response(json.dumps(body), status, content_type="application/json")


@dataclasses.dataclass
class SentRequest:
    method: str
    path: str
    headers: dict
    form: dict


@pytest.fixture
def stripe_fixture():
    return load_stripe_fixture


@pytest.fixture
def stripe_api():
    server = RecordedStripe()
    yield server
    server.close()
