"""The shapes of the public API (services/forms/README.md); unknown fields are refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate
from portalkit.clock import utc_iso

from forms.domain.items import ItemType
from forms.domain.templates import MAX_DOCUMENT, TemplateKind

TEMPLATE_REF = validate.Length(min=1, max=64)


class Strict(Schema):
    class Meta:
        unknown = RAISE


class Moment(fields.DateTime):
    """UTC, ISO-8601 with a Z, as every service writes times."""

    def _serialize(self, value: dt.datetime | None, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else utc_iso(value)


def _option_value(value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, str | int) or (isinstance(value, str) and len(value) > 100):
        raise ValidationError("An option value is a whole number or a text of at most 100 characters.")


def _condition_value(value: Any) -> None:
    if not isinstance(value, bool):
        _option_value(value)


def answers_field(**options: Any) -> fields.Dict:
    """Answers keyed by question link id."""
    keys = fields.String(validate=validate.Length(min=1, max=64))
    return fields.Dict(keys=keys, values=fields.Raw(allow_none=True), **options)


# Templates


class OptionSchema(Strict):
    value = fields.Raw(required=True, validate=_option_value)
    label = fields.String(required=True, validate=validate.Length(min=1, max=300))


class ConditionSchema(Strict):
    item = fields.String(required=True, validate=validate.Length(min=1, max=64))
    equals = fields.Raw(required=True, validate=_condition_value)


class ItemSchema(Strict):
    link_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    type = fields.String(required=True, validate=validate.OneOf([str(t) for t in ItemType]))
    text = fields.String(required=True, validate=validate.Length(min=1, max=4000))
    required = fields.Boolean(load_default=False)
    options = fields.List(fields.Nested(OptionSchema), validate=validate.Length(max=100))
    min = fields.Float(allow_none=True)
    max = fields.Float(allow_none=True)
    min_label = fields.String(allow_none=True, validate=validate.Length(max=100))
    max_label = fields.String(allow_none=True, validate=validate.Length(max=100))
    enable_when = fields.Nested(ConditionSchema, allow_none=True)


class TemplateBody(Strict):
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    kind = fields.String(required=True, validate=validate.OneOf([TemplateKind.FORM, TemplateKind.CONSENT]))
    items = fields.List(fields.Nested(ItemSchema), load_default=list, validate=validate.Length(max=300))
    document = fields.String(load_default="", validate=validate.Length(max=MAX_DOCUMENT))


class CopyTemplateBody(Strict):
    builtin = fields.String(required=True, validate=TEMPLATE_REF)
    title = fields.String(load_default=None, validate=validate.Length(min=1, max=200))


class TemplateSummaryOut(Schema):
    id = fields.String(allow_none=True)
    key = fields.String(allow_none=True)
    title = fields.String()
    kind = fields.String()
    instrument = fields.String(allow_none=True)
    builtin = fields.Boolean()
    version = fields.Integer(allow_none=True)
    version_id = fields.String(allow_none=True)
    copied_from = fields.String(allow_none=True)


class TemplatesOut(Schema):
    items = fields.List(fields.Nested(TemplateSummaryOut))


class TemplateContentOut(Schema):
    title = fields.String()
    kind = fields.String()
    instrument = fields.String(allow_none=True)
    items = fields.List(fields.Dict())
    document = fields.String()


class TemplateDetailOut(TemplateSummaryOut):
    content = fields.Nested(TemplateContentOut)
    content_sha256 = fields.String()


class EditedTemplateOut(TemplateSummaryOut):
    resign_requested = fields.Integer()


# Assignments


def signers_field() -> fields.List:
    """Account ids (of accounts reaching the profile) that must complete or sign; none: the link rule."""
    account = fields.String(validate=validate.Length(min=1, max=64))
    return fields.List(account, load_default=list, validate=validate.Length(max=10))


class AssignBody(Strict):
    template = fields.String(required=True, validate=TEMPLATE_REF)
    due_on = fields.Date(load_default=None, allow_none=True)
    signers = signers_field()


class PacketBody(Strict):
    templates = fields.List(
        fields.String(validate=TEMPLATE_REF), required=True, validate=validate.Length(min=1, max=20)
    )
    due_on = fields.Date(load_default=None, allow_none=True)
    signers = signers_field()


class AnswersBody(Strict):
    answers = answers_field(required=True)


class SignBody(Strict):
    full_name = fields.String(required=True, validate=validate.Length(max=400))
    agree = fields.Boolean(required=True)
    drawing = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=300_000))


class ScoreOut(Schema):
    total = fields.Integer()
    severity = fields.String()


class AssignmentOut(Schema):
    id = fields.String()
    client_id = fields.String()
    template_id = fields.String()
    template_version_id = fields.String()
    kind = fields.String()
    title = fields.String()
    instrument = fields.String(allow_none=True)
    status = fields.String()
    due_on = fields.Date(allow_none=True)
    assigned_at = Moment()
    completed_at = Moment(allow_none=True)
    packet_id = fields.String(allow_none=True)
    replaces_id = fields.String(allow_none=True)
    signers = fields.List(fields.String())  # account ids staff named; empty: the link rule decides


class ClientListedAssignmentOut(AssignmentOut):
    # A couple's consent the asking partner signed, waiting for the other's signature.
    signed_by_you = fields.Boolean()
    # Staff named other accounts of the profile to complete or sign it.
    for_someone_else = fields.Boolean()


class AssignmentsOut(Schema):
    items = fields.List(fields.Nested(ClientListedAssignmentOut))


class RiskReviewOut(Schema):
    acknowledged_at = Moment()
    acknowledged_by = fields.String()
    acknowledged_by_email = fields.String(allow_none=True)


class StaffListedAssignmentOut(AssignmentOut):
    risk_flag = fields.Boolean()  # clinical readers only
    risk_review = fields.Nested(RiskReviewOut, allow_none=True)


class StaffAssignmentsOut(Schema):
    items = fields.List(fields.Nested(StaffListedAssignmentOut))


class PacketOut(Schema):
    packet_id = fields.String()
    items = fields.List(fields.Nested(AssignmentOut))


class VersionOut(Schema):
    id = fields.String()
    number = fields.Integer()
    content_sha256 = fields.String()
    title = fields.String()
    kind = fields.String()
    instrument = fields.String(allow_none=True)
    items = fields.List(fields.Dict())
    document = fields.String()


class DraftOut(Schema):
    answers = answers_field()
    saved_at = Moment(allow_none=True)


class SignatureOut(Schema):
    id = fields.String()
    full_name = fields.String()
    signed_at = Moment()
    document_sha256 = fields.String()
    template_version_id = fields.String()
    needs_resigning = fields.Boolean()
    has_drawing = fields.Boolean()
    account_id = fields.String()
    ip = fields.String(allow_none=True)
    user_agent = fields.String(allow_none=True)
    by_you = fields.Boolean()  # client answers only: the asking account's own signature


class ClientAssignmentOut(AssignmentOut):
    template_version = fields.Nested(VersionOut)
    draft = fields.Nested(DraftOut)
    answers = answers_field()
    score = fields.Nested(ScoreOut, allow_none=True)
    signature = fields.Nested(SignatureOut, allow_none=True)
    # Every signature of a consent, first signed first; a couple's consent waits for each partner's.
    signatures = fields.List(fields.Nested(SignatureOut))
    crisis_resources = fields.String()  # a submitted PHQ-9 whose item 9 was above 0
    for_someone_else = fields.Boolean()  # client answers only: staff named another account of the profile


class SubmittedOut(AssignmentOut):
    answers = answers_field()
    score = fields.Nested(ScoreOut, allow_none=True)
    crisis_resources = fields.String()


class StaffAssignmentOut(ClientAssignmentOut):
    risk_flag = fields.Boolean()
    risk_review = fields.Nested(RiskReviewOut, allow_none=True)
    submitted_by = fields.String(allow_none=True)


# Settings, scores, audit


class FormsSettingsOut(Schema):
    practice_id = fields.String()
    show_scores_to_clients = fields.Boolean()
    crisis_resources_text = fields.String()
    crisis_resources_is_default = fields.Boolean()
    updated_at = Moment(allow_none=True)


class FormsSettingsPatch(Strict):
    show_scores_to_clients = fields.Boolean()
    crisis_resources_text = fields.String(allow_none=True, validate=validate.Length(max=4000))


class BandOut(Schema):
    severity = fields.String()
    low = fields.Integer()
    high = fields.Integer()


class ScorePointOut(Schema):
    assignment_id = fields.String()
    submitted_at = Moment()
    total = fields.Integer()
    severity = fields.String()
    risk_flag = fields.Boolean()


class ScoreSeriesOut(Schema):
    instrument = fields.String()
    max_total = fields.Integer()
    bands = fields.List(fields.Nested(BandOut))
    points = fields.List(fields.Nested(ScorePointOut))


class ScoresOut(Schema):
    client_id = fields.String()
    items = fields.List(fields.Nested(ScoreSeriesOut))


class AuditQuery(Strict):
    client_id = fields.String(load_default=None, validate=validate.Length(max=36))


class AuditEntryOut(Schema):
    actor_id = fields.String()
    actor_role = fields.String()
    action = fields.String()
    client_id = fields.String()
    assignment_id = fields.String(allow_none=True)
    at = Moment()
    ip = fields.String(allow_none=True)


class AuditOut(Schema):
    items = fields.List(fields.Nested(AuditEntryOut))
