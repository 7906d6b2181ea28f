"""The Stripe adapter: Stripe's API v1 over `requests` (form-encoded, the secret key as bearer, the API
version pinned). The browser's Stripe.js turns the card into a PaymentMethod (`pm_...`): that id is
the token billing keeps with the brand, last 4 and expiry Stripe reports for it.

- A card is saved by attaching its PaymentMethod to the client profile's Customer (one per profile,
  its id kept in `stripe_customers`) with a SetupIntent confirmed for off-session use.
- A charge is a PaymentIntent confirmed off-session. Every POST carries an Idempotency-Key (for a
  charge, billing's attempt id): asked again, Stripe answers the first answer and charges nothing
  more. Stripe keeps keys 24 hours; billing settles a lost answer within minutes.
- A refund is a Refund of the PaymentIntent, its key billing's reference.

No network, a timeout, a 5xx, 409 (the same key in flight) or 429 is ProcessorUnavailable: whether
Stripe acted is not known, and asking again with the same key finds out.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import requests
from portalkit.clock import Clock
from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from billing.adapters import orm
from billing.service.processor import (
    CardDetails,
    CardOwner,
    CardRefused,
    ChargeOutcome,
    ProcessorUnavailable,
    RefundOutcome,
)

log = logging.getLogger(__name__)

API_VERSION = "2024-06-20"
DEFAULT_API_BASE = "https://api.stripe.com"
TIMEOUT = (5.0, 30.0)  # seconds to connect, to read the answer
PAYMENT_METHOD_ID = re.compile(r"pm_[A-Za-z0-9]{1,200}")
# Answers that say nothing final: asking again with the same key settles it.
UNSETTLED_STATUSES = frozenset({409, 429})


class StripeProcessor:
    def __init__(
        self,
        secret_key: str,
        engine: Engine,
        clock: Clock,
        api_base: str = DEFAULT_API_BASE,
        http: requests.Session | None = None,
        timeout: tuple[float, float] = TIMEOUT,
    ) -> None:
        self._secret_key = secret_key
        self._engine = engine
        self._clock = clock
        self._base = api_base.rstrip("/")
        self._http = http or requests.Session()
        self._timeout = timeout

    # The port -------------------------------------------------------------------------------------

    def card_details(self, token: str) -> CardDetails:
        return _details(self._payment_method(token))

    def save_card(self, token: str, owner: CardOwner) -> CardDetails:
        method = self._payment_method(token)
        details = _details(method)
        customer = self._customer(owner)
        if method.get("customer") not in (None, customer):
            raise CardRefused("token_used")
        form = {
            "customer": customer,
            "payment_method": token,
            "confirm": "true",
            "usage": "off_session",
            "payment_method_types[]": "card",
            "metadata[practice_id]": owner.practice_id,
            "metadata[client_id]": owner.client_id,
        }
        status, body = self._post("/v1/setup_intents", form, key=f"setup-{customer}-{token}")
        if status != 200:
            raise CardRefused(_error_code(body, "card_declined"))
        if body.get("status") != "succeeded":  # requires_action: the bank asks the client to confirm
            raise CardRefused("authentication_required")
        return details

    def charge(self, token: str, amount_cents: int, currency: str, reference: str) -> ChargeOutcome:
        try:
            customer = self._payment_method(token).get("customer")
        except CardRefused as gone:  # deleted at Stripe since it was saved
            return ChargeOutcome(None, gone.decline_code)
        if not customer:
            return ChargeOutcome(None, "card_not_saved")
        form = {
            "amount": str(amount_cents),
            "currency": currency.lower(),
            "customer": customer,
            "payment_method": token,
            "confirm": "true",
            "off_session": "true",
            "metadata[payment_id]": reference,
        }
        status, body = self._post("/v1/payment_intents", form, key=reference)
        if status != 200:
            return ChargeOutcome(None, _error_code(body, "processing_error"))
        if body.get("status") == "processing":  # the first answer replayed: how does it stand now?
            body = self._get(f"/v1/payment_intents/{body['id']}")
        return _charge_outcome(body)

    def refund(self, charge_id: str, amount_cents: int, currency: str, reference: str) -> RefundOutcome:
        form = {"payment_intent": charge_id, "amount": str(amount_cents), "metadata[reference]": reference}
        status, body = self._post("/v1/refunds", form, key=reference)
        if status != 200:
            return RefundOutcome(None, _error_code(body, "refund_failed"))
        if body.get("status") in ("failed", "canceled"):
            return RefundOutcome(None, body.get("failure_reason") or "refund_failed")
        return RefundOutcome(body["id"])

    # Customers ------------------------------------------------------------------------------------

    def _customer(self, owner: CardOwner) -> str:
        """The profile's Customer, made on its first card. Two first cards at once make one Customer:
        both ask with the same key and Stripe answers the second with the first's."""
        known = self._known_customer(owner)
        if known:
            return known
        form = {"metadata[practice_id]": owner.practice_id, "metadata[client_id]": owner.client_id}
        status, body = self._post("/v1/customers", form, key=f"customer-{owner.practice_id}-{owner.client_id}")
        if status != 200:
            raise ProcessorUnavailable(f"Stripe refused a customer: {_error_code(body, 'unknown')}")
        row = {"practice_id": owner.practice_id, "client_id": owner.client_id, "customer_id": body["id"]}
        try:
            with self._engine.begin() as connection:
                connection.execute(insert(orm.stripe_customers).values(**row, created_at=self._clock.now()))
        except IntegrityError:  # the other first card recorded it
            pass
        return self._known_customer(owner) or str(body["id"])

    def _known_customer(self, owner: CardOwner) -> str | None:
        table = orm.stripe_customers
        query = select(table.c.customer_id).where(
            table.c.practice_id == owner.practice_id, table.c.client_id == owner.client_id
        )
        with self._engine.connect() as connection:
            return connection.execute(query).scalar_one_or_none()

    # HTTP -----------------------------------------------------------------------------------------

    def _payment_method(self, token: str) -> dict[str, Any]:
        if not PAYMENT_METHOD_ID.fullmatch(token):
            raise CardRefused("invalid_token")
        status, body = self._send("GET", f"/v1/payment_methods/{token}")
        if status == 404:
            raise CardRefused("invalid_token")
        if status != 200:
            raise ProcessorUnavailable(f"Stripe answered {status} for a payment method")
        if body.get("type") != "card" or not isinstance(body.get("card"), dict):
            raise CardRefused("not_a_card")
        return body

    def _get(self, path: str) -> dict[str, Any]:
        status, body = self._send("GET", path)
        if status != 200:
            raise ProcessorUnavailable(f"Stripe answered {status} for {path}")
        return body

    def _post(self, path: str, form: dict[str, str], key: str) -> tuple[int, dict[str, Any]]:
        return self._send("POST", path, form, {"Idempotency-Key": key})

    def _send(
        self, method: str, path: str, form: dict[str, str] | None = None, extra: dict[str, str] | None = None
    ) -> tuple[int, dict[str, Any]]:
        headers = {"Authorization": f"Bearer {self._secret_key}", "Stripe-Version": API_VERSION} | (extra or {})
        try:
            answer = self._http.request(method, self._base + path, data=form, headers=headers, timeout=self._timeout)
        except requests.RequestException as lost:
            raise ProcessorUnavailable(f"No answer from Stripe: {type(lost).__name__}") from lost
        if answer.status_code >= 500 or answer.status_code in UNSETTLED_STATUSES:
            raise ProcessorUnavailable(f"Stripe answered {answer.status_code}")
        if answer.status_code in (401, 403):  # nothing was done; an operator must fix the key
            log.error("stripe refused the secret key", extra={"status": answer.status_code})
            raise ProcessorUnavailable(f"Stripe answered {answer.status_code}: check STRIPE_SECRET_KEY")
        try:
            body = answer.json()
        except ValueError as garbled:
            raise ProcessorUnavailable("Stripe's answer was not JSON") from garbled
        if not isinstance(body, dict):
            raise ProcessorUnavailable("Stripe's answer was not an object")
        return answer.status_code, body


def _details(method: dict[str, Any]) -> CardDetails:
    card = method["card"]
    return CardDetails(str(card["brand"]), str(card["last4"]), int(card["exp_month"]), int(card["exp_year"]))


def _error_code(body: dict[str, Any], default: str) -> str:
    """A card error's issuer reason (insufficient_funds, ...) or else its code (card_declined,
    expired_card, incorrect_cvc, authentication_required, ...)."""
    found = body.get("error")
    error: dict[str, Any] = found if isinstance(found, dict) else {}
    reason = error.get("decline_code")
    if reason and reason != "generic_decline":
        return str(reason)
    return str(error.get("code") or default)


def _charge_outcome(intent: dict[str, Any]) -> ChargeOutcome:
    status = intent.get("status")
    if status == "succeeded":
        return ChargeOutcome(str(intent["id"]))
    if status == "processing":
        raise ProcessorUnavailable("The payment is still processing at Stripe")
    if status == "requires_action":
        return ChargeOutcome(None, "authentication_required")
    return ChargeOutcome(None, _error_code({"error": intent.get("last_payment_error") or {}}, "card_declined"))


def is_stripe_token(token: str) -> bool:
    return PAYMENT_METHOD_ID.fullmatch(token) is not None


def is_stripe_charge(charge_id: str) -> bool:
    """A charge made here is its PaymentIntent (`pi_...`); the sandbox's are `ch_sandbox_...`."""
    return charge_id.startswith("pi_")
