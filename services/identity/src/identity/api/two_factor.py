"""A signed-in person's two-factor sign-in: set up an authenticator app or a phone, see what is on,
turn it off. These paths stay open to staff who must still enrol."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from portalkit.auth import principal, requires

from identity.adapters.qr_code import qr_svg
from identity.api import caller, dependencies
from identity.api.schemas import (
    ConfirmCodeSchema,
    CurrentPasswordSchema,
    PhoneSchema,
    RecoveryCodesSchema,
    TextedCodeSchema,
    TotpEnrolmentSchema,
    TwoFactorStatusSchema,
)
from identity.service import two_factor as use_cases

blp = Blueprint("two-factor", __name__, url_prefix="/api/v1/me/2fa", description="My two-factor sign-in.")


def _me() -> use_cases.Me:
    who = principal()
    return use_cases.Me(who.account_id, who.session_id)


@blp.get("")
@requires()
@blp.response(200, TwoFactorStatusSchema)
def two_factor_status() -> dict[str, Any]:
    return use_cases.status(dependencies().uow(), principal().account_id)


@blp.post("/totp")
@requires()
@blp.response(200, TotpEnrolmentSchema)
def start_totp() -> dict[str, Any]:
    """The secret, its otpauth:// address and its QR code; nothing is on until a code confirms it."""
    deps = dependencies()
    started = use_cases.start_totp(deps.uow(), principal().account_id, deps.delivery)
    return {**started, "qr_svg": qr_svg(started["otpauth_uri"])}


@blp.post("/totp/confirm")
@requires()
@blp.arguments(ConfirmCodeSchema)
@blp.response(200, RecoveryCodesSchema)
def confirm_totp(body: dict[str, Any]) -> dict[str, Any]:
    """On; the ten recovery codes are in this answer and nowhere else, ever."""
    deps = dependencies()
    return use_cases.confirm_totp(deps.uow(), _me(), body["code"], deps.delivery, caller())


@blp.post("/sms")
@requires()
@blp.arguments(PhoneSchema)
@blp.response(202, TextedCodeSchema)
def start_sms(body: dict[str, Any]) -> dict[str, Any]:
    deps = dependencies()
    return use_cases.start_sms(deps.uow(), principal().account_id, body["phone"], deps.delivery, caller())


@blp.post("/sms/confirm")
@requires()
@blp.arguments(ConfirmCodeSchema)
@blp.response(200, RecoveryCodesSchema)
def confirm_sms(body: dict[str, Any]) -> dict[str, Any]:
    deps = dependencies()
    return use_cases.confirm_sms(deps.uow(), _me(), body["code"], deps.delivery, caller())


@blp.delete("")
@requires()
@blp.arguments(CurrentPasswordSchema)
@blp.response(204)
def turn_off(body: dict[str, Any]) -> None:
    """Every other session ends; the one making the change stays."""
    deps = dependencies()
    use_cases.turn_off(deps.uow(), _me(), body["current_password"], deps.hasher, caller())
