"""What the API accepts and answers; unknown fields in a body are refused (marshmallow's default)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from identity.domain.model import AGREEMENT_KINDS, STAFF_ROLES
from identity.domain.practice_settings import FEATURES, LIMITS
from identity.domain.profile_links import KINDS as LINK_KINDS
from identity.domain.two_factor import METHODS as TWO_FACTOR_METHODS

NAME = [validate.Length(min=1, max=100), validate.Regexp(r"\s*\S", error="Must not be blank.")]
EMAIL = validate.Length(max=320)
# Long enough for any password the policy accepts, short enough that hashing stays cheap.
PASSWORD = validate.Length(min=1, max=1024)


class LoginSchema(Schema):
    email = fields.String(required=True, validate=EMAIL)
    password = fields.String(required=True, validate=PASSWORD)
    practice_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=36))


class RefreshSchema(Schema):
    refresh_token = fields.String(required=True, validate=validate.Length(min=1, max=200))


class LogoutSchema(Schema):
    refresh_token = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200))


class TokensSchema(Schema):
    """Tokens; or, when two-factor sign-in is on, the challenge to answer at /auth/mfa."""

    access_token = fields.String()
    refresh_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()
    mfa_required = fields.Boolean()
    challenge_id = fields.String()
    methods = fields.List(fields.String())
    expires_at = fields.String()
    # A staff member of a practice that requires two-factor sign-in, without it: staff paths answer
    # 403 `mfa-enrolment-required` until it is on.
    mfa_enrolment_required = fields.Boolean()


class MeSchema(Schema):
    account_id = fields.String()
    email = fields.String()
    profile_id = fields.String(allow_none=True)
    practice_id = fields.String()
    role = fields.String()
    first_name = fields.String(allow_none=True)
    last_name = fields.String(allow_none=True)
    practice_name = fields.String(allow_none=True)
    two_factor_enabled = fields.Boolean()
    mfa_enrolment_required = fields.Boolean()
    # The practice's idle timeout: pages warn before it signs the person out.
    session_idle_seconds = fields.Integer()


class NewClientSchema(Schema):
    first_name = fields.String(required=True, validate=NAME)
    last_name = fields.String(required=True, validate=NAME)
    email = fields.Email(required=True, validate=EMAIL)
    date_of_birth = fields.Date(load_default=None, allow_none=True)
    phone = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=30))
    other_emails = fields.List(fields.Email(validate=EMAIL), load_default=list, validate=validate.Length(max=10))


class ClientEmailSchema(Schema):
    address = fields.String()
    is_default = fields.Boolean()


class ClientAccountSchema(Schema):
    id = fields.String()
    status = fields.String()
    created_at = fields.AwareDateTime()
    # Internal answers only: whether the account accepted electronic notices at sign-up.
    electronic_notices = fields.Boolean()


class ClientSchema(Schema):
    id = fields.String()
    first_name = fields.String()
    last_name = fields.String()
    date_of_birth = fields.Date(allow_none=True)
    phone = fields.String(allow_none=True)
    emails = fields.List(fields.Nested(ClientEmailSchema))
    created_at = fields.AwareDateTime()
    account = fields.Nested(ClientAccountSchema, allow_none=True)


class ClientListSchema(Schema):
    items = fields.List(fields.Nested(ClientSchema))


class PracticeSchema(Schema):
    id = fields.String()
    name = fields.String()
    invitation_expiry_hours = fields.Integer()
    invitation_reminder_hours = fields.Integer()
    features = fields.Dict(keys=fields.String(), values=fields.Boolean())


class PracticeClientSchema(ClientSchema):
    practice = fields.Nested(PracticeSchema)


class StaffRolesQuerySchema(Schema):
    role = fields.List(fields.String(validate=validate.OneOf(STAFF_ROLES)), load_default=list)


class PracticeNameSchema(Schema):
    id = fields.String()
    name = fields.String()


class StaffMemberSchema(Schema):
    account_id = fields.String()
    email = fields.String()
    role = fields.String()


class PracticeStaffSchema(Schema):
    practice = fields.Nested(PracticeNameSchema)
    items = fields.List(fields.Nested(StaffMemberSchema))


class AgreementSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(AGREEMENT_KINDS))
    version = fields.String(required=True, validate=validate.Length(min=1, max=50))
    accepted_at = fields.AwareDateTime(required=True)


class NewAccountSchema(Schema):
    practice_id = fields.String(required=True, validate=validate.Length(min=1, max=36))
    client_id = fields.UUID(required=True)
    invitation_id = fields.UUID(required=True)
    email = fields.Email(required=True, validate=EMAIL)
    password = fields.String(required=True, validate=PASSWORD)
    agreements = fields.List(fields.Nested(AgreementSchema), required=True, validate=validate.Length(max=10))


class OpenedAccountSchema(Schema):
    account_id = fields.String()
    email = fields.String()
    created = fields.Boolean()


TOKEN = validate.Length(min=1, max=200)
CODE = validate.Regexp(r"^\s*\d{6}\s*$", error="Enter the 6 digits.")


class EmailOnlySchema(Schema):
    email = fields.String(required=True, validate=EMAIL)


class TokenSchema(Schema):
    token = fields.String(required=True, validate=TOKEN)


class VerifiedSchema(Schema):
    account_id = fields.String()
    email = fields.String()
    verified = fields.Boolean()
    practice_id = fields.String()


class PasswordChangeSchema(Schema):
    current_password = fields.String(required=True, validate=PASSWORD)
    new_password = fields.String(required=True, validate=PASSWORD)


class PasswordResetSchema(Schema):
    """Either `{email, code, password}` (the emailed code) or `{token, password}` (a staff reset link)."""

    password = fields.String(required=True, validate=PASSWORD)
    email = fields.String(load_default=None, validate=EMAIL)
    code = fields.String(load_default=None, validate=CODE)
    token = fields.String(load_default=None, validate=TOKEN)
    practice_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=36))

    @validates_schema
    def _one_proof(self, data: dict[str, Any], **_: Any) -> None:
        _require_one_proof(data)


class LinkConsumeSchema(Schema):
    """Either `{token}` (the emailed link) or `{email, code}` (the code printed beside it)."""

    email = fields.String(load_default=None, validate=EMAIL)
    code = fields.String(load_default=None, validate=CODE)
    token = fields.String(load_default=None, validate=TOKEN)
    practice_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=36))

    @validates_schema
    def _one_proof(self, data: dict[str, Any], **_: Any) -> None:
        _require_one_proof(data)


def _require_one_proof(data: dict[str, Any]) -> None:
    has_code = bool(data.get("email")) and bool(data.get("code"))
    if bool(data.get("token")) == has_code:
        raise ValidationError("Give either the token, or the email with its code.", "token")


class PinSignInSchema(Schema):
    email = fields.String(required=True, validate=EMAIL)
    pin = fields.String(required=True, validate=CODE)
    practice_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=36))


class IssuedPinSchema(Schema):
    pin = fields.String()
    expires_at = fields.AwareDateTime()


class ResetLinkRequestSchema(Schema):
    expires_at = fields.AwareDateTime(load_default=None, allow_none=True)
    send_email = fields.Boolean(load_default=False)


class ResetLinkSchema(Schema):
    url = fields.String()
    expires_at = fields.AwareDateTime()
    emailed = fields.Boolean()


class AccountStateSchema(Schema):
    id = fields.String()
    client_id = fields.String(allow_none=True)
    email = fields.String()
    status = fields.String()
    email_verified = fields.Boolean()
    created_at = fields.AwareDateTime()


class AccountHistoryItemSchema(Schema):
    at = fields.AwareDateTime()
    kind = fields.String()
    method = fields.String()
    result = fields.String()
    purpose = fields.String(allow_none=True)
    actor_id = fields.String(allow_none=True)
    ip = fields.String(allow_none=True)
    user_agent = fields.String(allow_none=True)


class AccountHistorySchema(Schema):
    account = fields.Nested(AccountStateSchema)
    items = fields.List(fields.Nested(AccountHistoryItemSchema))


class MySignInSchema(Schema):
    at = fields.AwareDateTime()
    method = fields.String()
    result = fields.String()
    ip = fields.String(allow_none=True)
    place = fields.String(allow_none=True)
    user_agent = fields.String(allow_none=True)


class MySignInsSchema(Schema):
    items = fields.List(fields.Nested(MySignInSchema))


class MySessionSchema(Schema):
    id = fields.String()
    created_at = fields.AwareDateTime()
    last_seen_at = fields.AwareDateTime()
    user_agent = fields.String(allow_none=True)
    ip = fields.String(allow_none=True)
    place = fields.String(allow_none=True)
    current = fields.Boolean()


class MySessionsSchema(Schema):
    items = fields.List(fields.Nested(MySessionSchema))


class SessionStateSchema(Schema):
    active = fields.Boolean()
    mfa_enrolment_required = fields.Boolean()
    # The client profiles the session's account may open now: a token naming another is stale.
    profile_ids = fields.List(fields.String())


SHORT_CODE = validate.Length(min=1, max=20)
CHALLENGE_ID = validate.Length(min=1, max=200)


class MfaAnswerSchema(Schema):
    challenge_id = fields.String(required=True, validate=CHALLENGE_ID)
    method = fields.String(required=True, validate=validate.OneOf(TWO_FACTOR_METHODS))
    code = fields.String(required=True, validate=SHORT_CODE)


class ChallengeSchema(Schema):
    challenge_id = fields.String(required=True, validate=CHALLENGE_ID)


class TextedCodeSchema(Schema):
    expires_at = fields.AwareDateTime()
    phone = fields.String(allow_none=True)


class TotpEnrolmentSchema(Schema):
    secret = fields.String()
    otpauth_uri = fields.String()
    qr_svg = fields.String()


class ConfirmCodeSchema(Schema):
    code = fields.String(required=True, validate=SHORT_CODE)


class PhoneSchema(Schema):
    phone = fields.String(required=True, validate=validate.Length(min=1, max=30))


class RecoveryCodesSchema(Schema):
    recovery_codes = fields.List(fields.String())


class CurrentPasswordSchema(Schema):
    current_password = fields.String(required=True, validate=PASSWORD)


class TwoFactorStatusSchema(Schema):
    enabled = fields.Boolean()
    methods = fields.List(fields.String())
    phone = fields.String(allow_none=True)
    recovery_codes_left = fields.Integer()
    enrolment_required = fields.Boolean()


class ClientTwoFactorResetSchema(AccountStateSchema):
    two_factor_enabled = fields.Boolean()


FeaturesSchema = Schema.from_dict({name: fields.Boolean() for name in FEATURES}, name="FeaturesSchema")


def _within(name: str) -> validate.Range:
    return validate.Range(LIMITS[name].low, LIMITS[name].high)


class PracticeSettingsChangeSchema(Schema):
    """Only the settings named change; `null` clears the phone and the idle timeout. The logo is not
    set here: it is uploaded (PUT /api/v1/staff/practice/logo) and removed (DELETE) on its own path."""

    name = fields.String(validate=[validate.Length(min=1, max=200), NAME[1]])
    logo_url = fields.Raw(allow_none=True, load_only=True, metadata={"description": "Refused: upload the logo."})
    contact_phone = fields.String(
        allow_none=True, validate=validate.Regexp(r"^\+?[0-9 ().\-]{3,30}$", error="Give a phone number.")
    )
    time_zone = fields.String(validate=validate.Length(min=1, max=64))
    require_staff_two_factor = fields.Boolean()
    invitation_expiry_hours = fields.Integer(strict=True, validate=_within("invitation_expiry_hours"))
    invitation_reminder_hours = fields.Integer(strict=True, validate=_within("invitation_reminder_hours"))
    verification_expiry_hours = fields.Integer(strict=True, validate=_within("verification_expiry_hours"))
    sign_in_link_expiry_minutes = fields.Integer(strict=True, validate=_within("sign_in_link_expiry_minutes"))
    reset_code_expiry_minutes = fields.Integer(strict=True, validate=_within("reset_code_expiry_minutes"))
    staff_pin_expiry_minutes = fields.Integer(strict=True, validate=_within("staff_pin_expiry_minutes"))
    staff_reset_link_default_hours = fields.Integer(strict=True, validate=_within("staff_reset_link_default_hours"))
    session_idle_minutes = fields.Integer(strict=True, allow_none=True, validate=_within("session_idle_minutes"))
    features = fields.Nested(FeaturesSchema)

    @validates_schema
    def _logo_is_uploaded(self, data: dict[str, Any], **_: Any) -> None:
        if "logo_url" in data:
            message = "The logo is uploaded with PUT /api/v1/staff/practice/logo and removed with DELETE."
            raise ValidationError(message, "logo_url")


class PracticeSettingsSchema(Schema):
    practice_id = fields.String()
    name = fields.String()
    logo_url = fields.String(allow_none=True)
    contact_phone = fields.String(allow_none=True)
    time_zone = fields.String()
    require_staff_two_factor = fields.Boolean()
    invitation_expiry_hours = fields.Integer()
    invitation_reminder_hours = fields.Integer()
    verification_expiry_hours = fields.Integer()
    sign_in_link_expiry_minutes = fields.Integer()
    reset_code_expiry_minutes = fields.Integer()
    staff_pin_expiry_minutes = fields.Integer()
    staff_reset_link_default_hours = fields.Integer()
    session_idle_minutes = fields.Integer()
    features = fields.Dict(keys=fields.String(), values=fields.Boolean())


class PublicProfileSchema(Schema):
    name = fields.String()
    logo_url = fields.String(allow_none=True)
    contact_phone = fields.String(allow_none=True)


class AddressSchema(Schema):
    address = fields.Email(required=True, validate=EMAIL)


class NewProfileLinkSchema(Schema):
    """The account by `account_id` or by `account_email` (the address it signs in with)."""

    account_id = fields.String(load_default=None, validate=validate.Length(min=1, max=36))
    account_email = fields.String(load_default=None, validate=EMAIL)
    kind = fields.String(required=True, validate=validate.OneOf(LINK_KINDS))
    ends_on = fields.Date(load_default=None, allow_none=True)

    @validates_schema
    def _one_account(self, data: dict[str, Any], **_: Any) -> None:
        if bool(data.get("account_id")) == bool(data.get("account_email")):
            raise ValidationError("Give either account_id or account_email.", "account_id")


class ProfileLinkSchema(Schema):
    id = fields.String()
    account_id = fields.String()
    account_email = fields.String(allow_none=True)
    client_id = fields.String()
    kind = fields.String()
    ends_on = fields.Date(allow_none=True)
    active = fields.Boolean()
    created_at = fields.AwareDateTime()
    created_by = fields.String(allow_none=True)


class ProfileLinksSchema(Schema):
    items = fields.List(fields.Nested(ProfileLinkSchema))


class MyProfileSchema(Schema):
    id = fields.String()
    name = fields.String()
    first_name = fields.String()
    last_name = fields.String()
    initials = fields.String()
    kind = fields.String()
    ends_on = fields.Date(allow_none=True)


class MyProfilesSchema(Schema):
    items = fields.List(fields.Nested(MyProfileSchema))
    current = fields.String(allow_none=True)


class ChooseProfileSchema(Schema):
    profile_id = fields.String(required=True, validate=validate.Length(min=1, max=36))


class EmailChangeRequestSchema(Schema):
    new_email = fields.Email(required=True, validate=EMAIL)
    current_password = fields.String(required=True, validate=PASSWORD)


class EmailChangeRequestedSchema(Schema):
    new_email = fields.String()
    expires_at = fields.AwareDateTime()


class EmailChangedSchema(Schema):
    account_id = fields.String()
    email = fields.String()
