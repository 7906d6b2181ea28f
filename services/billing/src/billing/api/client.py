"""What the client does: save cards, enrol in autopay, see invoices and the balance, pay."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_smorest import Blueprint
from portalkit.auth import requires
from portalkit.errors import Problem

from billing.api import client_caller, idempotent, wiring
from billing.api.schemas import (
    AutopayBody,
    AutopayOut,
    CardOut,
    CardsOut,
    CardTokenBody,
    ClientInvoicesOut,
    PayBody,
    PaymentOut,
    ProcessorOut,
)
from billing.domain.cards import AUTOPAY_CONSENT_TEXT, AUTOPAY_CONSENT_VERSION, AutopayEnrollment
from billing.domain.invoice import InvoiceStatus
from billing.domain.payment import AttemptStatus
from billing.service import autopay, cards, invoices, payments, settings

blueprint = Blueprint("client", __name__, url_prefix="/api/v1/billing", description="The client's billing.")


@blueprint.get("/cards")
@requires("client")
@blueprint.response(200, CardsOut)
def my_cards() -> Any:
    return {"items": cards.list_cards(wiring().unit_of_work, client_caller())}


@blueprint.post("/cards")
@requires("client")
@blueprint.arguments(CardTokenBody)
@blueprint.response(201, CardOut)
def add_card(body: dict[str, Any]) -> Any:
    """Save a card from the token of the practice's processor (the sandbox's: POST
    /api/v1/billing/sandbox/tokens; Stripe's: a PaymentMethod id from Stripe.js)."""
    caller = client_caller()
    chosen = settings.read(wiring().unit_of_work, caller.practice_id).processor
    return cards.add_card(wiring().unit_of_work, wiring().processors.named(chosen), caller, body["token"]), 201


@blueprint.get("/processor")
@requires("client")
@blueprint.response(200, ProcessorOut)
def my_processor() -> Any:
    """Which tokenisation the card form uses for this practice."""
    chosen = settings.read(wiring().unit_of_work, client_caller().practice_id).processor
    return {
        "processor": chosen,
        "publishable_key": (wiring().stripe_publishable_key or None) if chosen == "stripe" else None,
    }


@blueprint.post("/cards/<card_id>/default")
@requires("client")
@blueprint.response(200, CardOut)
def make_default(card_id: str) -> Any:
    return cards.make_default(wiring().unit_of_work, client_caller(), card_id)


@blueprint.delete("/cards/<card_id>")
@requires("client")
@blueprint.response(204)
def remove_card(card_id: str) -> Any:
    cards.remove_card(wiring().unit_of_work, client_caller(), card_id)
    return "", 204


@blueprint.get("/autopay")
@requires("client")
@blueprint.response(200, AutopayOut)
def my_autopay() -> Any:
    """Whether autopay is on, and the consent to read before turning it on."""
    return autopay_shape(autopay.enrollment(wiring().unit_of_work, client_caller()))


@blueprint.put("/autopay")
@requires("client")
@blueprint.arguments(AutopayBody)
@blueprint.response(200, AutopayOut)
def enroll(body: dict[str, Any]) -> Any:
    """Enrol with a saved card, agreeing to the consent of `consent_version`; enrolled: change the card."""
    caller = client_caller()
    autopay.refuse_if_off(wiring().identity.features(caller.practice_id))
    consent = autopay.Consent(body["consent_version"], request.remote_addr or "unknown")
    return autopay_shape(autopay.enroll(wiring().unit_of_work, caller, body["card_id"], consent))


@blueprint.delete("/autopay")
@requires("client")
@blueprint.response(204)
def unenroll() -> Any:
    autopay.unenroll(wiring().unit_of_work, client_caller())
    return "", 204


def autopay_shape(enrolled: AutopayEnrollment | None) -> dict[str, Any]:
    return {
        "enrolled": enrolled is not None,
        "card_id": enrolled.card_id if enrolled else None,
        "enrolled_at": enrolled.enrolled_at if enrolled else None,
        "consent_version": AUTOPAY_CONSENT_VERSION,
        "consent_text": AUTOPAY_CONSENT_TEXT,
    }


@blueprint.get("/invoices")
@requires("client")
@blueprint.response(200, ClientInvoicesOut)
def my_invoices() -> Any:
    caller = client_caller()
    found, balance = invoices.client_invoices(wiring().unit_of_work, caller)
    return {
        "balance_cents": balance,
        "currency": settings.read(wiring().unit_of_work, caller.practice_id).currency,
        "open": [i for i in found if i.status is InvoiceStatus.ISSUED],
        "paid": [i for i in found if i.status is InvoiceStatus.PAID],
    }


@blueprint.post("/invoices/<invoice_id>/payments")
@requires("client")
@idempotent
@blueprint.arguments(PayBody)
@blueprint.response(201, PaymentOut)
def pay(body: dict[str, Any], invoice_id: str) -> Any:
    """Pay what the invoice asks with a saved card; needs an `Idempotency-Key` header. Declined: 402."""
    caller = client_caller()
    payer = payments.Payer(caller.practice_id, caller.client_id)
    attempt = payments.pay(wiring().unit_of_work, wiring().processor, payer, invoice_id, body["card_id"])
    if attempt.status is AttemptStatus.FAILED:
        raise Problem(
            402,
            "payment-declined",
            "The card was declined.",
            "Pay with another card, or ask your bank.",
            decline_code=attempt.decline_code,
            payment_id=attempt.id,
        )
    return attempt, 201
