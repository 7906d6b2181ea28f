"""Which client-facing API paths belong to which portal feature, so that a feature a practice turned
off answers 403 `feature-off` at the gateway, before any service is asked.

What is true today: forms serves one client API (`/api/v1/assignments`) for three features (forms,
consents, assessments), so no path names one of them: the forms service answers 403 `feature-off`
itself for an assignment whose kind's feature is off, and leaves it out of the client's list.
Scheduling's client paths belong to `appointments` and, for booking open slots, `self_scheduling`
(`telehealth` has no path: scheduling leaves the video room's address out while it is off). Billing's
client paths belong to `invoices_and_payments` (cards, the sandbox's card tokens, invoices and
payments), `autopay` and `insurance` (the client's policies and card photos); the client's
statements, superbills and receipts (lists and PDFs) each belong to the feature of that name, and
the client's Good Faith Estimates (list, PDF, acknowledgement) to `estimates`. Identity
serves no profile-edit path, so `profile_edits` has none either. Messaging's secure threads
(`/api/v1/threads`, `/api/v1/messages/unread`) belong to `messages`, the documents the practice shared
(`/api/v1/documents`) to `documents` and the client's own files (`/api/v1/uploads`, and the files the
practice asked for, `/api/v1/upload-requests`) to `uploads`. Add a
feature's paths here when its service lands.

Staff paths (`/api/v1/staff/...`) are never listed: staff keep managing what the practice turned off.
"""

from __future__ import annotations

import re

from portalkit.errors import Problem

FEATURE_PATHS: dict[str, tuple[str, ...]] = {
    "messages": (r"/api/v1/messages(/.*)?", r"/api/v1/threads(/.*)?"),
    "documents": (r"/api/v1/documents(/.*)?",),
    "uploads": (r"/api/v1/uploads(/.*)?", r"/api/v1/upload-requests(/.*)?"),
    "appointments": (r"/api/v1/appointments(/.*)?",),
    "self_scheduling": (r"/api/v1/booking(/.*)?",),
    "invoices_and_payments": (
        r"/api/v1/billing/cards(/.*)?",
        r"/api/v1/billing/invoices(/.*)?",
        r"/api/v1/billing/sandbox(/.*)?",
        r"/api/v1/billing/processor",
    ),
    "autopay": (r"/api/v1/billing/autopay(/.*)?",),
    "insurance": (r"/api/v1/billing/insurance(/.*)?",),
    "statements": (r"/api/v1/billing/statements(/.*)?",),
    "superbills": (r"/api/v1/billing/superbills(/.*)?",),
    "receipts": (r"/api/v1/billing/receipts(/.*)?",),
    "estimates": (r"/api/v1/billing/estimates(/.*)?",),
}

_COMPILED = tuple(
    (feature, re.compile(pattern + r"\Z")) for feature, patterns in FEATURE_PATHS.items() for pattern in patterns
)


def feature_of(path: str) -> str | None:
    """The feature `path` belongs to, or None for paths every practice has."""
    return next((feature for feature, pattern in _COMPILED if pattern.match(path)), None)


def feature_off(feature: str) -> Problem:
    return Problem(
        403,
        "feature-off",
        "Your practice does not offer this in the portal.",
        "Contact your practice if you need it.",
        feature=feature,
    )
