"""What statements, superbills and receipts say, worked out from the ledger and the invoices; the PDF
adapter only lays it out."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import enum
from collections.abc import Iterable

from billing.domain.invoice import Invoice, InvoiceLine, InvoiceStatus
from billing.domain.ledger import EntryKind, LedgerEntry

MAX_SUPERBILL_DAYS = 366


class DocumentKind(enum.StrEnum):
    STATEMENT = "statement"
    SUPERBILL = "superbill"
    RECEIPT = "receipt"
    ESTIMATE = "estimate"  # a Good Faith Estimate (domain/estimates.py), audited like the others


@dataclasses.dataclass(frozen=True)
class Party:
    """Who the document is from and for: the practice's billing profile and the client."""

    practice_name: str
    practice_address: str
    practice_npi: str
    practice_tax_id: str
    client_name: str
    client_date_of_birth: dt.date | None
    currency: str


@dataclasses.dataclass(frozen=True)
class Statement:
    """A month of the ledger: the balance before it, what it added and took away, the balance after."""

    period_start: dt.date
    period_end: dt.date  # inclusive
    opening_cents: int
    entries: tuple[LedgerEntry, ...]

    def _sum(self, kind: EntryKind) -> int:
        return sum(entry.amount_cents for entry in self.entries if entry.kind is kind)

    @property
    def charges_cents(self) -> int:
        return self._sum(EntryKind.CHARGE)

    @property
    def payments_cents(self) -> int:
        return self._sum(EntryKind.PAYMENT)

    @property
    def adjustments_cents(self) -> int:
        return self._sum(EntryKind.ADJUSTMENT)

    @property
    def refunds_cents(self) -> int:
        return self._sum(EntryKind.REFUND)

    @property
    def closing_cents(self) -> int:
        return self.opening_cents + sum(entry.signed_cents for entry in self.entries)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def statement_of(entries: Iterable[LedgerEntry], start: dt.date, end: dt.date, zone: dt.tzinfo = dt.UTC) -> Statement:
    """The ledger's entries by the day they were written on the practice's clock (`zone`): before
    `start` make the opening balance."""
    opening, within = 0, []
    for entry in entries:
        day = entry.created_at.astimezone(zone).date()
        if day < start:
            opening += entry.signed_cents
        elif day <= end:
            within.append(entry)
    return Statement(start, end, opening, tuple(within))


@dataclasses.dataclass(frozen=True)
class SuperbillLine:
    line: InvoiceLine
    paid_cents: int


@dataclasses.dataclass(frozen=True)
class Superbill:
    period_start: dt.date
    period_end: dt.date
    lines: tuple[SuperbillLine, ...]

    @property
    def fees_cents(self) -> int:
        return sum(item.line.fee_cents for item in self.lines)

    @property
    def paid_cents(self) -> int:
        return sum(item.paid_cents for item in self.lines)

    @property
    def diagnosis_codes(self) -> tuple[str, ...]:
        """Every diagnosis once, in the order first given."""
        return tuple(dict.fromkeys(code for item in self.lines for code in item.line.diagnosis_codes))


def superbill_of(invoices: Iterable[Invoice], start: dt.date, end: dt.date) -> Superbill:
    """The claimable services (CPT with a diagnosis) of issued invoices dated within the range; what
    the client paid on an invoice is counted against its services in order."""
    found: list[SuperbillLine] = []
    for invoice in invoices:
        if invoice.status is InvoiceStatus.DRAFT:
            continue
        unallocated = invoice.paid_cents
        for line in invoice.lines:
            paid = min(line.fee_cents, unallocated)
            unallocated -= paid
            if line.is_claimable and start <= line.date_of_service <= end:
                found.append(SuperbillLine(line, paid))
    found.sort(key=lambda item: (item.line.date_of_service, item.line.service_code))
    return Superbill(start, end, tuple(found))


@dataclasses.dataclass(frozen=True)
class Receipt:
    payment_id: str
    paid_at: dt.datetime
    amount_cents: int
    card: str  # "visa ending 4242"
    invoice: Invoice
    autopay: bool
    # The payment's refunds that went through: (when, cents), oldest first.
    refunds: tuple[tuple[dt.datetime, int], ...] = ()

    @property
    def refunded_cents(self) -> int:
        return sum(cents for _, cents in self.refunds)


def money(cents: int, currency: str) -> str:
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{currency} {whole:,}.{part:02d}"


@dataclasses.dataclass(frozen=True)
class DocumentRecord:
    """A statement or superbill staff generated (its PDF kept beside it, as handed out)."""

    id: str
    practice_id: str
    client_id: str
    kind: DocumentKind
    period_start: dt.date
    period_end: dt.date
    total_cents: int  # the statement's closing balance, the superbill's fees
    created_at: dt.datetime
    created_by: str

    @property
    def filename(self) -> str:
        return f"{self.kind.value}-{self.period_start.isoformat()}-{self.period_end.isoformat()}.pdf"
