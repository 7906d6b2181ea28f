"""What staff do: draft and issue a client's invoices, see the client's ledger, balance, cards and
autopay, and set the practice's billing choices."""

from __future__ import annotations

import dataclasses
from typing import Any

from flask import request
from flask_smorest import Blueprint
from portalkit.errors import Problem

from billing.api import allowed, idempotent, request_key, staff_caller, wiring
from billing.api.schemas import (
    ClientAccountOut,
    InvoiceBody,
    InvoiceOut,
    RefundBody,
    RefundResultOut,
    SettingsBody,
    SettingsOut,
)
from billing.domain.invoice import Adjustment, InvoiceLine
from billing.domain.permissions import actions_of
from billing.domain.refund import RefundStatus
from billing.service import invoices, refunds, settings

blueprint = Blueprint("staff", __name__, url_prefix="/api/v1/staff", description="Invoices and payments, for staff.")


@blueprint.get("/clients/<client_id>/billing")
@allowed("read_billing")
@blueprint.response(200, ClientAccountOut)
def client_account(client_id: str) -> Any:
    caller = staff_caller()
    account = invoices.client_account(wiring().unit_of_work, caller, client_id)
    return {
        "allowed_actions": actions_of(caller.role),
        "balance_cents": account.balance_cents,
        "invoices": account.invoices,
        "ledger": account.ledger,
        "cards": account.cards,
        "autopay": account.autopay,
        "payments": [
            dataclasses.asdict(paid.payment)
            | {"refunded_cents": paid.refunded_cents}
            | {"refundable_cents": paid.refundable_cents}
            for paid in refunds.with_refunds(account.payments, account.refunds)
        ],
        "refunds": account.refunds,
    }


@blueprint.post("/payments/<payment_id>/refunds")
@allowed("refund_payments")
@idempotent
@blueprint.arguments(RefundBody)
@blueprint.response(201, RefundResultOut)
def refund_payment(body: dict[str, Any], payment_id: str) -> Any:
    """Give back all or part of a payment to its card; needs an `Idempotency-Key` header. At most what
    the payment has left to give back (422 `amount_cents`); the processor refused: 402."""
    asked = refunds.RefundRequest(
        payment_id, body["amount_cents"], body["reason"], request.remote_addr or "unknown", request_key()
    )
    done = refunds.refund(wiring().unit_of_work, wiring().processor, staff_caller(), asked)
    if done.status is RefundStatus.FAILED:
        raise Problem(
            402,
            "refund-declined",
            "The card processor refused the refund.",
            "Nothing was given back; look at the payment with the processor.",
            failure_code=done.failure_code,
            refund_id=done.id,
        )
    return dataclasses.asdict(done) | {"remaining_cents": refunds.remaining_after(wiring().unit_of_work, done)}, 201


@blueprint.post("/clients/<client_id>/invoices")
@allowed("manage_invoices")
@blueprint.arguments(InvoiceBody)
@blueprint.response(201, InvoiceOut)
def create_invoice(body: dict[str, Any], client_id: str) -> Any:
    """A draft: lines (date of service, service code, description, fee in cents) less adjustments."""
    draft = invoices.Draft(
        tuple(
            InvoiceLine(**line | {name: _upper(line[name]) for name in ("diagnosis_codes", "modifiers")})
            for line in body["lines"]
        ),
        tuple(Adjustment(**adjustment) for adjustment in body["adjustments"]),
    )
    return invoices.create(wiring().unit_of_work, wiring().identity, staff_caller(), client_id, draft), 201


def _upper(codes: list[str]) -> tuple[str, ...]:
    return tuple(code.strip().upper() for code in codes)


@blueprint.post("/invoices/<invoice_id>/issue")
@allowed("manage_invoices")
@blueprint.response(200, InvoiceOut)
def issue_invoice(invoice_id: str) -> Any:
    """The client sees it and owes it; autopay charges it when the practice's autopay day comes."""
    return invoices.issue(wiring().unit_of_work, wiring().identity, staff_caller(), invoice_id)


@blueprint.get("/billing/settings")
@allowed("read_billing")
@blueprint.response(200, SettingsOut)
def read_settings() -> Any:
    return _with_available(settings.read(wiring().unit_of_work, staff_caller().practice_id))


@blueprint.patch("/billing/settings")
@allowed("change_settings")
@blueprint.arguments(SettingsBody)
@blueprint.response(200, SettingsOut)
def change_settings(body: dict[str, Any]) -> Any:
    available = wiring().processors.available()
    return _with_available(settings.change(wiring().unit_of_work, staff_caller(), body, available))


def _with_available(choices: settings.BillingChoices) -> dict[str, Any]:
    return dataclasses.asdict(choices) | {"processors_available": list(wiring().processors.available())}
