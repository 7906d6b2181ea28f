"""Which staff role may take which of the billing service's staff actions: the one table every staff
path is guarded by (`api.allowed(action)`)."""

from __future__ import annotations

OWNER, ADMIN, CLINICIAN, BILLING, FRONT_DESK = "owner", "admin", "clinician", "billing", "front_desk"

PERMISSIONS: dict[str, frozenset[str]] = {
    # The front desk answers a client's question about a balance; clinicians see whether a client pays.
    "read_billing": frozenset({OWNER, ADMIN, CLINICIAN, BILLING, FRONT_DESK}),
    "manage_invoices": frozenset({OWNER, ADMIN, BILLING}),
    "change_settings": frozenset({OWNER, ADMIN, BILLING}),
    # Money given back to a client's card.
    "refund_payments": frozenset({OWNER, ADMIN, BILLING}),
    # The front desk checks a new client's insurance with the payer before the first visit.
    "verify_insurance": frozenset({OWNER, ADMIN, BILLING, FRONT_DESK}),
    # Statements and superbills: billing staff generate them; who read which document is the owners'.
    "generate_documents": frozenset({OWNER, ADMIN, BILLING}),
    "read_document_audit": frozenset({OWNER, ADMIN}),
    # Good Faith Estimates: billing staff draft and issue them; every staff role reads them.
    "manage_estimates": frozenset({OWNER, ADMIN, BILLING}),
}


def roles_allowed(action: str) -> frozenset[str]:
    """The roles that may take `action`; an action missing from the table is a bug, not a refusal."""
    return PERMISSIONS[action]


def actions_of(role: str) -> list[str]:
    """The actions `role` may take, for pages to offer only those (the paths check again)."""
    return sorted(action for action, roles in PERMISSIONS.items() if role in roles)
