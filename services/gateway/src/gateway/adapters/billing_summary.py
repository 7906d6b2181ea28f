"""What the dashboard shows of billing, asked of billing with the client's own access token: the
balance of the open invoices (when the practice offers invoices and payments) and whether the client
is enrolled in autopay (when it offers autopay: if not, "Enroll in autopay" is a task) and whether the
client added insurance (when it offers insurance: if not, "Add your insurance details" is a task) and
how many Good Faith Estimates wait for the client's acknowledgement (when it offers estimates: if any,
"Review your Good Faith Estimate" is a task). Billing being
down or slow takes this out of the dashboard, never the dashboard itself (`BillingUnavailable`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gateway.adapters.as_client import get_as_client
from gateway.adapters.upstream import Upstream

INVOICES_PATH = "/api/v1/billing/invoices"
AUTOPAY_PATH = "/api/v1/billing/autopay"
AUTOPAY_TASK = {
    "id": "autopay",
    "kind": "autopay",
    "title": "Enroll in autopay",
    "status": "pending",
    "due_on": None,
    "completed_at": None,
    "signed_by_you": False,
    "url": "/billing#autopay",
}


INSURANCE_PATH = "/api/v1/billing/insurance"
INSURANCE_TASK = AUTOPAY_TASK | {
    "id": "insurance",
    "kind": "insurance",
    "title": "Add your insurance details",
    "url": "/billing#insurance",
}

ESTIMATES_PATH = "/api/v1/billing/estimates"
ESTIMATE_TASK = AUTOPAY_TASK | {
    "id": "estimate",
    "kind": "estimate",
    "title": "Review your Good Faith Estimate",
    "url": "/billing#estimates",
}


class BillingUnavailable(Exception):
    """Billing could not say (down, too slow, an answer that could not be read)."""


class BillingSummary:
    def __init__(self, upstream: Upstream, billing_url: str, timeout: float = 3.0) -> None:
        self._upstream = upstream
        self._base = billing_url.rstrip("/")
        self._timeout = timeout

    def of(self, access_token: str, features: Mapping[str, bool]) -> dict[str, Any] | None:
        """`{open_balance_cents, currency, open_invoices, autopay_enrolled}` of the features that are on
        (None where off), or None for a caller without a client profile or with both features off."""
        summary: dict[str, Any] = {"open_balance_cents": None, "currency": None, "open_invoices": None}
        summary["autopay_enrolled"] = None
        summary["insurance_added"] = None
        summary["estimates_to_review"] = None
        if features.get("invoices_and_payments", True):
            invoices = self._get(INVOICES_PATH, access_token)
            if invoices is None:
                return None
            summary |= _invoices(invoices)
        if features.get("autopay", True):
            autopay = self._get(AUTOPAY_PATH, access_token)
            if autopay is None:
                return None
            summary["autopay_enrolled"] = _enrolled(autopay)
        if features.get("insurance", True):
            policies = self._get(INSURANCE_PATH, access_token)
            if policies is None:
                return None
            summary["insurance_added"] = _insurance_added(policies)
        if features.get("estimates", True):
            estimates = self._get(ESTIMATES_PATH, access_token)
            if estimates is None:
                return None
            summary["estimates_to_review"] = _to_review(estimates)
        return summary if any(value is not None for value in summary.values()) else None

    def _get(self, path: str, access_token: str) -> dict[str, Any] | None:
        # None: a caller with no client profile has no billing.
        return get_as_client(self._upstream, self._base + path, access_token, self._timeout, BillingUnavailable)


def _invoices(document: dict[str, Any]) -> dict[str, Any]:
    balance, currency, open_items = document.get("balance_cents"), document.get("currency"), document.get("open")
    if not isinstance(balance, int) or not isinstance(currency, str) or not isinstance(open_items, list):
        raise BillingUnavailable()
    return {"open_balance_cents": balance, "currency": currency, "open_invoices": len(open_items)}


def _enrolled(document: dict[str, Any]) -> bool:
    enrolled = document.get("enrolled")
    if not isinstance(enrolled, bool):
        raise BillingUnavailable()
    return enrolled


def _insurance_added(document: dict[str, Any]) -> bool:
    items = document.get("items")
    if not isinstance(items, list):
        raise BillingUnavailable()
    return bool(items)


def _to_review(document: dict[str, Any]) -> int:
    """Estimates issued and not yet acknowledged (a superseded one waits for nothing)."""
    items = document.get("items")
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise BillingUnavailable()
    return sum(1 for item in items if item.get("status") == "issued")
