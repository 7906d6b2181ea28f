"""Notices over HTTP: a client account's preferences (`/api/v1/messaging/preferences`, its mobile number
confirmed with a texted code at `…/preferences/mobile/confirmation`, a new code at `…/mobile/code`) and the email
provider's signed webhook (`POST /api/v1/messaging/webhooks/email`, no token: the signature is the proof)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from flask import current_app, request
from flask_smorest import Blueprint
from marshmallow import Schema, fields
from portalkit.auth import CLIENT_ROLE, principal, requires
from portalkit.clock import Clock
from portalkit.errors import Problem

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.api.thread_shapes import Strict
from messaging.domain import provider_reports
from messaging.domain.notice_preferences import NoticePreference
from messaging.service import preferences
from messaging.service.provider_reports import take_in


@dataclasses.dataclass(frozen=True)
class NoticesWiring:
    unit_of_work: Callable[[], MessagingUnitOfWork]
    clock: Clock
    # EMAIL_WEBHOOK_SECRET: without one the webhook is not there (404).
    webhook_secret: str
    # The mobile confirmation codes: their pepper and the practice's name the text is signed with.
    codes: preferences.CodeSending


def wiring() -> NoticesWiring:
    return current_app.extensions["messaging_notices"]  # type: ignore[no-any-return]


class PreferenceBody(Strict):
    channel = fields.String(required=True)
    mobile = fields.String(load_default=None, allow_none=True)


class PreferenceOut(Schema):
    channel = fields.String()
    mobile = fields.String(allow_none=True)
    updated_at = fields.AwareDateTime(allow_none=True)
    # False until the client types back the code texted to `mobile` (and without a number): texts wait till then.
    mobile_confirmed = fields.Boolean()


class CodeBody(Strict):
    code = fields.String(required=True)


class CodeSentOut(Schema):
    mobile = fields.String()
    expires_at = fields.AwareDateTime()


class ReportOut(Schema):
    outcome = fields.String()


def _shape(preference: NoticePreference) -> dict[str, Any]:
    return {
        "channel": preference.channel,
        "mobile": preference.mobile,
        "updated_at": preference.updated_at,
        "mobile_confirmed": preference.mobile_confirmed,
    }


blueprint = Blueprint("notices", __name__, url_prefix="/api/v1/messaging", description="Notices.")


@blueprint.get("/preferences")
@requires(CLIENT_ROLE)
@blueprint.response(200, PreferenceOut)
def read_preferences() -> Any:
    """How the signed-in client account hears of portal news: `email` (the default), `sms` or `both`."""
    who = principal()
    return _shape(preferences.preference_of(wiring().unit_of_work(), who.practice_id, who.account_id))


@blueprint.put("/preferences")
@requires(CLIENT_ROLE)
@blueprint.arguments(PreferenceBody)
@blueprint.response(200, PreferenceOut)
def choose_preferences(body: dict[str, Any]) -> Any:
    """`{channel: email|sms|both, mobile}`: texts need `mobile` in E.164 form (422 naming it). A new or changed
    number is texted a code and stays unconfirmed (texts go by email) until the code comes back; 429
    `too-many-codes` when the account had its share of codes (nothing saved then)."""
    who = principal()
    chosen = preferences.choose(
        wiring().unit_of_work(), who.practice_id, who.account_id, body["channel"], body.get("mobile"), wiring().codes
    )
    return _shape(chosen)


@blueprint.post("/preferences/mobile/confirmation")
@requires(CLIENT_ROLE)
@blueprint.arguments(CodeBody)
@blueprint.response(200, PreferenceOut)
def confirm_mobile(body: dict[str, Any]) -> Any:
    """`{code}`: the code texted to the saved number confirms it (`mobile_confirmed: true`, event
    `messaging.mobile.confirmed`). Wrong, expired, or tried five times: 422 naming `code`, nothing confirmed.
    No unconfirmed number: 409 `nothing-to-confirm`."""
    who = principal()
    confirmed = preferences.confirm(
        wiring().unit_of_work(), who.practice_id, who.account_id, body["code"], wiring().codes.pepper
    )
    return _shape(confirmed)


@blueprint.post("/preferences/mobile/code")
@requires(CLIENT_ROLE)
@blueprint.response(202, CodeSentOut)
def send_mobile_code() -> Any:
    """Text a new code to the unconfirmed number (the one before stops working): `{mobile, expires_at}`.
    At most one a minute and five an hour: 429 `too-many-codes` with `retry_after` (seconds). No unconfirmed
    number: 409 `nothing-to-confirm`."""
    who = principal()
    preference, expires_at = preferences.send_new_code(
        wiring().unit_of_work(), who.practice_id, who.account_id, wiring().codes
    )
    return {"mobile": preference.mobile, "expires_at": expires_at}


@blueprint.post("/webhooks/email")
@blueprint.doc(
    security=[],
    description="The email provider's report (bounce, complaint, delivered), signed with EMAIL_WEBHOOK_SECRET: "
    "`Webhook-Timestamp` (Unix seconds, within 300 s) and `Webhook-Signature: v1=<hex HMAC-SHA256 of "
    "'<timestamp>.<raw body>'>`. 400 when unsigned, badly signed, stale or unreadable.",
)
@blueprint.response(200, ReportOut)
def email_report() -> Any:
    secret = wiring().webhook_secret
    if not secret:
        raise Problem(404, "not-found", "No email webhook here.")
    body = request.get_data(cache=False)
    try:
        provider_reports.verify(
            secret,
            request.headers.get(provider_reports.TIMESTAMP_HEADER),
            request.headers.get(provider_reports.SIGNATURE_HEADER),
            body,
            wiring().clock.now(),
        )
        report = provider_reports.parse(body)
    except provider_reports.BadReport as error:
        raise Problem(400, error.code, "The report was not taken in.", error.detail) from None
    return {"outcome": take_in(wiring().unit_of_work(), report)}
