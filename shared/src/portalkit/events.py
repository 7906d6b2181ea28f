"""The event envelope every service publishes and consumes.

`{id, type, version, occurred_at, practice_id, correlation_id, causation_id, data}`; the type is
`<service>.<aggregate>.<verb_past>` and the producing service's exchange is its first part.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from typing import Any

from marshmallow import EXCLUDE, Schema, fields, validate

from portalkit import context
from portalkit.clock import Clock, utc_iso

TYPE_PATTERN = r"^[a-z]+\.[a-z_]+\.[a-z_]+$"


class EnvelopeError(ValueError):
    """A message that is not an event envelope at all: it can never be handled."""


class EnvelopeSchema(Schema):
    class Meta:
        unknown = EXCLUDE  # fields a newer envelope may add

    id = fields.UUID(required=True)
    type = fields.String(required=True, validate=validate.Regexp(TYPE_PATTERN))
    version = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    occurred_at = fields.AwareDateTime(required=True)
    practice_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    correlation_id = fields.String(required=True, validate=validate.Length(min=1, max=100))
    causation_id = fields.String(required=True, allow_none=True, validate=validate.Length(max=100))
    data = fields.Dict(required=True, keys=fields.String())


@dataclasses.dataclass(frozen=True)
class Envelope:
    id: str
    type: str
    version: int
    occurred_at: str
    practice_id: str
    correlation_id: str
    causation_id: str | None
    data: dict[str, Any]

    @property
    def exchange(self) -> str:
        return self.type.split(".", 1)[0]

    @property
    def routing_key(self) -> str:
        return self.type

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def to_json(self) -> bytes:
        return json.dumps(self.to_dict(), separators=(",", ":"), sort_keys=True).encode()

    @classmethod
    def from_dict(cls, raw: Any) -> Envelope:
        if not isinstance(raw, dict):
            raise EnvelopeError("the event is not a JSON object")
        errors = EnvelopeSchema().validate(raw)
        if errors:
            raise EnvelopeError(f"not a valid envelope: {errors}")
        return cls(**{field.name: raw[field.name] for field in dataclasses.fields(cls)})

    @classmethod
    def from_json(cls, body: bytes) -> Envelope:
        try:
            raw = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise EnvelopeError("body is not JSON") from error
        return cls.from_dict(raw)


def new_envelope(event_type: str, data: dict[str, Any], practice_id: str, clock: Clock, version: int = 1) -> Envelope:
    return Envelope(
        id=str(uuid.uuid4()),
        type=event_type,
        version=version,
        occurred_at=utc_iso(clock.now()),
        practice_id=practice_id,
        correlation_id=context.current_correlation_id(),
        causation_id=context.causation_id.get(),
        data=data,
    )
