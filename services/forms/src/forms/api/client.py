"""What a client does with the forms, consents and assessments given to them (the token's profile)."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask_smorest import Blueprint
from portalkit.auth import CLIENT_ROLE, requires

from forms.api import client_caller, wiring
from forms.api.schemas import (
    AnswersBody,
    AssignmentsOut,
    ClientAssignmentOut,
    DraftOut,
    SignBody,
    SubmittedOut,
)
from forms.api.shapes import opened_shape, score_shape, signature_shape, summary
from forms.domain.assignment import AssignmentStatus
from forms.service import assignments, consents

blueprint = Blueprint(
    "assignments", __name__, url_prefix="/api/v1/assignments", description="A client's forms, consents, assessments."
)


@blueprint.get("")
@requires(CLIENT_ROLE)
@blueprint.response(200, AssignmentsOut)
def my_assignments() -> Any:
    """Pending first (soonest due first), then completed (newest first); withdrawn ones are not listed.
    `signed_by_you` marks a couple's consent the caller signed that waits for the other partner;
    `for_someone_else` one that staff gave another account of the profile to complete or sign."""
    client = client_caller()
    found = assignments.client_assignments(wiring().unit_of_work(), client)
    signed = assignments.signed_by_caller(wiring().unit_of_work(), client, found)
    others = assignments.for_someone_else(wiring().identity, client, found)
    pending = sorted((a for a in found if a.status == AssignmentStatus.PENDING), key=_due_first)
    done = sorted(
        (a for a in found if a.status != AssignmentStatus.PENDING), key=lambda a: a.submitted_at, reverse=True
    )
    marks = {a.id: {"signed_by_you": a.id in signed, "for_someone_else": a.id in others} for a in found}
    return {"items": [summary(a) | marks[a.id] for a in pending + done]}


def _due_first(assignment: Any) -> tuple[bool, Any, Any]:
    return (assignment.due_on is None, assignment.due_on, assignment.assigned_at)


@blueprint.get("/<assignment_id>")
@requires(CLIENT_ROLE)
@blueprint.response(200, ClientAssignmentOut)
def my_assignment(assignment_id: str) -> Any:
    client = client_caller()
    opened, settings = assignments.open_assignment(wiring().unit_of_work(), client, assignment_id)
    signature = consents.signature_for(wiring().unit_of_work(), opened.assignment)
    shape = opened_shape(opened.assignment, opened.version, signature)
    every = consents.signatures_for(wiring().unit_of_work(), opened.assignment)
    shape["signatures"] = client_signatures(every, client.account_id)
    shape["for_someone_else"] = bool(assignments.for_someone_else(wiring().identity, client, [opened.assignment]))
    shape["score"] = score_shape(opened.assignment) if settings.show_scores_to_clients else None
    if opened.assignment.risk_flag:
        shape["crisis_resources"] = settings.crisis_resources  # shown again whenever it is reopened
    return shape


@blueprint.put("/<assignment_id>/draft")
@requires(CLIENT_ROLE)
@blueprint.arguments(AnswersBody)
@blueprint.response(200, DraftOut)
def save_draft(body: dict[str, Any], assignment_id: str) -> Any:
    """Saved as the client types; a later GET (on any device) returns it."""
    saved = assignments.save_draft(
        wiring().unit_of_work(), wiring().identity, client_caller(), assignment_id, body["answers"]
    )
    return {"answers": saved.draft, "saved_at": saved.draft_saved_at}


@blueprint.post("/<assignment_id>/submit")
@requires(CLIENT_ROLE)
@blueprint.arguments(AnswersBody)
@blueprint.response(200, SubmittedOut)
def submit(body: dict[str, Any], assignment_id: str) -> Any:
    done = assignments.submit(
        wiring().unit_of_work(), wiring().identity, client_caller(), assignment_id, body["answers"]
    )
    shape = summary(done.assignment) | {"answers": done.assignment.answers}
    if done.show_score:
        shape["score"] = score_shape(done.assignment)
    if done.crisis_resources:
        shape["crisis_resources"] = done.crisis_resources
    return shape


@blueprint.post("/<assignment_id>/sign")
@requires(CLIENT_ROLE)
@blueprint.arguments(SignBody)
@blueprint.response(200, ClientAssignmentOut)
def sign(body: dict[str, Any], assignment_id: str) -> Any:
    client, signing = client_caller(), consents.Signing(body["full_name"], body["agree"], body["drawing"])
    signed = consents.sign_consent(wiring().unit_of_work(), wiring().identity, client, assignment_id, signing)
    shape = opened_shape(signed.assignment, signed.version, signed.signature)
    return shape | {"signatures": client_signatures(signed.signatures, client.account_id)}


def client_signatures(signatures: Any, account_id: str) -> list[dict[str, Any]]:
    """Every signature without its evidence; `by_you` marks the asking account's own (a partner who signed
    is not asked again)."""
    return [(signature_shape(s, evidence=False) or {}) | {"by_you": s.account_id == account_id} for s in signatures]


@blueprint.get("/<assignment_id>/signed-document")
@requires(CLIENT_ROLE)
@blueprint.response(200, content_type="application/pdf")
def signed_document(assignment_id: str) -> Response:
    signed = consents.client_signed_consent(wiring().unit_of_work(), client_caller(), assignment_id)
    return pdf_attachment(wiring().signed_pdf.render(signed), f"signed-consent-{signed.assignment.id}.pdf")


def pdf_attachment(pdf: bytes, filename: str) -> Response:
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
