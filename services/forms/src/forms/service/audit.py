"""The practice's audit trail of reads of clinical content, for owners and admins."""

from __future__ import annotations

from typing import Any

from forms.domain.audit import AuditEntry


def audit_trail(uow: Any, practice_id: str, client_id: str | None) -> list[AuditEntry]:
    with uow:
        return uow.audit.of_practice(practice_id, client_id)  # type: ignore[no-any-return]
