"""Insurance paths: the client's policies and card photos (feature `insurance` at the gateway), and
staff's view of a client's policies with the photos and the verification."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, request
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from portalkit.auth import requires
from portalkit.errors import ValidationProblem

from billing.api import allowed, client_caller, staff_caller, wiring
from billing.domain.insurance import RELATIONSHIPS, Policy
from billing.service import insurance

FORM_OVERHEAD = 16 * 1024
TEXT = validate.Length(min=1, max=120)


class PolicyBody(Schema):
    payer = fields.String(required=True, validate=TEXT)
    member_id = fields.String(required=True, validate=validate.Length(min=1, max=60))
    group_number = fields.String(load_default="", validate=validate.Length(max=60))
    plan = fields.String(load_default="", validate=validate.Length(max=120))
    subscriber_name = fields.String(required=True, validate=TEXT)
    subscriber_relationship = fields.String(required=True, validate=validate.OneOf(RELATIONSHIPS))
    subscriber_date_of_birth = fields.Date(required=True)


class PolicyOut(Schema):
    id = fields.String()
    rank = fields.String()
    payer = fields.String()
    member_id = fields.String()
    group_number = fields.String()
    plan = fields.String()
    subscriber_name = fields.String()
    subscriber_relationship = fields.String()
    subscriber_date_of_birth = fields.Date()
    has_front = fields.Boolean()
    has_back = fields.Boolean()
    updated_at = fields.AwareDateTime()
    verified_at = fields.AwareDateTime(allow_none=True)
    verified_by = fields.String(allow_none=True)


class PoliciesOut(Schema):
    items = fields.List(fields.Nested(PolicyOut))


def photos() -> insurance.Photos:
    return current_app.extensions["billing_insurance_photos"]  # type: ignore[no-any-return]


def shape(policy: Policy) -> dict[str, Any]:
    return {
        **{name: getattr(policy, name) for name in PolicyOut._declared_fields if hasattr(policy, name)},
        "has_front": policy.photo("front") is not None,
        "has_back": policy.photo("back") is not None,
    }


def _strip(body: dict[str, Any]) -> dict[str, Any]:
    details = {name: value.strip() if isinstance(value, str) else value for name, value in body.items()}
    blank = [name for name in ("payer", "member_id", "subscriber_name") if not details[name]]
    if blank:
        raise ValidationProblem({name: ["Fill this in."] for name in blank})
    return details


def _uploaded() -> bytes:
    limit = photos().max_bytes
    too_large = ValidationProblem({"file": [f"A photo may be at most {limit // (1024 * 1024)} MB."]})
    if (request.content_length or 0) > limit + FORM_OVERHEAD:
        raise too_large
    request.max_content_length = limit + FORM_OVERHEAD
    upload = request.files.get("file")
    if upload is None:
        raise ValidationProblem({"file": ["Send the photo as the multipart/form-data field `file`."]})
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise too_large
    return data


def _download(found: Any) -> Response:
    response = Response(found.data, mimetype=found.content_type)
    response.headers["Content-Disposition"] = "inline"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response


client = Blueprint("client_insurance", __name__, url_prefix="/api/v1/billing/insurance", description="Insurance.")


@client.get("")
@requires("client")
@client.response(200, PoliciesOut)
def my_policies() -> Any:
    caller = client_caller()
    found = insurance.policies(wiring().unit_of_work, caller.practice_id, caller.client_id)
    return {"items": [shape(p) for p in found]}


@client.put("/<rank>")
@requires("client")
@client.arguments(PolicyBody)
@client.response(200, PolicyOut)
def save_policy(body: dict[str, Any], rank: str) -> Any:
    """Add or change the primary or secondary policy (a change clears staff's verification)."""
    return shape(insurance.save(wiring().unit_of_work, client_caller(), rank, _strip(body)))


@client.delete("/<rank>")
@requires("client")
@client.response(204)
def remove_policy(rank: str) -> Any:
    insurance.remove(wiring().unit_of_work, photos(), client_caller(), rank)
    return "", 204


@client.put("/<rank>/photos/<side>")
@requires("client")
@client.response(200, PolicyOut)
def put_photo(rank: str, side: str) -> Any:
    """A photo of the card's front or back (JPEG, PNG, WebP or PDF, read from the bytes): field `file`."""
    policy = insurance.put_photo(wiring().unit_of_work, photos(), client_caller(), (rank, side), _uploaded())
    return shape(policy)


@client.get("/<rank>/photos/<side>")
@requires("client")
def my_photo(rank: str, side: str) -> Any:
    caller = client_caller()
    found = insurance.photo(wiring().unit_of_work, photos(), (caller.practice_id, caller.client_id), (rank, side))
    return _download(found)


staff = Blueprint("staff_insurance", __name__, url_prefix="/api/v1/staff/clients", description="Clients' insurance.")


@staff.get("/<client_id>/insurance")
@allowed("read_billing")
@staff.response(200, PoliciesOut)
def client_policies(client_id: str) -> Any:
    practice_id = staff_caller().practice_id
    return {"items": [shape(p) for p in insurance.policies(wiring().unit_of_work, practice_id, client_id)]}


@staff.get("/<client_id>/insurance/<rank>/photos/<side>")
@allowed("read_billing")
def client_photo(client_id: str, rank: str, side: str) -> Any:
    owner = (staff_caller().practice_id, client_id)
    return _download(insurance.photo(wiring().unit_of_work, photos(), owner, (rank, side)))


@staff.post("/<client_id>/insurance/<rank>/verify")
@allowed("verify_insurance")
@staff.response(200, PolicyOut)
def verify_policy(client_id: str, rank: str) -> Any:
    """Staff checked the policy with the payer; recorded with who and when."""
    return shape(insurance.verify(wiring().unit_of_work, staff_caller(), client_id, rank))
