"""Profile pictures over HTTP: the client sets (`PUT`) or removes (`DELETE`) the picture of the profile
their token acts for at `/api/v1/profile-picture`; `GET /api/v1/profile-pictures/{client_id}` answers a
profile's picture to whoever may open it (the profile picker), `GET /api/v1/staff/clients/{client_id}/picture`
to the practice's staff."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from portalkit.auth import CLIENT_ROLE, principal, requires
from portalkit.errors import ValidationProblem

from messaging.adapters.pictures import square_picture
from messaging.api.documents import parsed_form
from messaging.api.files import UPLOAD_FORM, uploaded_file
from messaging.api.thread_shapes import Moment, Strict
from messaging.api.threads import _client, _staff, wiring
from messaging.domain.profile_picture import PICTURE_MAX_BYTES, PICTURE_TYPE, Crop
from messaging.domain.threads import Side
from messaging.service import profile_pictures
from messaging.service.threads import THREAD_ROLES, Party

PIXELS = validate.Range(min=0, max=100_000)


class CropFields(Strict):
    """The square to keep, in the original picture's pixels; all three or none (the centre square)."""

    crop_left = fields.Integer(load_default=None, validate=PIXELS)
    crop_top = fields.Integer(load_default=None, validate=PIXELS)
    crop_side = fields.Integer(load_default=None, validate=validate.Range(min=1, max=100_000))


class PictureOut(Schema):
    client_id = fields.String()
    updated_at = Moment()


def _picture(data: bytes) -> Response:
    response = Response(data, mimetype=PICTURE_TYPE)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def _crop(body: dict[str, Any]) -> Crop | None:
    values = (body["crop_left"], body["crop_top"], body["crop_side"])
    if all(v is None for v in values):
        return None
    if any(v is None for v in values):
        missing = {name: ["Give crop_left, crop_top and crop_side together."] for name, v in body.items() if v is None}
        raise ValidationProblem(missing)
    return Crop(*values)


blueprint = Blueprint("profile_pictures", __name__, url_prefix="/api/v1", description="Profile pictures.")


@blueprint.put("/profile-picture")
@requires(CLIENT_ROLE)
@blueprint.doc(
    requestBody=UPLOAD_FORM,
    description="A photo in the multipart field `file` (PNG, JPEG, GIF, WebP, at most 10 MB) and, optionally, the "
    "square to keep (`crop_left`, `crop_top`, `crop_side`, in its pixels; else the centre square); kept at 256 x 256.",
)
@blueprint.response(200, PictureOut)
def set_picture() -> Any:
    upload = uploaded_file(PICTURE_MAX_BYTES)
    crop = _crop(parsed_form(CropFields()))
    saved = profile_pictures.set_picture(
        wiring().unit_of_work(), wiring().objects, square_picture, _client(), upload, crop
    )
    return {"client_id": saved.client_id, "updated_at": saved.updated_at}


@blueprint.delete("/profile-picture")
@requires(CLIENT_ROLE)
@blueprint.response(204)
def remove_picture() -> Any:
    profile_pictures.remove_picture(wiring().unit_of_work(), wiring().objects, _client())
    return ""


@blueprint.get("/profile-pictures/<client_id>")
@requires(CLIENT_ROLE)
@blueprint.doc(responses={"200": {"description": "The picture (PNG)"}})
def picture_for_picker(client_id: str) -> Response:
    """Also before a profile is chosen: for the profile picker."""
    who = principal()
    party = Party(who.practice_id, who.account_id, Side.CLIENT, who.profile_id)
    reach = wiring().directory
    data = profile_pictures.picture_of(wiring().unit_of_work(), wiring().objects, reach, party, client_id)  # type: ignore[arg-type]
    return _picture(data)


@blueprint.get("/staff/clients/<client_id>/picture")
@requires(*THREAD_ROLES)
@blueprint.doc(responses={"200": {"description": "The picture (PNG)"}})
def picture_for_staff(client_id: str) -> Response:
    data = profile_pictures.picture_of(
        wiring().unit_of_work(), wiring().objects, wiring().directory, _staff(), client_id
    )  # type: ignore[arg-type]
    return _picture(data)
