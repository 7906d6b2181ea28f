"""Which staff role may take which of identity's staff actions: the one table every staff path is
guarded by (`api.staff(action)`), shown in the README. Clients take none of them."""

from __future__ import annotations

OWNER, ADMIN, CLINICIAN, BILLING, FRONT_DESK = "owner", "admin", "clinician", "billing", "front_desk"
EVERY_STAFF_ROLE = frozenset({OWNER, ADMIN, CLINICIAN, BILLING, FRONT_DESK})
CARE_TEAM = frozenset({OWNER, ADMIN, CLINICIAN, FRONT_DESK})

PERMISSIONS: dict[str, frozenset[str]] = {
    "create_client": CARE_TEAM,
    "read_clients": EVERY_STAFF_ROLE,
    "manage_client_emails": CARE_TEAM,
    "send_sign_in_pin": CARE_TEAM,
    "send_reset_link": CARE_TEAM,
    "disable_enable_account": CARE_TEAM,
    "reset_two_factor": CARE_TEAM,
    # Linking gives an account a client's clinical record: not the front desk's call.
    "link_profiles": frozenset({OWNER, ADMIN, CLINICIAN}),
    "read_profile_links": CARE_TEAM,
    "read_practice_settings": EVERY_STAFF_ROLE,
    "change_practice_settings": frozenset({OWNER, ADMIN}),
    "read_audit": EVERY_STAFF_ROLE,
}
ACTIONS = tuple(PERMISSIONS)


def roles_allowed(action: str) -> frozenset[str]:
    """The roles that may take `action`; an action missing from the table is a bug, not a refusal."""
    return PERMISSIONS[action]


def may(role: str, action: str) -> bool:
    return role in roles_allowed(action)
