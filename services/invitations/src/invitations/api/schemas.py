"""The shapes of the public API (docs/contracts.md); unknown fields are refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

from marshmallow import RAISE, Schema, fields, validate
from portalkit.clock import utc_iso


class Strict(Schema):
    class Meta:
        unknown = RAISE


class Moment(fields.DateTime):
    """UTC, ISO-8601 with a Z, as every service writes times."""

    def _serialize(self, value: dt.datetime | None, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else utc_iso(value)


class SendInvitationBody(Strict):
    email = fields.Email(load_default=None, validate=validate.Length(max=320))


class SentInvitationOut(Schema):
    id = fields.String()
    client_id = fields.String()
    email = fields.String()
    sent_at = Moment()
    expires_at = Moment()
    resend = fields.Boolean()


class TimelineEntryOut(Schema):
    status = fields.String()
    at = Moment()
    actor = fields.String()
    detail = fields.String()


class PortalSummaryOut(Schema):
    client_id = fields.String()
    status = fields.String()
    email = fields.String(allow_none=True)
    invited_at = Moment(allow_none=True)
    expires_at = Moment(allow_none=True)
    signed_up_at = Moment(allow_none=True)
    account_id = fields.String(allow_none=True)
    verified_at = Moment(allow_none=True)
    last_signed_in_at = Moment(allow_none=True)
    disabled_at = Moment(allow_none=True)


class PortalStatusOut(PortalSummaryOut):
    timeline = fields.List(fields.Nested(TimelineEntryOut))


LIST_FILTERS = ("not_invited", "invited", "expired", "signed_up", "active", "disabled", "never_signed_in")


class PortalStatusesQuery(Strict):
    status = fields.String(load_default=None, validate=validate.OneOf(LIST_FILTERS))


class PortalStatusesOut(Schema):
    items = fields.List(fields.Nested(PortalSummaryOut))
    # Every filter with the number of the practice's clients it shows, whatever the chosen filter.
    counts = fields.Dict(keys=fields.String(), values=fields.Integer())


class RevokedInvitationOut(Schema):
    id = fields.String()
    client_id = fields.String()
    email = fields.String()
    revoked_at = Moment()


class InvitationLinkOut(Schema):
    url = fields.String()
    expires_at = Moment()


class BulkInviteBody(Strict):
    client_ids = fields.List(
        fields.String(validate=validate.Length(min=1, max=36)),
        required=True,
        validate=validate.Length(min=1, max=200),
    )


class BulkResultOut(Schema):
    client_id = fields.String()
    result = fields.String()
    invitation_id = fields.String(allow_none=True)
    code = fields.String(allow_none=True)


class BulkInviteOut(Schema):
    results = fields.List(fields.Nested(BulkResultOut))


class AgreementOut(Schema):
    kind = fields.String()
    version = fields.String()
    title = fields.String()
    url = fields.String()


class OpenInvitationOut(Schema):
    valid = fields.Boolean()
    email = fields.String()
    first_name = fields.String()
    practice_name = fields.String()
    practice_id = fields.String()
    expires_at = Moment()
    agreements = fields.List(fields.Nested(AgreementOut))


class AcceptInvitationBody(Strict):
    password = fields.String(required=True, validate=validate.Length(min=1, max=1024))
    password_confirmation = fields.String(load_default=None, validate=validate.Length(max=1024))
    # Missing counts as not accepted; the use case names every one not accepted.
    accept_terms = fields.Boolean(load_default=False)
    accept_privacy = fields.Boolean(load_default=False)
    accept_electronic_notices = fields.Boolean(load_default=False)


class AcceptedInvitationOut(Schema):
    account_id = fields.String()
    email = fields.String()
