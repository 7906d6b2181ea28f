"""An invoice: lines for services given (each with its date, service code and fee) less adjustments
and discounts. Staff draft it, then issue it; it is paid when its payments cover what it asks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum

from billing.domain import codes

MAX_CENTS = 10_000_000  # $100,000: a fee above it is a typing mistake


class InvoiceStatus(enum.StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    PAID = "paid"


class InvoiceRefused(ValueError):
    """An invoice that cannot be made or changed as asked; `field` names what to correct."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclasses.dataclass(frozen=True)
class InvoiceLine:
    date_of_service: dt.date
    service_code: str
    description: str
    fee_cents: int
    # What a superbill tells the insurer (a line without them is not on a superbill, e.g. a no-show fee).
    diagnosis_codes: tuple[str, ...] = ()
    modifiers: tuple[str, ...] = ()
    place_of_service: str | None = None
    units: int = 1
    clinician_name: str | None = None
    clinician_npi: str | None = None

    @property
    def is_claimable(self) -> bool:
        """A CPT service with a diagnosis: what an insurer may reimburse."""
        return codes.is_cpt(self.service_code) and bool(self.diagnosis_codes)


@dataclasses.dataclass(frozen=True)
class Adjustment:
    """A discount or write-off: lowers what the invoice asks."""

    description: str
    amount_cents: int


@dataclasses.dataclass
class Invoice:
    id: str
    practice_id: str
    client_id: str
    currency: str
    lines: tuple[InvoiceLine, ...]
    adjustments: tuple[Adjustment, ...]
    status: InvoiceStatus
    created_at: dt.datetime
    created_by: str
    issued_at: dt.datetime | None = None
    paid_at: dt.datetime | None = None
    paid_cents: int = 0

    @property
    def charges_cents(self) -> int:
        return sum(line.fee_cents for line in self.lines)

    @property
    def adjustments_cents(self) -> int:
        return sum(adjustment.amount_cents for adjustment in self.adjustments)

    @property
    def total_cents(self) -> int:
        return self.charges_cents - self.adjustments_cents

    @property
    def due_cents(self) -> int:
        return self.total_cents - self.paid_cents

    def issue(self, now: dt.datetime) -> None:
        if self.status is not InvoiceStatus.DRAFT:
            raise InvoiceRefused("status", "This invoice was issued already.")
        self.status, self.issued_at = InvoiceStatus.ISSUED, now

    def record_payment(self, amount_cents: int, now: dt.datetime) -> None:
        self.paid_cents += amount_cents
        if self.due_cents <= 0:
            self.status, self.paid_at = InvoiceStatus.PAID, now

    def record_refund(self, amount_cents: int) -> None:
        """Money given back of a payment: the invoice asks it again (open again if it was paid)."""
        self.paid_cents -= amount_cents
        if self.status is InvoiceStatus.PAID and self.due_cents > 0:
            self.status, self.paid_at = InvoiceStatus.ISSUED, None


def check_new_invoice(lines: tuple[InvoiceLine, ...], adjustments: tuple[Adjustment, ...]) -> None:
    """Raise InvoiceRefused unless the invoice asks for something and every amount is sensible."""
    if not lines:
        raise InvoiceRefused("lines", "Add at least one service.")
    for index, line in enumerate(lines):
        if not 0 < line.fee_cents <= MAX_CENTS:
            raise InvoiceRefused(f"lines.{index}.fee_cents", "A fee is more than 0 and at most 100,000.00.")
        _check_claim_codes(index, line)
    for index, adjustment in enumerate(adjustments):
        if not 0 < adjustment.amount_cents <= MAX_CENTS:
            raise InvoiceRefused(f"adjustments.{index}.amount_cents", "An adjustment is more than 0.")
    if sum(a.amount_cents for a in adjustments) > sum(line.fee_cents for line in lines):
        raise InvoiceRefused("adjustments", "Adjustments cannot exceed the fees.")


def _check_claim_codes(index: int, line: InvoiceLine) -> None:
    """The insurer's codes of a line, when it has any: a CPT service, ICD-10 diagnoses, two-character
    modifiers, a two-digit place of service, whole units, a valid NPI."""
    where = f"lines.{index}"
    if (line.diagnosis_codes or line.modifiers) and not codes.is_cpt(line.service_code):
        raise InvoiceRefused(
            f"{where}.service_code", "A service with diagnoses is a CPT code: five digits, e.g. 90834."
        )
    for position, code in enumerate(line.diagnosis_codes):
        if not codes.is_icd10(code):
            raise InvoiceRefused(f"{where}.diagnosis_codes.{position}", "An ICD-10 code, e.g. F41.1.")
    for position, code in enumerate(line.modifiers):
        if not codes.is_modifier(code):
            raise InvoiceRefused(f"{where}.modifiers.{position}", "Two letters or digits, e.g. 95.")
    if line.place_of_service is not None and not codes.is_place_of_service(line.place_of_service):
        raise InvoiceRefused(f"{where}.place_of_service", "Two digits, e.g. 11 (office) or 10 (telehealth at home).")
    if not 1 <= line.units <= 99:
        raise InvoiceRefused(f"{where}.units", "From 1 to 99.")
    if line.clinician_npi is not None and not codes.is_npi(line.clinician_npi):
        raise InvoiceRefused(f"{where}.clinician_npi", "A 10-digit NPI (its last digit checks the others).")
