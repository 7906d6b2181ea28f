"""A submission exported: as a FHIR R4 QuestionnaireResponse (JSON), or printed to a PDF for staff.
Every export is audited."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from portalkit.clock import utc_iso
from portalkit.errors import Problem, not_found

from forms.domain.assignment import Assignment, AssignmentStatus
from forms.domain.audit import AuditAction
from forms.domain.fhir import questionnaire_response
from forms.domain.templates import TemplateKind, TemplateVersion
from forms.service.actors import Staff
from forms.service.assignments import record_audit
from forms.service.identity import Identity


@dataclasses.dataclass(frozen=True)
class PrintedSubmission:
    """What the submission PDF shows: the answers with the exact version asked, and whose they are."""

    assignment: Assignment
    version: TemplateVersion
    client_name: str
    practice_name: str


def fhir_export(uow: Any, staff: Staff, assignment_id: str) -> dict[str, Any]:
    with uow:
        assignment, version = _submission(uow, staff, assignment_id)
        record_audit(uow, staff, AuditAction.EXPORT_FHIR, assignment)
        uow.commit()
    return questionnaire_response(assignment, version, utc_iso(_submitted_at(assignment)))


def submission_to_print(uow: Any, identity: Identity, staff: Staff, assignment_id: str) -> PrintedSubmission:
    """A submitted form or assessment for its PDF (a consent has its signed PDF instead)."""
    with uow:
        assignment, version = _submission(uow, staff, assignment_id)
        if assignment.kind == TemplateKind.CONSENT:
            raise Problem(
                409, "consent-has-signed-document", "A signed consent prints as its signed PDF (signed-document)."
            )
        client = identity.client(staff.practice_id, assignment.client_id)
        record_audit(uow, staff, AuditAction.DOWNLOAD_SUBMISSION_PDF, assignment)
        uow.commit()
    name, practice = (client.name, client.practice_name) if client else ("", "")
    return PrintedSubmission(assignment, version, name, practice)


def _submitted_at(assignment: Assignment) -> dt.datetime:
    if assignment.submitted_at is None:  # _submission refuses these
        raise _not_submitted()
    return assignment.submitted_at


def _not_submitted() -> Problem:
    return Problem(409, "not-submitted", "Only a submission can be exported.")


def _submission(uow: Any, staff: Staff, assignment_id: str) -> tuple[Assignment, TemplateVersion]:
    assignment = uow.assignments.by_id(staff.practice_id, assignment_id)
    if assignment is None:
        raise not_found("Assignment")
    if assignment.status != AssignmentStatus.COMPLETED:
        raise _not_submitted()
    return assignment, uow.templates.version(staff.practice_id, assignment.template_version_id)
