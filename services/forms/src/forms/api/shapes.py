"""What an assignment looks like in answers: to its client, and to staff by role."""

from __future__ import annotations

from typing import Any

from forms.domain.assignment import Assignment
from forms.domain.consent import ConsentSignature
from forms.domain.templates import TemplateVersion


def summary(assignment: Assignment) -> dict[str, Any]:
    return {
        "id": assignment.id,
        "client_id": assignment.client_id,
        "template_id": assignment.template_id,
        "template_version_id": assignment.template_version_id,
        "kind": str(assignment.kind),
        "title": assignment.title,
        "instrument": assignment.instrument,
        "status": str(assignment.status),
        "due_on": assignment.due_on,
        "assigned_at": assignment.assigned_at,
        "completed_at": assignment.submitted_at,
        "packet_id": assignment.packet_id,
        "replaces_id": assignment.replaces_id,
        "signers": list(assignment.signer_ids),
    }


def risk_review_shape(assignment: Assignment) -> dict[str, Any] | None:
    """Who acknowledged having reviewed a raised risk flag, and when; None while nobody has."""
    if assignment.risk_acknowledged_at is None:
        return None
    return {
        "acknowledged_at": assignment.risk_acknowledged_at,
        "acknowledged_by": assignment.risk_acknowledged_by,
        "acknowledged_by_email": assignment.risk_acknowledged_by_email,
    }


def version_shape(version: TemplateVersion) -> dict[str, Any]:
    identity = {"id": version.id, "number": version.number, "content_sha256": version.content_sha256}
    return identity | version.content.to_dict()


def score_shape(assignment: Assignment) -> dict[str, Any] | None:
    score = assignment.score
    return None if score is None else {"total": score.total, "severity": score.severity}


def signature_shape(signature: ConsentSignature | None, evidence: bool) -> dict[str, Any] | None:
    if signature is None:
        return None
    shape = {
        "id": signature.id,
        "full_name": signature.full_name,
        "signed_at": signature.signed_at,
        "document_sha256": signature.document_sha256,
        "template_version_id": signature.template_version_id,
        "needs_resigning": signature.needs_resigning,
        "has_drawing": signature.drawing_png is not None,
    }
    if evidence:
        shape |= {"account_id": signature.account_id, "ip": signature.ip, "user_agent": signature.user_agent}
    return shape


def opened_shape(
    assignment: Assignment, version: TemplateVersion, signature: ConsentSignature | None
) -> dict[str, Any]:
    """The version's questions, the draft (or the submitted answers) and the signature of a consent."""
    return summary(assignment) | {
        "template_version": version_shape(version),
        "draft": {"answers": assignment.draft, "saved_at": assignment.draft_saved_at},
        "answers": assignment.answers,
        "signature": signature_shape(signature, evidence=False),
    }
