"""Public paths for every way in besides the password, and back in when it is forgotten: email
verification, password change and reset, sign-in links and codes, staff PINs. Answers that follow
an address (resend, forgot, link) are 202 whether or not it has an account."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from portalkit.auth import principal, requires

from identity.api import caller, dependencies
from identity.api.schemas import (
    ChallengeSchema,
    EmailOnlySchema,
    LinkConsumeSchema,
    MfaAnswerSchema,
    PasswordChangeSchema,
    PasswordResetSchema,
    PinSignInSchema,
    TextedCodeSchema,
    TokenSchema,
    TokensSchema,
    VerifiedSchema,
)
from identity.service import mfa, passwords, secret_sign_in, verification

blp = Blueprint("credentials", __name__, url_prefix="/api/v1/auth", description="Other ways in, and back in.")


@blp.post("/verify-email")
@blp.arguments(TokenSchema)
@blp.response(200, VerifiedSchema)
def verify_email(body: dict[str, Any]) -> dict[str, Any]:
    deps = dependencies()
    return verification.verify_email(deps.uow(), body["token"], deps.delivery, caller())


@blp.post("/verify-email/resend")
@blp.arguments(EmailOnlySchema)
@blp.response(202)
def resend_verification(body: dict[str, Any]) -> None:
    deps = dependencies()
    verification.resend_verification(deps.uow(), body["email"], deps.delivery, caller())


@blp.post("/password/change")
@requires()
@blp.arguments(PasswordChangeSchema)
@blp.response(204)
def change_password(body: dict[str, Any]) -> None:
    """Every other session of the account ends; the one making the change stays."""
    deps, who = dependencies(), principal()
    passwords.change_password(
        deps.uow(),
        who.account_id,
        who.session_id,
        body["current_password"],
        body["new_password"],
        deps.hasher,
        caller(),
    )


@blp.post("/password/forgot")
@blp.arguments(EmailOnlySchema)
@blp.response(202)
def forgot_password(body: dict[str, Any]) -> None:
    deps = dependencies()
    passwords.forgot_password(deps.uow(), body["email"], deps.delivery, caller())


@blp.post("/password/reset")
@blp.arguments(PasswordResetSchema)
@blp.response(204)
def reset_password(body: dict[str, Any]) -> None:
    """Every session of the account ends; the person then signs in with the new password."""
    deps = dependencies()
    passwords.reset_password(deps.uow(), passwords.Reset(**body), deps.hasher, deps.delivery, caller())


@blp.post("/link")
@blp.arguments(EmailOnlySchema)
@blp.response(202)
def request_sign_in_link(body: dict[str, Any]) -> None:
    deps = dependencies()
    secret_sign_in.request_sign_in_link(deps.uow(), body["email"], deps.delivery, caller())


@blp.post("/link/consume")
@blp.arguments(LinkConsumeSchema)
@blp.response(200, TokensSchema)
def consume_sign_in_link(body: dict[str, Any]) -> dict[str, Any]:
    deps = dependencies()
    proof = secret_sign_in.SignInProof(**body)
    return secret_sign_in.sign_in_with_link(deps.uow(), proof, deps.signing, caller())


@blp.post("/pin")
@blp.arguments(PinSignInSchema)
@blp.response(200, TokensSchema)
def sign_in_with_pin(body: dict[str, Any]) -> dict[str, Any]:
    deps = dependencies()
    proof = secret_sign_in.SignInProof(email=body["email"], code=body["pin"], practice_id=body["practice_id"])
    return secret_sign_in.sign_in_with_pin(deps.uow(), proof, deps.signing, caller())


@blp.post("/mfa")
@blp.arguments(MfaAnswerSchema)
@blp.response(200, TokensSchema)
def answer_mfa_challenge(body: dict[str, Any]) -> dict[str, Any]:
    """The second step of a sign-in: `method` is totp, sms or recovery_code."""
    deps = dependencies()
    return mfa.answer_challenge(deps.uow(), mfa.MfaAnswer(**body), deps.signing, caller())


@blp.post("/mfa/sms")
@blp.arguments(ChallengeSchema)
@blp.response(202, TextedCodeSchema)
def text_mfa_code(body: dict[str, Any]) -> dict[str, Any]:
    deps = dependencies()
    return mfa.text_challenge_code(deps.uow(), body["challenge_id"], deps.signing, caller())
