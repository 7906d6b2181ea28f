"""The sandbox processor's tokenisation: the browser sends the card here (never to billing's card
paths) and saves the token it gets back. Only the brand, last 4 digits and expiry are kept."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from portalkit.auth import principal, requires
from portalkit.errors import Problem, ValidationProblem

from billing.adapters.sandbox import CardInvalid
from billing.api import wiring
from billing.api.schemas import SandboxCardBody, SandboxTokenOut
from billing.service import settings
from billing.service.cards import card_refused
from billing.service.processor import CardRefused

blueprint = Blueprint(
    "sandbox", __name__, url_prefix="/api/v1/billing/sandbox", description="The sandbox processor's card tokens."
)


@blueprint.post("/tokens")
@requires()
@blueprint.arguments(SandboxCardBody)
@blueprint.response(201, SandboxTokenOut)
def tokenise(body: dict[str, Any]) -> Any:
    sandbox = wiring().sandbox
    chosen = settings.read(wiring().unit_of_work, principal().practice_id).processor
    if sandbox is None or chosen != "sandbox":
        raise Problem(404, "not-found", "The sandbox processor is not in use.")
    try:
        token, card = sandbox.tokenise(body["number"], body["exp_month"], body["exp_year"], body["cvc"])
    except CardInvalid as invalid:
        raise ValidationProblem({invalid.field: [invalid.message]}) from invalid
    except CardRefused as refused:
        raise card_refused(refused.decline_code) from refused
    return {
        "token": token,
        "brand": card.brand,
        "last4": card.last4,
        "exp_month": card.exp_month,
        "exp_year": card.exp_year,
    }, 201
