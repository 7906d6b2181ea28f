"""Stripe's signed webhooks: the `Stripe-Signature` header (`t=<unix time>,v1=<hex>[,v1=...]`) holds
HMAC-SHA256 of `"{t}.{raw body}"` keyed with the endpoint's signing secret. A signature is accepted
when one v1 matches (compared in constant time; several are sent while a secret is rolled) and `t` is
within 300 seconds of now, either way. The event becomes billing's ProcessorEvent."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from billing.service.processor_events import EventKind, ProcessorEvent

TOLERANCE_SECONDS = 300
KINDS = {
    "payment_intent.succeeded": EventKind.PAYMENT_SUCCEEDED,
    "payment_intent.payment_failed": EventKind.PAYMENT_FAILED,
    "charge.refunded": EventKind.CHARGE_REFUNDED,
}


class SignatureRefused(Exception):
    """The webhook is not Stripe's, or not now's: answered 400, nothing taken."""


def sign(payload: bytes, secret: str, timestamp: int) -> str:
    """The v1 signature Stripe sends for `payload` at `timestamp`."""
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()


def verified_event(payload: bytes, header: str, secret: str, now: int) -> ProcessorEvent:
    """The event the payload holds, once its signature is checked; raises SignatureRefused."""
    pairs = [part.strip().split("=", 1) for part in header.split(",") if "=" in part]
    timestamps = [value for name, value in pairs if name == "t"]
    signatures = [value for name, value in pairs if name == "v1"]
    if len(timestamps) != 1 or not timestamps[0].isdigit() or not signatures:
        raise SignatureRefused("The Stripe-Signature header needs one t= and at least one v1=.")
    timestamp = int(timestamps[0])
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        raise SignatureRefused("The signature's time is more than 300 seconds from now.")
    expected = sign(payload, secret, timestamp).encode()
    if not any(hmac.compare_digest(expected, given.encode()) for given in signatures):
        raise SignatureRefused("No signature matches this body.")
    try:
        document = json.loads(payload)
        return _event(document)
    except (ValueError, KeyError, TypeError, AttributeError) as garbled:
        raise SignatureRefused("The body is not a Stripe event.") from garbled


def _event(document: dict[str, Any]) -> ProcessorEvent:
    kind = KINDS.get(document["type"], EventKind.OTHER)
    found: dict[str, Any] = document["data"]["object"]
    base: dict[str, Any] = {"processor": "stripe", "event_id": str(document["id"])}
    base["event_type"] = str(document["type"])
    if kind is EventKind.CHARGE_REFUNDED:
        return ProcessorEvent(
            **base,
            kind=kind,
            charge_id=found.get("payment_intent"),
            amount_refunded_cents=int(found.get("amount_refunded") or 0),
        )
    if kind in (EventKind.PAYMENT_SUCCEEDED, EventKind.PAYMENT_FAILED):
        error = found.get("last_payment_error") or {}
        return ProcessorEvent(
            **base,
            kind=kind,
            payment_id=(found.get("metadata") or {}).get("payment_id"),
            charge_id=found.get("id"),
            decline_code=error.get("decline_code") or error.get("code"),
        )
    return ProcessorEvent(**base, kind=kind)
