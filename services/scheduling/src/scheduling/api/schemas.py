"""The shapes of the public API (services/scheduling/README.md); unknown fields are refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema
from portalkit.clock import utc_iso

from scheduling.domain.appointment import MAX_DURATION_MINUTES, CancelledBy, Mode
from scheduling.domain.recurrence import MAX_OCCURRENCES

ID = validate.Length(min=1, max=64)
DURATION = validate.Range(min=5, max=MAX_DURATION_MINUTES)
MODES = validate.OneOf([m.value for m in Mode])


class Strict(Schema):
    class Meta:
        unknown = RAISE


class Moment(fields.AwareDateTime):
    """Read with its offset (a time without one is refused), written in UTC with a Z."""

    def _serialize(self, value: dt.datetime | None, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else utc_iso(value)


class RepeatBody(Strict):
    every_weeks = fields.Integer(required=True, validate=validate.OneOf([1, 2]))
    count = fields.Integer(required=True, validate=validate.Range(min=2, max=MAX_OCCURRENCES))


class PlaceFields(Strict):
    mode = fields.String(validate=MODES)
    location = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=300))


class NewAppointmentBody(PlaceFields):
    clinician_id = fields.String(required=True, validate=ID)
    client_id = fields.String(required=True, validate=ID)
    type_id = fields.String(load_default=None, allow_none=True, validate=ID)
    type_name = fields.String(load_default=None, validate=validate.Length(min=1, max=100))
    starts_at = Moment(required=True)
    duration_minutes = fields.Integer(load_default=None, validate=DURATION)
    repeat = fields.Nested(RepeatBody, load_default=None, allow_none=True)

    @validates_schema
    def _named_or_typed(self, data: dict[str, Any], **kwargs: Any) -> None:
        if not data.get("type_id"):
            missing = [name for name in ("type_name", "duration_minutes", "mode") if data.get(name) is None]
            if missing:
                raise ValidationError({name: ["Give this, or an appointment type."] for name in missing})


class MoveBody(PlaceFields):
    starts_at = Moment(required=True)
    duration_minutes = fields.Integer(load_default=None, validate=DURATION)


class MoveSeriesBody(Strict):
    scope = fields.String(required=True, validate=validate.OneOf(["following", "series"]))
    starts_at = Moment(required=True)
    duration_minutes = fields.Integer(load_default=None, validate=DURATION)
    clinician_id = fields.String(load_default=None, validate=ID)


class CancelBody(Strict):
    by = fields.String(required=True, validate=validate.OneOf([b.value for b in CancelledBy]))


class RangeQuery(Strict):
    start = Moment(data_key="from", load_default=None)
    end = Moment(data_key="to", load_default=None)
    clinician_id = fields.String(load_default=None, validate=ID)
    client_id = fields.String(load_default=None, validate=ID)


class RequestOut(Schema):
    id = fields.String()
    appointment_id = fields.String()
    kind = fields.String()
    status = fields.String()
    reason = fields.String()
    proposed_times = fields.List(Moment())
    created_at = Moment()
    decided_at = Moment(allow_none=True)
    message = fields.String()


class AppointmentOut(Schema):
    id = fields.String()
    clinician_id = fields.String()
    clinician_name = fields.String()
    client_id = fields.String()
    type_id = fields.String(allow_none=True)
    type_name = fields.String()
    starts_at = Moment()
    ends_at = Moment()
    duration_minutes = fields.Integer()
    time_zone = fields.String()
    mode = fields.String()
    location = fields.String(allow_none=True)
    series_id = fields.String(allow_none=True)
    status = fields.String()
    cancelled_at = Moment(allow_none=True)
    cancelled_by = fields.String(allow_none=True)
    late_cancellation = fields.Boolean()
    calendar_url = fields.String()
    join_url = fields.String(allow_none=True)
    video_opens_at = Moment(allow_none=True)
    # The client's view: the latest request, and whether cancelling now would be late.
    request = fields.Nested(RequestOut, allow_none=True)
    late_if_cancelled_now = fields.Boolean()


class WarningOut(Schema):
    code = fields.String()
    detail = fields.String()
    clinician_id = fields.String()
    starts_at = Moment()


class WarningsOut(Schema):
    """Staff may go ahead: each warning names an appointment's start, e.g. outside the clinician's hours."""

    warnings = fields.List(fields.Nested(WarningOut))


class AppointmentsOut(Schema):
    items = fields.List(fields.Nested(AppointmentOut))
    warnings = fields.List(fields.Nested(WarningOut))


class MovedOut(AppointmentOut):
    warnings = fields.List(fields.Nested(WarningOut))


class ClientAppointmentsOut(Schema):
    time_zone = fields.String()
    cancellation_notice_hours = fields.Integer()
    upcoming = fields.List(fields.Nested(AppointmentOut))
    past = fields.List(fields.Nested(AppointmentOut))


class AskBody(Strict):
    kind = fields.String(required=True, validate=validate.OneOf(["reschedule", "cancel"]))
    reason = fields.String(load_default="", validate=validate.Length(max=500))
    proposed_times = fields.List(Moment(), load_default=list, validate=validate.Length(max=3))


class PendingRequestOut(RequestOut):
    appointment = fields.Nested(AppointmentOut)


class PendingRequestsOut(Schema):
    items = fields.List(fields.Nested(PendingRequestOut))


class ApproveBody(Strict):
    starts_at = Moment(load_default=None)
    message = fields.String(load_default="", validate=validate.Length(max=500))


class DeclineBody(Strict):
    message = fields.String(required=True, validate=validate.Length(min=1, max=500))


class CalendarFeedOut(Schema):
    active = fields.Boolean()
    created_at = Moment(allow_none=True)
    url = fields.String(allow_none=True)


class PolicyOut(Schema):
    time_zone = fields.String()
    cancellation_notice_hours = fields.Integer()
    booking_lead_hours = fields.Integer()
    booking_horizon_days = fields.Integer()
    remind_48h = fields.Boolean()
    remind_2h = fields.Boolean()
    remind_by_email = fields.Boolean()
    remind_by_sms = fields.Boolean()


class PolicyPatch(Strict):
    time_zone = fields.String(validate=validate.Length(min=1, max=64))
    cancellation_notice_hours = fields.Integer(strict=True)
    booking_lead_hours = fields.Integer(strict=True)
    booking_horizon_days = fields.Integer(strict=True)
    remind_48h = fields.Boolean()
    remind_2h = fields.Boolean()
    remind_by_email = fields.Boolean()
    remind_by_sms = fields.Boolean()


class TypeBody(Strict):
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    duration_minutes = fields.Integer(required=True, validate=DURATION)
    buffer_minutes = fields.Integer(load_default=0, validate=validate.Range(min=0, max=120))
    mode = fields.String(required=True, validate=MODES)
    location = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=300))
    bookable = fields.Boolean(load_default=True)


class TypeOut(Schema):
    id = fields.String()
    name = fields.String()
    duration_minutes = fields.Integer()
    buffer_minutes = fields.Integer()
    mode = fields.String()
    location = fields.String(allow_none=True)
    bookable = fields.Boolean()


class TypesOut(Schema):
    items = fields.List(fields.Nested(TypeOut))


class WindowFields(Strict):
    weekday = fields.Integer(required=True, validate=validate.Range(min=0, max=6))
    starts = fields.Time(required=True, format="%H:%M")
    ends = fields.Time(required=True, format="%H:%M")


class AvailabilityBody(Strict):
    display_name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    windows = fields.List(fields.Nested(WindowFields), required=True, validate=validate.Length(max=50))


class ClinicianOut(Schema):
    account_id = fields.String()
    email = fields.String()
    display_name = fields.String()
    windows = fields.List(fields.Nested(WindowFields))


class CliniciansOut(Schema):
    items = fields.List(fields.Nested(ClinicianOut))


class SlotsQuery(Strict):
    clinician_id = fields.String(required=True, validate=ID)
    type_id = fields.String(required=True, validate=ID)
    start = Moment(data_key="from", load_default=None)
    end = Moment(data_key="to", load_default=None)


class SlotsOut(Schema):
    time_zone = fields.String()
    slots = fields.List(Moment())


class BookingOptionsOut(Schema):
    clinicians = fields.List(fields.Dict())
    types = fields.List(fields.Nested(TypeOut))


class BookSlotBody(Strict):
    clinician_id = fields.String(required=True, validate=ID)
    type_id = fields.String(required=True, validate=ID)
    starts_at = Moment(required=True)
