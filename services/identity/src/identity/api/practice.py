"""The practice's settings (staff read them, owners and admins change them and upload its logo) and
what its sign-in pages may show to anyone: name, phone and the logo image."""

from __future__ import annotations

from typing import Any

from flask import Response, request
from flask_smorest import Blueprint
from portalkit.auth import principal
from portalkit.errors import ValidationProblem

from identity.adapters.logo_images import redraw_logo
from identity.api import caller, dependencies, staff
from identity.api.schemas import PracticeSettingsChangeSchema, PracticeSettingsSchema, PublicProfileSchema
from identity.domain.practice_logo import CONTENT_TYPES, MAX_UPLOAD_BYTES
from identity.service import practice_logo
from identity.service import practice_settings as use_cases

# Room for the multipart framing around a logo of the largest size taken.
FORM_OVERHEAD = 16 * 1024
LOGO_FORM = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {"type": "object", "properties": {"logo": {"type": "string", "format": "binary"}}},
        }
    },
}
IMAGE = {"content": {kind: {"schema": {"type": "string", "format": "binary"}} for kind in CONTENT_TYPES}}

blp = Blueprint("practice", __name__, url_prefix="/api/v1", description="The practice's settings.")


@blp.get("/staff/practice/settings")
@staff("read_practice_settings")
@blp.response(200, PracticeSettingsSchema)
def practice_settings() -> dict[str, Any]:
    deps = dependencies()
    return use_cases.settings_of(deps.uow(), principal().practice_id, deps.session_policy)


@blp.patch("/staff/practice/settings")
@staff("change_practice_settings")
@blp.arguments(PracticeSettingsChangeSchema)
@blp.response(200, PracticeSettingsSchema)
def change_practice_settings(body: dict[str, Any]) -> dict[str, Any]:
    deps, who = dependencies(), principal()
    change = use_cases.SettingsChange(who.practice_id, who.account_id, body)
    return use_cases.change_settings(deps.uow(), change, deps.session_policy, caller())


@blp.get("/practices/<practice_id>/public-profile")
@blp.response(200, PublicProfileSchema)
def public_profile(practice_id: str) -> dict[str, Any]:
    """For sign-in pages, before anyone signs in: the name, logo and phone only."""
    return use_cases.public_profile(dependencies().uow(), practice_id)


@blp.put("/staff/practice/logo")
@staff("change_practice_settings")
@blp.doc(
    requestBody=LOGO_FORM,
    description="The image in the multipart field `logo`: PNG, JPEG or WebP (read from its bytes), at most 1 MB. "
    "It is drawn again to fit 400x160 without its metadata; 422 naming `logo` when it is not such an image.",
)
@blp.response(200, PracticeSettingsSchema)
def upload_logo() -> dict[str, Any]:
    deps, who = dependencies(), principal()
    change = practice_logo.LogoChange(who.practice_id, who.account_id, caller())
    upload = _uploaded_logo()
    return practice_logo.replace_logo(deps.uow(), deps.objects, change, upload, redraw_logo, deps.session_policy)


@blp.delete("/staff/practice/logo")
@staff("change_practice_settings")
@blp.response(200, PracticeSettingsSchema)
def remove_logo() -> dict[str, Any]:
    deps, who = dependencies(), principal()
    change = practice_logo.LogoChange(who.practice_id, who.account_id, caller())
    return practice_logo.remove_logo(deps.uow(), deps.objects, change, deps.session_policy)


@blp.get("/practices/<practice_id>/logo")
@blp.doc(responses={"200": IMAGE, "304": {"description": "Not modified"}, "404": {"description": "No logo"}})
def logo(practice_id: str) -> Response:
    """The practice's logo, for anyone (sign-in pages, emails). With `?v=` of the current version
    (as `logo_url` gives it) a browser may keep it for a year; without, for five minutes."""
    deps = dependencies()
    image = practice_logo.logo_of(deps.uow(), deps.objects, practice_id)
    response = Response(image.data, mimetype=image.content_type)
    response.set_etag(image.version)
    lasting = request.args.get("v") == image.version
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable" if lasting else "public, max-age=300"
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Opened on its own, the image may run nothing and load nothing.
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.make_conditional(request)
    return response


def _uploaded_logo() -> bytes:
    too_large = ValidationProblem({"logo": ["The logo must be at most 1 MB."]})
    if (request.content_length or 0) > MAX_UPLOAD_BYTES + FORM_OVERHEAD:
        raise too_large
    request.max_content_length = MAX_UPLOAD_BYTES + FORM_OVERHEAD
    upload = request.files.get("logo")
    if upload is None:
        raise ValidationProblem({"logo": ["Send the image as the multipart/form-data field `logo`."]})
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise too_large
    return data
