"""Statements, superbills and receipts: staff generate a client's monthly statement or a superbill for a
date range (kept as generated); the client and staff download them and any receipt of a payment. Every
generation and download is written to the document audit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from portalkit.errors import ValidationProblem, not_found

from billing.adapters import pdf
from billing.domain.documents import (
    MAX_SUPERBILL_DAYS,
    DocumentKind,
    DocumentRecord,
    Party,
    Receipt,
    month_bounds,
    statement_of,
    superbill_of,
)
from billing.domain.payment import AttemptStatus
from billing.domain.refund import Refund, RefundStatus
from billing.service.identity import Identity
from billing.service.settings import missing_for_superbill

if TYPE_CHECKING:
    from billing.adapters.unit_of_work import BillingUnitOfWork

UnitOfWorkFactory = Callable[[], "BillingUnitOfWork"]


@dataclasses.dataclass(frozen=True)
class Reader:
    """Who asks for a document: staff of the practice (any client) or a client (their own only)."""

    practice_id: str
    account_id: str
    role: str
    ip: str
    client_id: str | None = None  # set for a client: only their documents


@dataclasses.dataclass(frozen=True)
class Download:
    filename: str
    content: bytes


def party_of(uow: BillingUnitOfWork, identity: Identity, practice_id: str, client_id: str) -> Party:
    details = identity.client_details(practice_id, client_id)
    if details is None:
        raise ValidationProblem({"client_id": ["Not a client of this practice."]})
    profile = uow.settings.get(practice_id)
    return Party(
        profile.practice_name, profile.address, profile.npi, profile.tax_id,
        details.name, details.date_of_birth, profile.currency,
    )  # fmt: skip


def record_audit(
    uow: BillingUnitOfWork, reader: Reader, client_id: str, action: str, kind: DocumentKind, doc: str
) -> None:
    uow.documents.audit(
        {
            "practice_id": reader.practice_id,
            "client_id": client_id,
            "actor_id": reader.account_id,
            "actor_role": reader.role,
            "action": action,
            "kind": kind.value,
            "document_id": doc,
            "at": uow.clock.now(),
            "ip": reader.ip,
        }
    )


def generate_statement(
    unit_of_work: UnitOfWorkFactory, identity: Identity, staff: Reader, client_id: str, month: str, font_path: str = ""
) -> DocumentRecord:
    """The client's statement of `month` (YYYY-MM) from the ledger."""
    try:
        year, number = (int(part) for part in month.split("-"))
        start, end = month_bounds(year, number)
    except ValueError as bad:
        raise ValidationProblem({"month": ["A month as YYYY-MM, e.g. 2026-11."]}) from bad
    zone = identity.time_zone(staff.practice_id)
    with unit_of_work() as uow:
        if start > uow.clock.now().astimezone(zone).date():
            raise ValidationProblem({"month": ["A month that has begun."]})
        party = party_of(uow, identity, staff.practice_id, client_id)
        statement = statement_of(uow.ledger.of_client(staff.practice_id, client_id), start, end, zone)
        content = pdf.statement_pdf(party, statement, font_path)
        return _keep(uow, staff, client_id, DocumentKind.STATEMENT, (start, end, statement.closing_cents), content)


def generate_superbill(
    unit_of_work: UnitOfWorkFactory,
    identity: Identity,
    staff: Reader,
    client_id: str,
    period: tuple[dt.date, dt.date],
    font_path: str = "",
) -> DocumentRecord:
    """A superbill of the client's claimable services dated within `period` (both days included)."""
    start, end = period
    if end < start:
        raise ValidationProblem({"to": ["On or after the first day."]})
    if (end - start).days >= MAX_SUPERBILL_DAYS:
        raise ValidationProblem({"to": [f"At most {MAX_SUPERBILL_DAYS} days after the first day."]})
    with unit_of_work() as uow:
        missing = missing_for_superbill(uow.settings.get(staff.practice_id))
        if missing:
            raise ValidationProblem({name: ["Set it in the billing settings first."] for name in missing})
        party = party_of(uow, identity, staff.practice_id, client_id)
        superbill = superbill_of(uow.invoices.of_client(staff.practice_id, client_id), start, end)
        if not superbill.lines:
            raise ValidationProblem({"from": ["No issued services with CPT and diagnosis codes in these dates."]})
        content = pdf.superbill_pdf(party, superbill, font_path)
        return _keep(uow, staff, client_id, DocumentKind.SUPERBILL, (start, end, superbill.fees_cents), content)


def _keep(
    uow: BillingUnitOfWork,
    staff: Reader,
    client_id: str,
    kind: DocumentKind,
    figures: tuple[dt.date, dt.date, int],
    content: bytes,
) -> DocumentRecord:
    start, end, total = figures
    record = DocumentRecord(
        str(uuid.uuid4()), staff.practice_id, client_id, kind, start, end, total, uow.clock.now(), staff.account_id
    )
    uow.documents.add(record, content)
    record_audit(uow, staff, client_id, "generated", kind, record.id)
    uow.commit()
    return record


def documents_of(
    unit_of_work: UnitOfWorkFactory, practice_id: str, client_id: str, kind: DocumentKind
) -> list[DocumentRecord]:
    with unit_of_work() as uow:
        return uow.documents.of_client(practice_id, client_id, kind)


def download(unit_of_work: UnitOfWorkFactory, reader: Reader, kind: DocumentKind, document_id: str) -> Download:
    """A kept statement or superbill; a client's own only (another's is not found)."""
    with unit_of_work() as uow:
        found = uow.documents.get(reader.practice_id, kind, document_id)
        if found is None or (reader.client_id is not None and found[0].client_id != reader.client_id):
            raise not_found(kind.value.capitalize())
        record, content = found
        record_audit(uow, reader, record.client_id, "downloaded", kind, record.id)
        uow.commit()
        return Download(record.filename, content)


def receipts_of(unit_of_work: UnitOfWorkFactory, practice_id: str, client_id: str) -> list[dict[str, object]]:
    """The client's payments that went through, newest first, with what was refunded of each."""
    with unit_of_work() as uow:
        given = _refunds_by_payment(uow.refunds.of_client(practice_id, client_id))
        return [
            {"payment_id": a.id, "invoice_id": a.invoice_id, "amount_cents": a.amount_cents}
            | {"currency": a.currency, "paid_at": a.settled_at, "autopay": a.autopay}
            | {"refunded_cents": sum(cents for _, cents in given.get(a.id, ()))}
            | {"refunds": [{"amount_cents": cents, "refunded_at": at} for at, cents in given.get(a.id, ())]}
            for a in uow.attempts.of_client(practice_id, client_id)
            if a.status is AttemptStatus.SUCCEEDED
        ]


def _refunds_by_payment(refunds: list[Refund]) -> dict[str, list[tuple[dt.datetime, int]]]:
    """The refunds that went through, (when, cents) oldest first, by payment."""
    found: dict[str, list[tuple[dt.datetime, int]]] = {}
    for refund in refunds:
        if refund.status is RefundStatus.SUCCEEDED:
            when = refund.settled_at or refund.created_at
            found.setdefault(refund.payment_id, []).append((when, refund.amount_cents))
    return found


def receipt(
    unit_of_work: UnitOfWorkFactory, identity: Identity, reader: Reader, payment_id: str, font_path: str = ""
) -> Download:
    """The receipt of a payment that went through, drawn when asked (its invoice's due and the refunds of
    one moment)."""
    with unit_of_work() as uow:
        uow.read_as_one_moment()
        attempt = uow.attempts.get(payment_id)
        if (
            attempt is None
            or attempt.practice_id != reader.practice_id
            or (reader.client_id is not None and attempt.client_id != reader.client_id)
            or attempt.status is not AttemptStatus.SUCCEEDED
        ):
            raise not_found("Payment")
        invoice = uow.invoices.get(reader.practice_id, attempt.invoice_id)
        card = uow.cards.any_by_id(attempt.card_id)
        if invoice is None:
            raise not_found("Payment")
        party = party_of(uow, identity, reader.practice_id, attempt.client_id)
        paid = Receipt(
            attempt.id,
            attempt.settled_at or attempt.created_at,
            attempt.amount_cents,
            f"{card.brand} ending {card.last4}" if card else "card",
            invoice,
            attempt.autopay,
            tuple(_refunds_by_payment(uow.refunds.of_payment(attempt.id)).get(attempt.id, ())),
        )
        content = pdf.receipt_pdf(party, paid, font_path)
        record_audit(uow, reader, attempt.client_id, "downloaded", DocumentKind.RECEIPT, attempt.id)
        uow.commit()
        day = paid.paid_at.date().isoformat()
        return Download(f"receipt-{day}-{attempt.id[:8]}.pdf", content)


def audit_of_client(unit_of_work: UnitOfWorkFactory, practice_id: str, client_id: str) -> list[dict[str, object]]:
    with unit_of_work() as uow:
        return [dict(row) for row in uow.documents.audit_of_client(practice_id, client_id)]
