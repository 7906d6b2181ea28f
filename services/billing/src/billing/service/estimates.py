"""Good Faith Estimates: staff draft one for a client, edit the draft and issue it (the PDF is drawn
once, at issue, and kept); editing an issued estimate issues its next version. The client reads it and
acknowledges it, recording who, when, from where and the SHA-256 of the PDF they were shown. Every
issue, download and acknowledgement is written to the document audit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from portalkit.errors import Problem, ValidationProblem, not_found

from billing.adapters import pdf
from billing.domain.documents import DocumentKind, Party
from billing.domain.estimates import (
    Acknowledgement,
    Estimate,
    EstimateLine,
    EstimateRefused,
    EstimateStatus,
    line_problems,
    period_problems,
)
from billing.service.documents import Download, Reader, party_of, record_audit
from billing.service.identity import Identity
from billing.service.settings import missing_for_superbill

if TYPE_CHECKING:
    from billing.adapters.unit_of_work import BillingUnitOfWork

UnitOfWorkFactory = Callable[[], "BillingUnitOfWork"]
ISSUED = "billing.estimate.issued"
ACKNOWLEDGED = "billing.estimate.acknowledged"


@dataclasses.dataclass(frozen=True)
class Wording:
    """What staff wrote: the primary service, the period and the expected services."""

    primary_service: str
    period: tuple[dt.date, dt.date]
    lines: tuple[EstimateLine, ...]


def wording_of(body: dict[str, Any], current: Estimate | None = None) -> Wording:
    """A request's fields over the current estimate's (a PATCH names only what changes), checked."""
    start = body.get("period_start", current.period_start if current else None)
    end = body.get("period_end", current.period_end if current else None)
    primary = body.get("primary_service", current.primary_service if current else "")
    lines = tuple(_line(line) for line in body["lines"]) if "lines" in body else (current.lines if current else ())
    if start is None or end is None:
        raise ValidationProblem({name: ["Required."] for name in ("period_start", "period_end") if name not in body})
    problems = period_problems(start, end) | line_problems(lines)
    if not primary.strip():
        problems["primary_service"] = ["Describe the main service, e.g. weekly individual therapy."]
    if problems:
        raise ValidationProblem(problems)
    return Wording(primary.strip(), (start, end), lines)


def _line(body: dict[str, Any]) -> EstimateLine:
    return EstimateLine(
        body.get("service_code", "").strip().upper(),
        body["description"].strip(),
        body["quantity"],
        body["fee_cents"],
        tuple(code.strip().upper() for code in body.get("diagnosis_codes", ())),
    )


def draft(
    unit_of_work: UnitOfWorkFactory, identity: Identity, staff: Reader, client_id: str, body: dict[str, Any]
) -> Estimate:
    wording = wording_of(body)
    if not identity.client_exists(staff.practice_id, client_id):
        raise not_found("Client")
    with unit_of_work() as uow:
        new_id, now = str(uuid.uuid4()), uow.clock.now()
        currency = uow.settings.get(staff.practice_id).currency
        estimate = Estimate(
            new_id, staff.practice_id, client_id, new_id, 1, EstimateStatus.DRAFT, wording.primary_service,
            *wording.period, currency, wording.lines, now, staff.account_id,
        )  # fmt: skip
        uow.estimates.add(estimate)
        uow.commit()
        return estimate


def change(
    unit_of_work: UnitOfWorkFactory,
    identity: Identity,
    staff: Reader,
    estimate_id: str,
    body: dict[str, Any],
    font_path: str = "",
) -> Estimate:
    """Edit a draft; an issued (or acknowledged) estimate is revised as its next version, issued at once."""
    with unit_of_work() as uow:
        current = _found(uow, staff.practice_id, estimate_id)
        wording = wording_of(body, current)
        try:
            if current.status is EstimateStatus.DRAFT:
                current.edit(wording.primary_service, wording.period, wording.lines)
                uow.estimates.save(current)
                uow.commit()
                return current
            if uow.estimates.newest_version(current.series_id) != current.version:
                raise EstimateRefused("estimate-superseded", "Revise the newest version of this estimate.")
            revised = current.revision(str(uuid.uuid4()), staff.account_id, uow.clock.now())
            revised.edit(wording.primary_service, wording.period, wording.lines)
        except EstimateRefused as refused:
            raise Problem(409, refused.code, refused.message) from refused
        uow.estimates.save(current)
        uow.estimates.add(revised)
        _issue(uow, identity, staff, revised, font_path)
        uow.commit()
        return revised


def issue(
    unit_of_work: UnitOfWorkFactory, identity: Identity, staff: Reader, estimate_id: str, font_path: str = ""
) -> Estimate:
    with unit_of_work() as uow:
        estimate = _found(uow, staff.practice_id, estimate_id)
        _issue(uow, identity, staff, estimate, font_path)
        uow.commit()
        return estimate


def _issue(uow: BillingUnitOfWork, identity: Identity, staff: Reader, estimate: Estimate, font_path: str) -> None:
    """Draw the PDF with the practice's billing profile as it is now, keep it, and tell the client."""
    missing = missing_for_superbill(uow.settings.get(staff.practice_id))
    if missing:
        raise ValidationProblem({name: ["Set it in the billing settings first."] for name in missing})
    party = party_of(uow, identity, staff.practice_id, estimate.client_id)
    now = uow.clock.now()
    content = pdf.estimate_pdf(party, dataclasses.replace(estimate, issued_at=now), font_path)
    try:
        estimate.issue(staff.account_id, now, hashlib.sha256(content).hexdigest())
    except EstimateRefused as refused:
        raise Problem(409, refused.code, refused.message) from refused
    uow.estimates.save(estimate)
    uow.estimates.keep_document(estimate.id, _party_record(party), content, acknowledged=False)
    record_audit(uow, staff, estimate.client_id, "generated", DocumentKind.ESTIMATE, estimate.id)
    uow.publish(ISSUED, _event(estimate), estimate.practice_id)


def of_client(
    unit_of_work: UnitOfWorkFactory, practice_id: str, client_id: str, issued_only: bool = False
) -> list[Estimate]:
    """Newest first; a client sees only what was issued to them."""
    with unit_of_work() as uow:
        found = uow.estimates.of_client(practice_id, client_id)
    return [e for e in found if not issued_only or e.status is not EstimateStatus.DRAFT]


def download(unit_of_work: UnitOfWorkFactory, reader: Reader, estimate_id: str) -> Download:
    """The PDF as issued, or as acknowledged once it is; another client's (or a client's draft) is not found."""
    with unit_of_work() as uow:
        estimate = _readable(uow, reader, estimate_id)
        if estimate.status is EstimateStatus.DRAFT:
            raise Problem(409, "estimate-not-issued", "A draft has no PDF yet; issue it first.")
        _, content, acknowledged = uow.estimates.document(estimate.id)
        record_audit(uow, reader, estimate.client_id, "downloaded", DocumentKind.ESTIMATE, estimate.id)
        uow.commit()
    name = f"good-faith-estimate-{_day(estimate.issued_at)}-v{estimate.version}.pdf"
    return Download(name, acknowledged or content)


def acknowledge(
    unit_of_work: UnitOfWorkFactory,
    reader: Reader,
    estimate_id: str,
    shown: tuple[str, str],
    font_path: str = "",
) -> Estimate:
    """The client received the estimate: `shown` is the browser's user agent and the SHA-256 of the PDF
    it was shown, which must be the one issued."""
    user_agent, document_sha256 = shown
    with unit_of_work() as uow:
        estimate = _readable(uow, reader, estimate_id, lock=True)
        now = uow.clock.now()
        try:
            estimate.acknowledge(Acknowledgement(reader.account_id, now, reader.ip, user_agent[:400], document_sha256))
        except EstimateRefused as refused:
            raise Problem(409, refused.code, refused.message) from refused
        party, _, _ = uow.estimates.document(estimate.id)
        content = pdf.estimate_pdf(_party_from(party), estimate, font_path)
        uow.estimates.save(estimate)
        uow.estimates.keep_document(estimate.id, party, content, acknowledged=True)
        record_audit(uow, reader, estimate.client_id, "acknowledged", DocumentKind.ESTIMATE, estimate.id)
        uow.publish(ACKNOWLEDGED, _event(estimate), estimate.practice_id)
        uow.commit()
        return estimate


def _found(uow: BillingUnitOfWork, practice_id: str, estimate_id: str) -> Estimate:
    estimate = uow.estimates.get(practice_id, estimate_id, lock=True)
    if estimate is None:
        raise not_found("Estimate")
    return estimate


def _readable(uow: BillingUnitOfWork, reader: Reader, estimate_id: str, lock: bool = False) -> Estimate:
    estimate = uow.estimates.get(reader.practice_id, estimate_id, lock=lock)
    if estimate is None or (
        reader.client_id is not None
        and (estimate.client_id != reader.client_id or estimate.status is EstimateStatus.DRAFT)
    ):
        raise not_found("Estimate")
    return estimate


def _event(estimate: Estimate) -> dict[str, str]:
    return {"estimate_id": estimate.id, "series_id": estimate.series_id, "client_id": estimate.client_id}


def _party_record(party: Party) -> dict[str, Any]:
    return dataclasses.asdict(party) | {"client_date_of_birth": _day(party.client_date_of_birth) or None}


def _party_from(record: dict[str, Any]) -> Party:
    born = record.get("client_date_of_birth")
    return Party(**record | {"client_date_of_birth": dt.date.fromisoformat(born) if born else None})


def _day(moment: dt.date | None) -> str:
    return moment.isoformat()[:10] if moment else ""
