"""Which staff role may take which of the scheduling service's staff actions: the one table every
staff path is guarded by (`api.allowed(action)`)."""

from __future__ import annotations

OWNER, ADMIN, CLINICIAN, BILLING, FRONT_DESK = "owner", "admin", "clinician", "billing", "front_desk"
EVERY_STAFF_ROLE = frozenset({OWNER, ADMIN, CLINICIAN, BILLING, FRONT_DESK})
CARE_TEAM = frozenset({OWNER, ADMIN, CLINICIAN, FRONT_DESK})

PERMISSIONS: dict[str, frozenset[str]] = {
    # Billing reads the calendar (late cancellations and no-shows are charged), changes nothing.
    "read_appointments": EVERY_STAFF_ROLE,
    "book": CARE_TEAM,
    "set_availability": CARE_TEAM,
    "edit_types": frozenset({OWNER, ADMIN}),
    "change_settings": frozenset({OWNER, ADMIN}),
}


def roles_allowed(action: str) -> frozenset[str]:
    """The roles that may take `action`; an action missing from the table is a bug, not a refusal."""
    return PERMISSIONS[action]
