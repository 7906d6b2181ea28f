"""Append-only record of every read of clinical content: submissions, signatures, exports, scores."""

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
