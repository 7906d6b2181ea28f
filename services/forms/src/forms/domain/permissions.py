"""Which staff role may take which of the forms service's staff actions: the one table every staff
path is guarded by (`api.allowed(action)`), shown in the README. Billing sees nothing clinical."""

from __future__ import annotations

OWNER, ADMIN, CLINICIAN, BILLING, FRONT_DESK = "owner", "admin", "clinician", "billing", "front_desk"
EVERY_STAFF_ROLE = frozenset({OWNER, ADMIN, CLINICIAN, BILLING, FRONT_DESK})
CARE_TEAM = frozenset({OWNER, ADMIN, CLINICIAN, FRONT_DESK})
CLINICAL_READERS = frozenset({OWNER, ADMIN, CLINICIAN})

PERMISSIONS: dict[str, frozenset[str]] = {
    "read_templates": CARE_TEAM,
    "edit_templates": CLINICAL_READERS,
    "assign": CARE_TEAM,
    "withdraw": CARE_TEAM,
    # Which tasks a client has and whether they are done; never the answers.
    "read_status": CARE_TEAM,
    "read_answers": CLINICAL_READERS,
    # Record having reviewed a risk flag (who and when, audited).
    "acknowledge_risk": CLINICAL_READERS,
    "read_forms_settings": EVERY_STAFF_ROLE,
    "change_forms_settings": frozenset({OWNER, ADMIN}),
    "read_audit": frozenset({OWNER, ADMIN}),
}
ACTIONS = tuple(PERMISSIONS)


def roles_allowed(action: str) -> frozenset[str]:
    """The roles that may take `action`; an action missing from the table is a bug, not a refusal."""
    return PERMISSIONS[action]


def may(role: str, action: str) -> bool:
    return role in roles_allowed(action)
