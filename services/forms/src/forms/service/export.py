"""A submission exported as a FHIR R4 QuestionnaireResponse (JSON); every export is audited."""

from __future__ import annotations

from typing import Any

from portalkit.clock import utc_iso
from portalkit.errors import Problem, not_found

from forms.domain.assignment import AssignmentStatus
from forms.domain.audit import AuditAction
from forms.domain.fhir import questionnaire_response
from forms.service.actors import Staff
from forms.service.assignments import record_read


def fhir_export(uow: Any, staff: Staff, assignment_id: str) -> dict[str, Any]:
    with uow:
        assignment = uow.assignments.by_id(staff.practice_id, assignment_id)
        if assignment is None:
            raise not_found("Assignment")
        if assignment.status != AssignmentStatus.COMPLETED:
            raise Problem(409, "not-submitted", "Only a submission can be exported.")
        version = uow.templates.version(staff.practice_id, assignment.template_version_id)
        record_read(uow, staff, AuditAction.EXPORT_FHIR, assignment)
        uow.commit()
    return questionnaire_response(assignment, version, utc_iso(assignment.submitted_at))
