"""The practice's form library: list, read, copy a built-in, make one, edit (a new version each time)."""

from __future__ import annotations

import dataclasses
from typing import Any

from flask import url_for
from flask_smorest import Blueprint

from forms.api import allowed, staff_caller, wiring
from forms.api.schemas import (
    CopyTemplateBody,
    EditedTemplateOut,
    TemplateBody,
    TemplateDetailOut,
    TemplatesOut,
    TemplateSummaryOut,
)
from forms.domain.templates import content_from_dict
from forms.service import consents, templates

blueprint = Blueprint(
    "templates", __name__, url_prefix="/api/v1/staff/templates", description="The practice's form library."
)


@blueprint.get("")
@allowed("read_templates")
@blueprint.response(200, TemplatesOut)
def library() -> Any:
    return {"items": templates.list_templates(wiring().unit_of_work(), staff_caller().practice_id)}


@blueprint.get("/<ref>")
@allowed("read_templates")
@blueprint.response(200, TemplateDetailOut)
def detail(ref: str) -> Any:
    """`ref`: a built-in key (`phq-9`, `informed-consent`, ...) or a practice template id."""
    summary, content, digest = templates.template_detail(wiring().unit_of_work(), staff_caller().practice_id, ref)
    return dataclasses.asdict(summary) | {"content": content.to_dict(), "content_sha256": digest}


@blueprint.post("")
@allowed("edit_templates")
@blueprint.arguments(TemplateBody)
@blueprint.response(201, TemplateSummaryOut)
def create(body: dict[str, Any]) -> Any:
    made = templates.create_template(wiring().unit_of_work(), staff_caller(), content_from_dict(body))
    return made, 201, {"Location": url_for("templates.detail", ref=made.id)}


@blueprint.post("/copies")
@allowed("edit_templates")
@blueprint.arguments(CopyTemplateBody)
@blueprint.response(201, TemplateSummaryOut)
def copy(body: dict[str, Any]) -> Any:
    made = templates.copy_builtin(wiring().unit_of_work(), staff_caller(), body["builtin"], body["title"])
    return made, 201, {"Location": url_for("templates.detail", ref=made.id)}


@blueprint.put("/<template_id>")
@allowed("edit_templates")
@blueprint.arguments(TemplateBody)
@blueprint.response(200, EditedTemplateOut)
def edit(body: dict[str, Any], template_id: str) -> Any:
    """A new version; assignments keep theirs. A consent's new version asks every client who signed an
    older one to sign again (`resign_requested`: how many clients)."""
    edited, asked = templates.edit_template(
        wiring().unit_of_work(), staff_caller(), template_id, content_from_dict(body), consents.ask_to_sign_again
    )
    return dataclasses.asdict(edited) | {"resign_requested": asked}
