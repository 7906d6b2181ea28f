"""A versioned schema for the data of every event type: the contract between producer and consumers.

Producers check strictly (no unknown fields); consumers read tolerantly (unknown fields are dropped,
and a newer version than they know is read with the newest schema they have).
"""

from __future__ import annotations

from typing import Any

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields


class EventSchemaError(ValueError):
    pass


class IdentityClientCreatedV1(Schema):
    client_id = fields.UUID(required=True)


class IdentityAccountCreatedV1(Schema):
    account_id = fields.UUID(required=True)
    role = fields.String(required=True)
    client_id = fields.UUID(required=True, allow_none=True)
    invitation_id = fields.UUID(required=True, allow_none=True)


class InvitationSentV1(Schema):
    invitation_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    expires_at = fields.AwareDateTime(required=True)
    resend = fields.Boolean(required=True)
    # Sealed for the notifier (portalkit.sealed): {to, recipient_name, practice_name, accept_url}.
    delivery = fields.String(required=True)


class InvitationAcceptedV1(Schema):
    invitation_id = fields.UUID(required=True)
    client_id = fields.UUID(required=True)
    account_id = fields.UUID(required=True)


class EmailSentV1(Schema):
    email_id = fields.UUID(required=True)
    template = fields.String(required=True)
    cause_event_id = fields.UUID(required=True)
    attempts = fields.Integer(required=True)


class EmailFailedV1(EmailSentV1):
    reason = fields.String(required=True)


SCHEMAS: dict[str, dict[int, type[Schema]]] = {
    "identity.client.created": {1: IdentityClientCreatedV1},
    "identity.account.created": {1: IdentityAccountCreatedV1},
    "invitations.invitation.sent": {1: InvitationSentV1},
    "invitations.invitation.accepted": {1: InvitationAcceptedV1},
    "messaging.email.sent": {1: EmailSentV1},
    "messaging.email.failed": {1: EmailFailedV1},
}


def check_produced(event_type: str, version: int, data: dict[str, Any]) -> None:
    """Raise unless `data` is exactly what the schema of this type and version allows."""
    versions = SCHEMAS.get(event_type)
    if not versions or version not in versions:
        raise EventSchemaError(f"no schema for {event_type} v{version}")
    errors = versions[version](unknown=RAISE).validate(data)
    if errors:
        raise EventSchemaError(f"{event_type} v{version}: {errors}")


def read_consumed(event_type: str, version: int, data: dict[str, Any]) -> dict[str, Any]:
    """The data as a consumer reads it; raises EventSchemaError if it can never be handled."""
    versions = SCHEMAS.get(event_type)
    if not versions:
        raise EventSchemaError(f"unknown event type {event_type}")
    known = max(v for v in versions if v <= version) if min(versions) <= version else None
    if known is None:
        raise EventSchemaError(f"{event_type} v{version} is older than any known version")
    schema = versions[known](unknown=EXCLUDE)
    try:
        schema.load(data)
    except ValidationError as error:
        raise EventSchemaError(f"{event_type} v{version}: {error.messages}") from error
    return {key: value for key, value in data.items() if key in schema.fields}
