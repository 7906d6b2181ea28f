"""What practice staff do: assign, follow, read submissions (by role), scores, exports, settings."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, url_for
from flask_smorest import Blueprint

from forms.api import allowed, staff_caller, wiring
from forms.api.client import pdf_attachment
from forms.api.schemas import (
    AssignBody,
    AssignmentOut,
    AuditOut,
    AuditQuery,
    FormsSettingsOut,
    FormsSettingsPatch,
    PacketBody,
    PacketOut,
    RiskReviewOut,
    ScoresOut,
    StaffAssignmentOut,
    StaffAssignmentsOut,
)
from forms.api.shapes import opened_shape, risk_review_shape, score_shape, signature_shape, summary
from forms.domain.practice_settings import FormsSettings
from forms.service import assessments, assignments, consents, export, practice_settings
from forms.service.audit import audit_trail

blueprint = Blueprint("staff", __name__, url_prefix="/api/v1/staff", description="Forms given by staff.")


@blueprint.post("/clients/<client_id>/assignments")
@allowed("assign")
@blueprint.arguments(AssignBody)
@blueprint.response(201, AssignmentOut)
def assign(body: dict[str, Any], client_id: str) -> Any:
    giving = assignments.Giving([body["template"]], body["due_on"], signers=body["signers"])
    made = assignments.assign(wiring().unit_of_work(), wiring().identity, staff_caller(), client_id, giving)
    location = url_for("staff.assignment", assignment_id=made[0].id)
    return summary(made[0]), 201, {"Location": location}


@blueprint.post("/clients/<client_id>/packets")
@allowed("assign")
@blueprint.arguments(PacketBody)
@blueprint.response(201, PacketOut)
def assign_packet(body: dict[str, Any], client_id: str) -> Any:
    """Several templates at once (e.g. intake, consent, PHQ-9), one assignment each, one packet id."""
    giving = assignments.Giving(body["templates"], body["due_on"], packet=True, signers=body["signers"])
    made = assignments.assign(wiring().unit_of_work(), wiring().identity, staff_caller(), client_id, giving)
    return {"packet_id": made[0].packet_id, "items": [summary(a) for a in made]}


@blueprint.get("/clients/<client_id>/assignments")
@allowed("read_status")
@blueprint.response(200, StaffAssignmentsOut)
def client_assignments(client_id: str) -> Any:
    """With each one's risk flag for clinical readers; the front desk follows statuses only."""
    caller = staff_caller()
    found = assignments.staff_client_assignments(wiring().unit_of_work(), wiring().identity, caller, client_id)
    if not caller.may("read_answers"):
        return {"items": [summary(a) for a in found]}
    return {"items": [summary(a) | {"risk_flag": a.risk_flag, "risk_review": risk_review_shape(a)} for a in found]}


@blueprint.get("/assignments/<assignment_id>")
@allowed("read_status")
@blueprint.response(200, StaffAssignmentOut)
def assignment(assignment_id: str) -> Any:
    """Clinical readers get the answers, score, risk flag and signature evidence (audited); the front
    desk gets the status only."""
    caller = staff_caller()
    opened = assignments.staff_assignment(wiring().unit_of_work(), caller, assignment_id)
    if not caller.may("read_answers"):
        return summary(opened.assignment)
    signature = consents.signature_for(wiring().unit_of_work(), opened.assignment)
    shape = opened_shape(opened.assignment, opened.version, None)
    shape.pop("draft")
    return shape | {
        "score": score_shape(opened.assignment),
        "risk_flag": opened.assignment.risk_flag,
        "risk_review": risk_review_shape(opened.assignment),
        "submitted_by": opened.assignment.submitted_by,
        "signature": signature_shape(signature, evidence=True),
        "signatures": [
            signature_shape(s, evidence=True)
            for s in consents.signatures_for(wiring().unit_of_work(), opened.assignment)
        ],
    }


@blueprint.post("/assignments/<assignment_id>/risk-acknowledgement")
@allowed("acknowledge_risk")
@blueprint.response(200, RiskReviewOut)
def acknowledge_risk(assignment_id: str) -> Any:
    """The clinician has reviewed the risk flag; the first acknowledgement's who and when are kept."""
    acknowledged = assessments.acknowledge_risk(wiring().unit_of_work(), staff_caller(), assignment_id)
    return risk_review_shape(acknowledged)


@blueprint.post("/assignments/<assignment_id>/withdraw")
@allowed("withdraw")
@blueprint.response(200, AssignmentOut)
def withdraw(assignment_id: str) -> Any:
    return summary(assignments.withdraw(wiring().unit_of_work(), staff_caller(), assignment_id))


@blueprint.get("/assignments/<assignment_id>/signed-document")
@allowed("read_answers")
@blueprint.response(200, content_type="application/pdf")
def signed_document(assignment_id: str) -> Response:
    signed = consents.staff_signed_consent(wiring().unit_of_work(), staff_caller(), assignment_id)
    return pdf_attachment(wiring().signed_pdf.render(signed), f"signed-consent-{signed.assignment.id}.pdf")


@blueprint.get("/assignments/<assignment_id>/submission-document")
@allowed("read_answers")
@blueprint.response(200, content_type="application/pdf")
def submission_document(assignment_id: str) -> Response:
    """A submitted form or assessment as a PDF (audited); 409 before submission and for a consent."""
    printed = export.submission_to_print(wiring().unit_of_work(), wiring().identity, staff_caller(), assignment_id)
    return pdf_attachment(wiring().submission_pdf.render(printed), f"submission-{printed.assignment.id}.pdf")


@blueprint.get("/assignments/<assignment_id>/fhir")
@allowed("read_answers")
@blueprint.response(200, content_type="application/fhir+json")
def fhir(assignment_id: str) -> Response:
    """The submission as a FHIR R4 QuestionnaireResponse."""
    response = jsonify(export.fhir_export(wiring().unit_of_work(), staff_caller(), assignment_id))
    response.mimetype = "application/fhir+json"
    return response


@blueprint.get("/clients/<client_id>/scores")
@allowed("read_answers")
@blueprint.response(200, ScoresOut)
def scores(client_id: str) -> Any:
    """PHQ-9 and GAD-7 totals over time, with the severity bands to draw behind them."""
    series = assessments.score_series(wiring().unit_of_work(), wiring().identity, staff_caller(), client_id)
    return {"client_id": client_id, "items": series}


@blueprint.get("/forms/settings")
@allowed("read_forms_settings")
@blueprint.response(200, FormsSettingsOut)
def read_settings() -> Any:
    return settings_shape(practice_settings.forms_settings(wiring().unit_of_work(), staff_caller().practice_id))


@blueprint.patch("/forms/settings")
@allowed("change_forms_settings")
@blueprint.arguments(FormsSettingsPatch)
@blueprint.response(200, FormsSettingsOut)
def change_settings(body: dict[str, Any]) -> Any:
    return settings_shape(practice_settings.change_forms_settings(wiring().unit_of_work(), staff_caller(), body))


def settings_shape(settings: FormsSettings) -> dict[str, Any]:
    return {
        "practice_id": settings.practice_id,
        "show_scores_to_clients": settings.show_scores_to_clients,
        "crisis_resources_text": settings.crisis_resources,
        "crisis_resources_is_default": settings.crisis_resources_text is None,
        "updated_at": settings.updated_at,
    }


@blueprint.get("/forms/audit")
@allowed("read_audit")
@blueprint.arguments(AuditQuery, location="query")
@blueprint.response(200, AuditOut)
def audit(query: dict[str, Any]) -> Any:
    """Who read which submission, signature, export or score series, newest first (200 at most)."""
    return {"items": audit_trail(wiring().unit_of_work(), staff_caller().practice_id, query["client_id"])}
