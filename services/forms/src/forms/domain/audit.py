"""Append-only record of every read of clinical content (submissions, signatures, exports, scores) and
of the clinical decisions staff take on it (acknowledging a risk flag, starting or stopping a repeating
assessment)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum


class AuditAction(enum.StrEnum):
    READ_SUBMISSION = "read_submission"
    READ_SCORES = "read_scores"
    EXPORT_FHIR = "export_fhir"
    DOWNLOAD_SIGNED_PDF = "download_signed_pdf"
    DOWNLOAD_SUBMISSION_PDF = "download_submission_pdf"
    READ_SIGNATURE = "read_signature"
    ACKNOWLEDGE_RISK = "acknowledge_risk"
    START_RECURRING = "start_recurring"
    STOP_RECURRING = "stop_recurring"


@dataclasses.dataclass(frozen=True)
class AuditEntry:
    practice_id: str
    actor_id: str
    actor_role: str
    action: AuditAction
    client_id: str
    assignment_id: str | None
    at: dt.datetime
    ip: str | None = None
