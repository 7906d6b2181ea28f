"""Invoices: staff draft one for a client and issue it (its charges and adjustments enter the ledger,
autopay is scheduled for an enrolled client); the client sees theirs and the balance."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from portalkit.clock import utc_iso
from portalkit.errors import Problem, ValidationProblem, not_found

from billing.domain.cards import AutopayEnrollment, Card
from billing.domain.invoice import Adjustment, Invoice, InvoiceLine, InvoiceRefused, InvoiceStatus, check_new_invoice
from billing.domain.ledger import EntryKind, LedgerEntry, balance_cents
from billing.domain.payment import PaymentAttempt
from billing.domain.refund import Refund
from billing.service.actors import ClientCaller, Staff
from billing.service.identity import Identity

if TYPE_CHECKING:
    from billing.adapters.unit_of_work import BillingUnitOfWork

ISSUED = "billing.invoice.issued"


@dataclasses.dataclass(frozen=True)
class Draft:
    lines: tuple[InvoiceLine, ...]
    adjustments: tuple[Adjustment, ...]


@dataclasses.dataclass(frozen=True)
class ClientAccount:
    """A client's billing as staff see it."""

    invoices: list[Invoice]
    ledger: list[LedgerEntry]
    cards: list[Card]
    autopay: AutopayEnrollment | None
    payments: list[PaymentAttempt]
    refunds: list[Refund] = dataclasses.field(default_factory=list)

    @property
    def balance_cents(self) -> int:
        return balance_cents(self.ledger)


def create(
    unit_of_work: Callable[[], BillingUnitOfWork], identity: Identity, staff: Staff, client_id: str, draft: Draft
) -> Invoice:
    try:
        check_new_invoice(draft.lines, draft.adjustments)
    except InvoiceRefused as refused:
        raise ValidationProblem({refused.field: [refused.message]}) from refused
    if not identity.client_exists(staff.practice_id, client_id):
        raise ValidationProblem({"client_id": ["Not a client of this practice."]})
    with unit_of_work() as uow:
        invoice = Invoice(
            id=str(uuid.uuid4()),
            practice_id=staff.practice_id,
            client_id=client_id,
            currency=uow.settings.get(staff.practice_id).currency,
            lines=draft.lines,
            adjustments=draft.adjustments,
            status=InvoiceStatus.DRAFT,
            created_at=uow.clock.now(),
            created_by=staff.account_id,
        )
        uow.invoices.add(invoice)
        uow.commit()
        return invoice


def issue(unit_of_work: Callable[[], BillingUnitOfWork], identity: Identity, staff: Staff, invoice_id: str) -> Invoice:
    """Issue a draft: the ledger gains its charges and adjustments; an autopay client is charged when
    the practice's autopay day comes (the worker's sweep)."""
    autopay_on = identity.features(staff.practice_id).get("autopay", True)
    with unit_of_work() as uow:
        invoice = uow.invoices.get(staff.practice_id, invoice_id, lock=True)
        if invoice is None:
            raise not_found("Invoice")
        now = uow.clock.now()
        try:
            invoice.issue(now)
        except InvoiceRefused as refused:
            raise Problem(409, "invoice-issued", refused.message) from refused
        uow.invoices.save_state(invoice)
        for entry in _entries(invoice, now):
            uow.ledger.append(entry)
        if autopay_on and uow.autopay.active(invoice.practice_id, invoice.client_id):
            delay = uow.settings.get(invoice.practice_id).autopay_delay_days
            uow.autopay.schedule(invoice, now + dt.timedelta(days=delay))
        uow.publish(ISSUED, _issued_event(invoice), invoice.practice_id)
        uow.commit()
        return invoice


def _entries(invoice: Invoice, now: dt.datetime) -> list[LedgerEntry]:
    def entry(kind: EntryKind, cents: int, description: str) -> LedgerEntry:
        return LedgerEntry(
            str(uuid.uuid4()), invoice.practice_id, invoice.client_id, invoice.id, kind, cents, invoice.currency,
            description, now,
        )  # fmt: skip

    charges = [entry(EntryKind.CHARGE, line.fee_cents, line.description) for line in invoice.lines]
    return charges + [entry(EntryKind.ADJUSTMENT, a.amount_cents, a.description) for a in invoice.adjustments]


def _issued_event(invoice: Invoice) -> dict[str, object]:
    return {
        "invoice_id": invoice.id,
        "client_id": invoice.client_id,
        "total_cents": invoice.total_cents,
        "currency": invoice.currency,
        "issued_at": utc_iso(invoice.issued_at or invoice.created_at),
    }


def client_invoices(unit_of_work: Callable[[], BillingUnitOfWork], caller: ClientCaller) -> tuple[list[Invoice], int]:
    """The client's issued invoices (drafts are staff's) and their balance."""
    with unit_of_work() as uow:
        uow.read_as_one_moment()
        invoices = uow.invoices.of_client(caller.practice_id, caller.client_id, issued_only=True)
        return invoices, balance_cents(uow.ledger.of_client(caller.practice_id, caller.client_id))


def client_account(unit_of_work: Callable[[], BillingUnitOfWork], staff: Staff, client_id: str) -> ClientAccount:
    with unit_of_work() as uow:
        uow.read_as_one_moment()
        return ClientAccount(
            invoices=uow.invoices.of_client(staff.practice_id, client_id),
            ledger=uow.ledger.of_client(staff.practice_id, client_id),
            cards=uow.cards.of_client(staff.practice_id, client_id),
            autopay=uow.autopay.active(staff.practice_id, client_id),
            payments=uow.attempts.of_client(staff.practice_id, client_id),
            refunds=uow.refunds.of_client(staff.practice_id, client_id),
        )
