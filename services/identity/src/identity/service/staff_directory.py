"""Who in a practice should hear of something: its active staff of some roles, for other services."""

from __future__ import annotations

from typing import Any

from portalkit.errors import not_found

from identity.domain.model import STAFF_ROLES
from identity.service.unit_of_work import IdentityUnitOfWork


def active_staff(uow: IdentityUnitOfWork, practice_id: str, roles: list[str]) -> dict[str, Any]:
    """The practice's name and its active staff accounts holding one of `roles` (every staff role
    when none is named); a client account is never listed."""
    wanted = [role for role in roles if role in STAFF_ROLES] if roles else list(STAFF_ROLES)
    with uow:
        practice = uow.practices.get(practice_id)
        if practice is None:
            raise not_found("Practice")
        staff = uow.accounts.active_staff(practice_id, wanted) if wanted else []
        return {
            "practice": {"id": practice.id, "name": practice.name},
            "items": [{"account_id": account.id, "email": account.email, "role": account.role} for account in staff],
        }
