"""Storage of cards, autopay enrolments, invoices, the ledger, payment attempts and autopay runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from billing.adapters import orm
from billing.domain.cards import AutopayEnrollment, Card
from billing.domain.documents import DocumentKind, DocumentRecord
from billing.domain.estimates import Acknowledgement, Estimate, EstimateLine, EstimateStatus
from billing.domain.insurance import Policy
from billing.domain.invoice import Adjustment, Invoice, InvoiceLine, InvoiceStatus
from billing.domain.ledger import EntryKind, LedgerEntry
from billing.domain.payment import AttemptStatus, PaymentAttempt
from billing.domain.refund import Refund, RefundStatus
from billing.service.settings import BillingChoices


class _Repository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _rows(self, query: Any) -> list[RowMapping]:
        return list(self.session.execute(query).mappings())


class SettingsRepository(_Repository):
    def get(self, practice_id: str) -> BillingChoices:
        row = (
            self.session.execute(select(orm.billing_settings).where(orm.billing_settings.c.practice_id == practice_id))
            .mappings()
            .first()
        )
        if row is None:
            return BillingChoices()
        return BillingChoices(**{f.name: row[f.name] for f in dataclasses.fields(BillingChoices)})

    def save(self, practice_id: str, choices: BillingChoices, by: str, now: dt.datetime) -> None:
        table = orm.billing_settings
        values = dataclasses.asdict(choices)
        stamp = {"updated_at": now, "updated_by": by}
        changed = self.session.execute(
            update(table).where(table.c.practice_id == practice_id).values(**values, **stamp)
        )
        if not changed.rowcount:
            self.session.execute(insert(table).values(practice_id=practice_id, **values, **stamp))


class CardRepository(_Repository):
    def add(self, card: Card) -> bool:
        """False when the token was saved before (by anyone)."""
        try:
            with self.session.begin_nested():
                self.session.execute(insert(orm.cards).values(**dataclasses.asdict(card)))
        except IntegrityError:
            return False
        return True

    def of_client(self, practice_id: str, client_id: str) -> list[Card]:
        table = orm.cards
        query = (
            select(table)
            .where(table.c.practice_id == practice_id, table.c.client_id == client_id, table.c.removed_at.is_(None))
            .order_by(table.c.created_at, table.c.id)
        )
        return [_card(row) for row in self._rows(query)]

    def get(self, practice_id: str, client_id: str, card_id: str) -> Card | None:
        return next((card for card in self.of_client(practice_id, client_id) if card.id == card_id), None)

    def any_by_id(self, card_id: str) -> Card | None:
        """A card, removed or not (a pending payment settles with the card it began with)."""
        row = self.session.execute(select(orm.cards).where(orm.cards.c.id == card_id)).mappings().first()
        return _card(row) if row else None

    def make_default(self, practice_id: str, client_id: str, card_id: str | None) -> None:
        table = orm.cards
        mine = and_(table.c.practice_id == practice_id, table.c.client_id == client_id)
        self.session.execute(update(table).where(mine).values(is_default=table.c.id == card_id))

    def remove(self, card_id: str, now: dt.datetime) -> None:
        self.session.execute(
            update(orm.cards).where(orm.cards.c.id == card_id).values(removed_at=now, is_default=False)
        )


def _card(row: RowMapping) -> Card:
    return Card(**{field.name: row[field.name] for field in dataclasses.fields(Card)})


class AutopayRepository(_Repository):
    def active(self, practice_id: str, client_id: str) -> AutopayEnrollment | None:
        table = orm.autopay_enrollments
        row = (
            self.session.execute(
                select(table).where(
                    table.c.practice_id == practice_id, table.c.client_id == client_id, table.c.ended_at.is_(None)
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            return None
        return AutopayEnrollment(**{f.name: row[f.name] for f in dataclasses.fields(AutopayEnrollment)})

    def enroll(self, enrollment: AutopayEnrollment) -> None:
        self.session.execute(insert(orm.autopay_enrollments).values(**dataclasses.asdict(enrollment)))

    def change_card(self, enrollment_id: str, card_id: str, now: dt.datetime) -> None:
        table = orm.autopay_enrollments
        self.session.execute(
            update(table).where(table.c.id == enrollment_id).values(card_id=card_id, card_changed_at=now)
        )

    def end(self, enrollment_id: str, by: str, now: dt.datetime) -> None:
        table = orm.autopay_enrollments
        self.session.execute(update(table).where(table.c.id == enrollment_id).values(ended_at=now, ended_by=by))

    def schedule(self, invoice: Invoice, due_at: dt.datetime) -> None:
        self.session.execute(
            insert(orm.autopay_runs).values(
                invoice_id=invoice.id,
                practice_id=invoice.practice_id,
                client_id=invoice.client_id,
                due_at=due_at,
                status="due",
            )
        )

    def claim_due(self, now: dt.datetime, lease: dt.timedelta, limit: int) -> list[RowMapping]:
        """Due runs (and claimed ones whose scheduler vanished for `lease`), claimed in this transaction:
        another scheduler skips the locked rows and then finds them claimed. O(due) by the index."""
        table = orm.autopay_runs
        due = or_(
            table.c.status == "due",
            and_(table.c.status == "claimed", table.c.claimed_at < now - lease),
        )
        query = (
            select(table.c.invoice_id, table.c.practice_id, table.c.client_id, table.c.tries)
            .where(due, table.c.due_at <= now)
            .order_by(table.c.due_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        rows = self._rows(query)
        ids = [row["invoice_id"] for row in rows]
        if ids:
            self.session.execute(
                update(table).where(table.c.invoice_id.in_(ids)).values(status="claimed", claimed_at=now)
            )
        return rows

    def finish_run(self, invoice_id: str, status: str, attempt_id: str | None) -> None:
        table = orm.autopay_runs
        self.session.execute(
            update(table)
            .where(table.c.invoice_id == invoice_id)
            .values(status=status, attempt_id=attempt_id, tries=table.c.tries + int(attempt_id is not None))
        )

    def retry_run(self, invoice_id: str, attempt_id: str, due_at: dt.datetime) -> None:
        table = orm.autopay_runs
        self.session.execute(
            update(table)
            .where(table.c.invoice_id == invoice_id)
            .values(status="due", due_at=due_at, attempt_id=attempt_id, tries=table.c.tries + 1)
        )


class InvoiceRepository(_Repository):
    def add(self, invoice: Invoice) -> None:
        values = {f.name: getattr(invoice, f.name) for f in dataclasses.fields(Invoice)}
        del values["lines"], values["adjustments"]
        self.session.execute(insert(orm.invoices).values(**values))
        rows = [_line_values(line) for line in invoice.lines] + [
            {"kind": "adjustment", "date_of_service": None, "service_code": None}
            | {"description": a.description, "amount_cents": a.amount_cents}
            | {"diagnosis_codes": None, "modifiers": None, "place_of_service": None, "units": 1}
            | {"clinician_name": None, "clinician_npi": None}
            for a in invoice.adjustments
        ]
        self.session.execute(
            insert(orm.invoice_lines), [{"invoice_id": invoice.id, "position": i} | row for i, row in enumerate(rows)]
        )

    def latest_draft(self, practice_id: str, client_id: str) -> Invoice | None:
        table = orm.invoices
        query = (
            select(table)
            .where(table.c.practice_id == practice_id, table.c.client_id == client_id, table.c.status == "draft")
            .order_by(table.c.created_at.desc())
            .limit(1)
            .with_for_update()
        )
        row = self.session.execute(query).mappings().first()
        return self._with_lines([row])[0] if row else None

    def add_line(self, invoice_id: str, line: InvoiceLine) -> None:
        table = orm.invoice_lines
        last = self.session.execute(select(func.max(table.c.position)).where(table.c.invoice_id == invoice_id)).scalar()
        self.session.execute(
            insert(table).values(
                invoice_id=invoice_id, position=(last if last is not None else -1) + 1, **_line_values(line)
            )
        )

    def get(self, practice_id: str, invoice_id: str, lock: bool = False) -> Invoice | None:
        query = select(orm.invoices).where(orm.invoices.c.id == invoice_id, orm.invoices.c.practice_id == practice_id)
        row = self.session.execute(query.with_for_update() if lock else query).mappings().first()
        return self._with_lines([row])[0] if row else None

    def of_client(self, practice_id: str, client_id: str, issued_only: bool = False) -> list[Invoice]:
        table = orm.invoices
        query = select(table).where(table.c.practice_id == practice_id, table.c.client_id == client_id)
        if issued_only:
            query = query.where(table.c.status != InvoiceStatus.DRAFT.value)
        return self._with_lines(self._rows(query.order_by(table.c.created_at.desc(), table.c.id)))

    def save_state(self, invoice: Invoice) -> None:
        self.session.execute(
            update(orm.invoices)
            .where(orm.invoices.c.id == invoice.id)
            .values(
                status=invoice.status.value,
                issued_at=invoice.issued_at,
                paid_at=invoice.paid_at,
                paid_cents=invoice.paid_cents,
            )
        )

    def _with_lines(self, rows: list[RowMapping]) -> list[Invoice]:
        ids = [row["id"] for row in rows]
        table = orm.invoice_lines
        lines: dict[str, list[RowMapping]] = {}
        for line in self._rows(select(table).where(table.c.invoice_id.in_(ids)).order_by(table.c.position)):
            lines.setdefault(line["invoice_id"], []).append(line)
        return [_invoice(row, lines.get(row["id"], [])) for row in rows]


def _line_values(line: InvoiceLine) -> dict[str, Any]:
    return {
        "kind": "service",
        "date_of_service": line.date_of_service,
        "service_code": line.service_code,
        "description": line.description,
        "amount_cents": line.fee_cents,
        "diagnosis_codes": list(line.diagnosis_codes),
        "modifiers": list(line.modifiers),
        "place_of_service": line.place_of_service,
        "units": line.units,
        "clinician_name": line.clinician_name,
        "clinician_npi": line.clinician_npi,
    }


def _service_line(line: RowMapping) -> InvoiceLine:
    return InvoiceLine(
        line["date_of_service"],
        line["service_code"],
        line["description"],
        line["amount_cents"],
        diagnosis_codes=tuple(line["diagnosis_codes"] or ()),
        modifiers=tuple(line["modifiers"] or ()),
        place_of_service=line["place_of_service"],
        units=line["units"],
        clinician_name=line["clinician_name"],
        clinician_npi=line["clinician_npi"],
    )


def _invoice(row: RowMapping, lines: list[RowMapping]) -> Invoice:
    services = tuple(_service_line(line) for line in lines if line["kind"] == "service")
    adjustments = tuple(
        Adjustment(line["description"], line["amount_cents"]) for line in lines if line["kind"] == "adjustment"
    )
    return Invoice(
        id=row["id"],
        practice_id=row["practice_id"],
        client_id=row["client_id"],
        currency=row["currency"],
        lines=services,
        adjustments=adjustments,
        status=InvoiceStatus(row["status"]),
        created_at=row["created_at"],
        created_by=row["created_by"],
        issued_at=row["issued_at"],
        paid_at=row["paid_at"],
        paid_cents=row["paid_cents"],
    )


class LedgerRepository(_Repository):
    """Append only: there is no update or delete here."""

    def append(self, entry: LedgerEntry) -> None:
        self.session.execute(
            insert(orm.ledger_entries).values(**dataclasses.asdict(entry) | {"kind": entry.kind.value})
        )

    def of_client(self, practice_id: str, client_id: str) -> list[LedgerEntry]:
        table = orm.ledger_entries
        query = (
            select(table)
            .where(table.c.practice_id == practice_id, table.c.client_id == client_id)
            .order_by(table.c.seq)
        )
        return [
            LedgerEntry(
                **{f.name: row[f.name] for f in dataclasses.fields(LedgerEntry)} | {"kind": EntryKind(row["kind"])}
            )
            for row in self._rows(query)
        ]


class AttemptRepository(_Repository):
    def add(self, attempt: PaymentAttempt) -> None:
        self.session.execute(insert(orm.payment_attempts).values(**_attempt_values(attempt)))

    def get(self, attempt_id: str, lock: bool = False) -> PaymentAttempt | None:
        query = select(orm.payment_attempts).where(orm.payment_attempts.c.id == attempt_id)
        row = self.session.execute(query.with_for_update() if lock else query).mappings().first()
        return _attempt(row) if row else None

    def pending_of_invoice(self, invoice_id: str) -> PaymentAttempt | None:
        table = orm.payment_attempts
        query = select(table).where(table.c.invoice_id == invoice_id, table.c.status == AttemptStatus.PENDING.value)
        row = self.session.execute(query).mappings().first()
        return _attempt(row) if row else None

    def pending_before(self, moment: dt.datetime, limit: int) -> list[str]:
        table = orm.payment_attempts
        query = (
            select(table.c.id)
            .where(table.c.status == AttemptStatus.PENDING.value, table.c.created_at < moment)
            .order_by(table.c.created_at)
            .limit(limit)
        )
        return list(self.session.execute(query).scalars())

    def of_client(self, practice_id: str, client_id: str) -> list[PaymentAttempt]:
        table = orm.payment_attempts
        query = (
            select(table)
            .where(table.c.practice_id == practice_id, table.c.client_id == client_id)
            .order_by(table.c.created_at.desc())
        )
        return [_attempt(row) for row in self._rows(query)]

    def of_charge(self, charge_id: str) -> PaymentAttempt | None:
        query = select(orm.payment_attempts).where(orm.payment_attempts.c.processor_charge_id == charge_id)
        row = self.session.execute(query).mappings().first()
        return _attempt(row) if row else None

    def save(self, attempt: PaymentAttempt) -> None:
        table = orm.payment_attempts
        self.session.execute(update(table).where(table.c.id == attempt.id).values(**_attempt_values(attempt)))


def _attempt_values(attempt: PaymentAttempt) -> dict[str, Any]:
    return dataclasses.asdict(attempt) | {"status": attempt.status.value}


def _attempt(row: RowMapping) -> PaymentAttempt:
    values = {f.name: row[f.name] for f in dataclasses.fields(PaymentAttempt)}
    return PaymentAttempt(**values | {"status": AttemptStatus(row["status"])})


class RefundRepository(_Repository):
    def add(self, refund: Refund) -> None:
        self.session.execute(insert(orm.refunds).values(**_refund_values(refund)))

    def get(self, refund_id: str, lock: bool = False) -> Refund | None:
        query = select(orm.refunds).where(orm.refunds.c.id == refund_id)
        row = self.session.execute(query.with_for_update() if lock else query).mappings().first()
        return _refund(row) if row else None

    def by_request_key(self, request_key: str) -> Refund | None:
        row = self.session.execute(select(orm.refunds).where(orm.refunds.c.request_key == request_key)).mappings()
        found = row.first()
        return _refund(found) if found else None

    def of_payment(self, payment_id: str) -> list[Refund]:
        table = orm.refunds
        query = select(table).where(table.c.payment_id == payment_id).order_by(table.c.created_at, table.c.id)
        return [_refund(row) for row in self._rows(query)]

    def of_client(self, practice_id: str, client_id: str) -> list[Refund]:
        table = orm.refunds
        query = (
            select(table)
            .where(table.c.practice_id == practice_id, table.c.client_id == client_id)
            .order_by(table.c.created_at, table.c.id)
        )
        return [_refund(row) for row in self._rows(query)]

    def pending_before(self, moment: dt.datetime, limit: int) -> list[str]:
        table = orm.refunds
        query = (
            select(table.c.id)
            .where(table.c.status == RefundStatus.PENDING.value, table.c.created_at < moment)
            .order_by(table.c.created_at)
            .limit(limit)
        )
        return list(self.session.execute(query).scalars())

    def save(self, refund: Refund) -> None:
        table = orm.refunds
        self.session.execute(update(table).where(table.c.id == refund.id).values(**_refund_values(refund)))


def _refund_values(refund: Refund) -> dict[str, Any]:
    return dataclasses.asdict(refund) | {"status": refund.status.value}


def _refund(row: RowMapping) -> Refund:
    values = {f.name: row[f.name] for f in dataclasses.fields(Refund)}
    return Refund(**values | {"status": RefundStatus(row["status"])})


class IdempotencyRepository(_Repository):
    def insert_if_new(self, scope: tuple[str, str, str], fingerprint: str, now: dt.datetime) -> bool:
        """False when the key is held already (on PostgreSQL after waiting for its holder's commit)."""
        practice_id, account_id, key = scope
        row = {"practice_id": practice_id, "account_id": account_id, "key": key, "fingerprint": fingerprint}
        try:
            with self.session.begin_nested():
                self.session.execute(
                    insert(orm.idempotency_keys).values(**row, state="in_flight", created_at=now, locked_at=now)
                )
        except IntegrityError:
            return False
        return True

    def get(self, scope: tuple[str, str, str]) -> RowMapping | None:
        return (
            self.session.execute(select(orm.idempotency_keys).where(*self._is(scope)).with_for_update())
            .mappings()
            .first()
        )

    def restart(self, scope: tuple[str, str, str], fingerprint: str, now: dt.datetime) -> None:
        values = {"fingerprint": fingerprint, "state": "in_flight", "status_code": None, "body": None}
        self.session.execute(
            update(orm.idempotency_keys).where(*self._is(scope)).values(**values, created_at=now, locked_at=now)
        )

    def finish(self, scope: tuple[str, str, str], status_code: int, body: Any) -> None:
        self.session.execute(
            update(orm.idempotency_keys)
            .where(*self._is(scope))
            .values(state="done", status_code=status_code, body=body)
        )

    def release(self, scope: tuple[str, str, str]) -> None:
        self.session.execute(delete(orm.idempotency_keys).where(*self._is(scope)))

    @staticmethod
    def _is(scope: tuple[str, str, str]) -> tuple[Any, ...]:
        table = orm.idempotency_keys
        return (table.c.practice_id == scope[0], table.c.account_id == scope[1], table.c.key == scope[2])


class InsuranceRepository(_Repository):
    def of_client(self, practice_id: str, client_id: str) -> list[Policy]:
        table = orm.insurance_policies
        mine = and_(table.c.practice_id == practice_id, table.c.client_id == client_id)
        return [Policy(**row) for row in self._rows(select(table).where(mine).order_by(table.c.rank))]

    def get(self, practice_id: str, client_id: str, rank: str) -> Policy | None:
        table = orm.insurance_policies
        mine = and_(table.c.practice_id == practice_id, table.c.client_id == client_id)
        rows = self._rows(select(table).where(mine, table.c.rank == rank))
        return Policy(**rows[0]) if rows else None

    def add(self, policy: Policy) -> None:
        self.session.execute(insert(orm.insurance_policies).values(**dataclasses.asdict(policy)))

    def save(self, policy: Policy) -> None:
        table = orm.insurance_policies
        self.session.execute(update(table).where(table.c.id == policy.id).values(**dataclasses.asdict(policy)))

    def remove(self, policy_id: str) -> None:
        self.session.execute(delete(orm.insurance_policies).where(orm.insurance_policies.c.id == policy_id))


class DocumentRepository(_Repository):
    """Generated statements and superbills, and the audit of who generated or downloaded a document
    (append only)."""

    def add(self, record: DocumentRecord, content: bytes) -> None:
        values = dataclasses.asdict(record) | {"kind": record.kind.value, "content": content}
        self.session.execute(insert(orm.billing_documents).values(**values))

    def of_client(self, practice_id: str, client_id: str, kind: DocumentKind) -> list[DocumentRecord]:
        table = orm.billing_documents
        query = (
            select(*[table.c[f.name] for f in dataclasses.fields(DocumentRecord)])
            .where(table.c.practice_id == practice_id, table.c.client_id == client_id, table.c.kind == kind.value)
            .order_by(table.c.created_at.desc(), table.c.id)
        )
        return [_document(row) for row in self._rows(query)]

    def get(self, practice_id: str, kind: DocumentKind, document_id: str) -> tuple[DocumentRecord, bytes] | None:
        table = orm.billing_documents
        query = select(table).where(
            table.c.practice_id == practice_id, table.c.kind == kind.value, table.c.id == document_id
        )
        row = self.session.execute(query).mappings().first()
        return (_document(row), bytes(row["content"])) if row else None

    def audit(self, entry: dict[str, Any]) -> None:
        self.session.execute(insert(orm.document_audit).values(**entry))

    def audit_of_client(self, practice_id: str, client_id: str) -> list[RowMapping]:
        table = orm.document_audit
        query = select(table).where(table.c.practice_id == practice_id, table.c.client_id == client_id)
        return self._rows(query.order_by(table.c.id))


def _document(row: RowMapping) -> DocumentRecord:
    values = {f.name: row[f.name] for f in dataclasses.fields(DocumentRecord)}
    return DocumentRecord(**values | {"kind": DocumentKind(row["kind"])})


class EstimateRepository(_Repository):
    """Good Faith Estimates, a row per version, with the PDF as issued and as acknowledged."""

    def add(self, estimate: Estimate) -> None:
        self.session.execute(insert(orm.estimates).values(**_estimate_row(estimate)))

    def save(self, estimate: Estimate) -> None:
        row = _estimate_row(estimate)
        self.session.execute(update(orm.estimates).where(orm.estimates.c.id == estimate.id).values(**row))

    def keep_document(self, estimate_id: str, party: dict[str, Any], content: bytes, acknowledged: bool) -> None:
        """The PDF as issued (with what it printed of the practice and the client), or as acknowledged."""
        values = {"acknowledged_content": content} if acknowledged else {"party": party, "content": content}
        self.session.execute(update(orm.estimates).where(orm.estimates.c.id == estimate_id).values(**values))

    def get(self, practice_id: str, estimate_id: str, lock: bool = False) -> Estimate | None:
        table = orm.estimates
        query = select(*_ESTIMATE_COLUMNS).where(table.c.practice_id == practice_id, table.c.id == estimate_id)
        row = self.session.execute(query.with_for_update() if lock else query).mappings().first()
        return _estimate(row) if row else None

    def newest_version(self, series_id: str) -> int:
        table = orm.estimates
        return int(
            self.session.execute(select(func.max(table.c.version)).where(table.c.series_id == series_id)).scalar_one()
        )

    def of_client(self, practice_id: str, client_id: str) -> list[Estimate]:
        """Newest first."""
        table = orm.estimates
        query = (
            select(*_ESTIMATE_COLUMNS)
            .where(table.c.practice_id == practice_id, table.c.client_id == client_id)
            .order_by(table.c.created_at.desc(), table.c.version.desc())
        )
        return [_estimate(row) for row in self._rows(query)]

    def document(self, estimate_id: str) -> tuple[dict[str, Any], bytes, bytes | None]:
        """What the issued PDF printed of the practice and client, the PDF, and the acknowledged PDF."""
        table = orm.estimates
        query = select(table.c.party, table.c.content, table.c.acknowledged_content).where(table.c.id == estimate_id)
        row = self.session.execute(query).mappings().one()
        acknowledged = row["acknowledged_content"]
        return dict(row["party"]), bytes(row["content"]), bytes(acknowledged) if acknowledged else None


_ESTIMATE_DOCUMENTS = {"party", "content", "acknowledged_content"}
_ESTIMATE_COLUMNS = [column for column in orm.estimates.c if column.name not in _ESTIMATE_DOCUMENTS]


def _estimate_row(estimate: Estimate) -> dict[str, Any]:
    row = {f.name: getattr(estimate, f.name) for f in dataclasses.fields(Estimate) if f.name != "acknowledgement"}
    row |= {"status": estimate.status.value, "total_cents": estimate.total_cents}
    row["lines"] = [
        dataclasses.asdict(line) | {"diagnosis_codes": list(line.diagnosis_codes)} for line in estimate.lines
    ]
    ack = estimate.acknowledgement
    row |= {
        "acknowledged_at": ack.at if ack else None,
        "acknowledged_by": ack.account_id if ack else None,
        "acknowledged_ip": ack.ip if ack else None,
        "acknowledged_user_agent": ack.user_agent if ack else None,
        "acknowledged_sha256": ack.document_sha256 if ack else None,
    }
    return row


def _estimate(row: RowMapping) -> Estimate:
    values = {f.name: row[f.name] for f in dataclasses.fields(Estimate) if f.name != "acknowledgement"}
    values["status"] = EstimateStatus(row["status"])
    values["lines"] = tuple(
        EstimateLine(**line | {"diagnosis_codes": tuple(line.get("diagnosis_codes") or ())}) for line in row["lines"]
    )
    acknowledgement = None
    if row["acknowledged_at"] is not None:
        acknowledgement = Acknowledgement(
            row["acknowledged_by"],
            row["acknowledged_at"],
            row["acknowledged_ip"],
            row["acknowledged_user_agent"],
            row["acknowledged_sha256"],
        )
    return Estimate(**values, acknowledgement=acknowledgement)


class ProcessorEventRepository(_Repository):
    """Processor webhook events taken once each, and the refunds they report."""

    def add(self, processor: str, event_id: str, event_type: str, now: dt.datetime) -> bool:
        """False when the event was taken before (on PostgreSQL after waiting for its taker's commit)."""
        row = {"processor": processor, "event_id": event_id, "event_type": event_type, "received_at": now}
        try:
            with self.session.begin_nested():
                self.session.execute(insert(orm.processor_events).values(**row))
        except IntegrityError:
            return False
        return True

    def record_refunded(self, charge_id: str, payment_id: str, amount_refunded_cents: int, now: dt.datetime) -> None:
        """What the processor reports refunded of a charge so far: a report older than one taken
        (a smaller total) changes nothing."""
        table = orm.processor_refunds
        known = self.session.execute(
            select(table.c.amount_refunded_cents).where(table.c.charge_id == charge_id).with_for_update()
        ).scalar_one_or_none()
        values = {"payment_id": payment_id, "amount_refunded_cents": amount_refunded_cents, "updated_at": now}
        if known is None:
            self.session.execute(insert(table).values(charge_id=charge_id, **values))
        elif amount_refunded_cents > known:
            self.session.execute(update(table).where(table.c.charge_id == charge_id).values(**values))

    def refunded(self, charge_id: str) -> int:
        table = orm.processor_refunds
        query = select(table.c.amount_refunded_cents).where(table.c.charge_id == charge_id)
        return self.session.execute(query).scalar_one_or_none() or 0
