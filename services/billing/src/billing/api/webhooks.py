"""Processor webhooks: no user token (the gateway passes the path through as public); the signature
is the proof. A bad signature is 400 problem+json and takes nothing; an event taken before is 200 and
changes nothing."""

from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask_smorest import Blueprint
from portalkit.errors import Problem

from billing.adapters.stripe_webhooks import SignatureRefused, verified_event
from billing.api import wiring
from billing.service import processor_events

blueprint = Blueprint(
    "webhooks", __name__, url_prefix="/api/v1/billing/webhooks", description="Payment processors' webhooks."
)


@blueprint.post("/stripe")
@blueprint.response(200)
def stripe() -> Any:
    secret = current_app.extensions.get("billing_webhook_secret", "")
    if not secret:
        raise Problem(404, "not-found", "Stripe is not set up for this portal.")
    now = int(current_app.extensions["billing_clock"].now().timestamp())
    try:
        event = verified_event(request.get_data(cache=True), request.headers.get("Stripe-Signature", ""), secret, now)
    except SignatureRefused as refused:
        title = "The webhook's signature was refused."
        raise Problem(400, "webhook-signature-invalid", title, str(refused)) from refused
    taken = processor_events.take(wiring().unit_of_work, event)
    return {"received": True, "replayed": not taken}
