"""What the API accepts and answers; unknown fields in a body are refused (marshmallow's default)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from identity.domain.model import AGREEMENT_KINDS

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
    access_token = fields.String()
    refresh_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()


class MeSchema(Schema):
    account_id = fields.String()
    email = fields.String()
    profile_id = fields.String(allow_none=True)
    practice_id = fields.String()
    role = fields.String()
    first_name = fields.String(allow_none=True)
    last_name = fields.String(allow_none=True)
    practice_name = fields.String(allow_none=True)


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


class PracticeClientSchema(ClientSchema):
    practice = fields.Nested(PracticeSchema)


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
