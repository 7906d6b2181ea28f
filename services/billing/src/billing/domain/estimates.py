"""A Good Faith Estimate: before a self-pay client's care, the services the practice expects to give
over a period of at most twelve months and what they are expected to cost, issued in writing and
acknowledged by the client (the US No Surprises Act).

An estimate is drafted, then issued; once issued it is never edited. A revision is a new estimate of
the same series (the next version), issued at once; the version it replaces is superseded unless the
client already acknowledged it, which stays as it was acknowledged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum

from billing.domain import codes

MAX_LINES = 20
MAX_QUANTITY = 366  # sessions or units in the period
MAX_UNIT_FEE_CENTS = 1_000_000
MAX_DIAGNOSES = 4
# A bill this much over the estimate (per provider) may be disputed by the client.
DISPUTE_THRESHOLD_CENTS = 40_000


class EstimateStatus(enum.StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    ACKNOWLEDGED = "acknowledged"
    SUPERSEDED = "superseded"  # a later version was issued before this one was acknowledged


class EstimateRefused(Exception):
    """A step the estimate's status does not allow (the API answers 409 with `code`)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclasses.dataclass(frozen=True)
class EstimateLine:
    service_code: str  # CPT / HCPCS when known, else ""
    description: str
    quantity: int
    fee_cents: int  # per unit
    diagnosis_codes: tuple[str, ...] = ()

    @property
    def total_cents(self) -> int:
        return self.quantity * self.fee_cents


@dataclasses.dataclass(frozen=True)
class Acknowledgement:
    """Who said they received the estimate, when, from where, and which document they were shown."""

    account_id: str
    at: dt.datetime
    ip: str
    user_agent: str
    document_sha256: str


@dataclasses.dataclass
class Estimate:
    id: str
    practice_id: str
    client_id: str
    series_id: str
    version: int
    status: EstimateStatus
    primary_service: str
    period_start: dt.date
    period_end: dt.date  # inclusive
    currency: str
    lines: tuple[EstimateLine, ...]
    created_at: dt.datetime
    created_by: str
    issued_at: dt.datetime | None = None
    issued_by: str | None = None
    document_sha256: str | None = None  # of the PDF as issued
    acknowledgement: Acknowledgement | None = None
    replaces: str | None = None  # the version this one revises

    @property
    def total_cents(self) -> int:
        return sum(line.total_cents for line in self.lines)

    @property
    def diagnosis_codes(self) -> tuple[str, ...]:
        """Every diagnosis once, in the order first given."""
        return tuple(dict.fromkeys(code for line in self.lines for code in line.diagnosis_codes))

    def edit(self, primary_service: str, period: tuple[dt.date, dt.date], lines: tuple[EstimateLine, ...]) -> None:
        if self.status is not EstimateStatus.DRAFT:
            raise EstimateRefused("estimate-issued", "An issued estimate is revised as a new version.")
        self.primary_service, (self.period_start, self.period_end), self.lines = primary_service, period, lines

    def issue(self, by: str, now: dt.datetime, document_sha256: str) -> None:
        if self.status is not EstimateStatus.DRAFT:
            raise EstimateRefused("estimate-not-draft", "Only a draft estimate is issued.")
        self.status, self.issued_by, self.issued_at = EstimateStatus.ISSUED, by, now
        self.document_sha256 = document_sha256

    def acknowledge(self, acknowledgement: Acknowledgement) -> None:
        if self.status is EstimateStatus.ACKNOWLEDGED:
            raise EstimateRefused("estimate-acknowledged", "You already acknowledged this estimate.")
        if self.status is not EstimateStatus.ISSUED:
            raise EstimateRefused("estimate-not-issued", "This estimate was replaced; open the newest one.")
        if acknowledgement.document_sha256 != self.document_sha256:
            raise EstimateRefused("estimate-changed", "This is not the estimate you were shown; open it again.")
        self.status, self.acknowledgement = EstimateStatus.ACKNOWLEDGED, acknowledgement

    def revision(self, new_id: str, by: str, now: dt.datetime) -> Estimate:
        """The next version of an issued estimate, as a draft to be issued at once; this one is
        superseded unless acknowledged (an acknowledged estimate never changes)."""
        if self.status not in (EstimateStatus.ISSUED, EstimateStatus.ACKNOWLEDGED):
            raise EstimateRefused("estimate-superseded", "Revise the newest version of this estimate.")
        if self.status is EstimateStatus.ISSUED:
            self.status = EstimateStatus.SUPERSEDED
        return dataclasses.replace(
            self,
            id=new_id,
            version=self.version + 1,
            status=EstimateStatus.DRAFT,
            created_at=now,
            created_by=by,
            issued_at=None,
            issued_by=None,
            document_sha256=None,
            acknowledgement=None,
            replaces=self.id,
        )


def a_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return dt.date(day.year + 1, 3, 1)


def period_problems(start: dt.date, end: dt.date) -> dict[str, list[str]]:
    if end < start:
        return {"period_end": ["On or after the first day."]}
    if end >= a_year_after(start):
        return {"period_end": ["An estimate covers at most 12 months."]}
    return {}


def line_problems(lines: tuple[EstimateLine, ...]) -> dict[str, list[str]]:
    """What is wrong with the lines, by field (`lines.<n>.<name>`)."""
    if not 1 <= len(lines) <= MAX_LINES:
        return {"lines": [f"From 1 to {MAX_LINES} expected services."]}
    found: dict[str, list[str]] = {}
    for index, line in enumerate(lines):
        for name, message in _line_problems(line):
            found[f"lines.{index}.{name}"] = [message]
    return found


def _line_problems(line: EstimateLine) -> list[tuple[str, str]]:
    found = []
    if line.service_code and not codes.is_cpt(line.service_code):
        found.append(("service_code", "A CPT or HCPCS code, e.g. 90834, or leave it empty."))
    if not line.description.strip():
        found.append(("description", "Describe the service."))
    if not 1 <= line.quantity <= MAX_QUANTITY:
        found.append(("quantity", f"From 1 to {MAX_QUANTITY}."))
    if not 0 <= line.fee_cents <= MAX_UNIT_FEE_CENTS:
        found.append(("fee_cents", "From 0 to 10,000.00 per unit."))
    if len(line.diagnosis_codes) > MAX_DIAGNOSES or not all(codes.is_icd10(c) for c in line.diagnosis_codes):
        found.append(("diagnosis_codes", f"Up to {MAX_DIAGNOSES} ICD-10 codes, e.g. F41.1."))
    return found
