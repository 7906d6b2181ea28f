"""Templates, assignments, signatures, settings and the read audit, kept in the service's database.
Every query names the practice."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from forms.adapters.orm import (
    assignments,
    audit_reads,
    consent_signatures,
    forms_settings,
    recurring_assessments,
    template_versions,
    templates,
)
from forms.domain.assignment import Assignment, AssignmentStatus
from forms.domain.audit import AuditAction, AuditEntry
from forms.domain.consent import ConsentSignature
from forms.domain.practice_settings import FormsSettings
from forms.domain.recurring import RecurringAssessment
from forms.domain.templates import Template, TemplateKind, TemplateVersion, content_from_dict


class _Repository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def _first(self, query: Select[Any], lock: bool = False) -> Any:
        row = self._session.execute(query.with_for_update() if lock else query).first()
        return None if row is None else row._mapping

    def _all(self, query: Select[Any]) -> list[Any]:
        return [row._mapping for row in self._session.execute(query).all()]

    def _claim(
        self, table: Any, due: ColumnElement[bool], order: Any, changes: dict[str, Any], limit: int
    ) -> list[Any]:
        """Take up to `limit` due rows: PostgreSQL skips rows a concurrent sweep locked, and re-checks `due`
        (repeated outside the subquery) on a row another sweep just changed; SQLite lets one writer in."""
        chosen = select(table.c.id).where(due).order_by(order).limit(limit).with_for_update(skip_locked=True)
        statement = update(table).where(due, table.c.id.in_(chosen.scalar_subquery())).values(**changes)
        return [row._mapping for row in self._session.execute(statement.returning(*table.c)).all()]

    def _insert_ignoring_conflict(self, table: Any, values: dict[str, Any]) -> bool:
        """Insert unless a unique key is taken already; whether the row was inserted."""
        dialect = self._session.get_bind().dialect.name
        statement = (postgresql_insert if dialect == "postgresql" else sqlite_insert)(table).values(**values)
        # psycopg reports rowcount -1 for ON CONFLICT DO NOTHING whatever happened: ask for the row instead.
        inserted = statement.on_conflict_do_nothing().returning(*table.primary_key.columns)
        return self._session.execute(inserted).first() is not None


class TemplateRepository(_Repository):
    def add_builtin(self, template: Template) -> bool:
        """Add a practice's row for a built-in unless a concurrent first use added it already."""
        return self._insert_ignoring_conflict(templates, dataclasses.asdict(template))

    def add(self, template: Template) -> None:
        self._session.execute(insert(templates).values(**dataclasses.asdict(template)))

    def save(self, template: Template) -> None:
        self._session.execute(
            update(templates).where(templates.c.id == template.id).values(current_version=template.current_version)
        )

    def by_id(self, practice_id: str, template_id: str, lock: bool = False) -> Template | None:
        row = self._first(self._of(practice_id).where(templates.c.id == template_id), lock)
        return None if row is None else Template(**row)

    def by_builtin_key(self, practice_id: str, key: str, lock: bool = False) -> Template | None:
        row = self._first(self._of(practice_id).where(templates.c.builtin_key == key), lock)
        return None if row is None else Template(**row)

    def of_practice(self, practice_id: str) -> list[Template]:
        return [Template(**row) for row in self._all(self._of(practice_id).order_by(templates.c.created_at))]

    def add_version(self, version: TemplateVersion) -> None:
        content = version.content.to_dict()
        values = {k: getattr(version, k) for k in ("id", "template_id", "practice_id", "number", "content_sha256")}
        values.update(created_at=version.created_at, created_by=version.created_by)
        self._session.execute(insert(template_versions).values(**values, **content))

    def version(self, practice_id: str, version_id: str) -> TemplateVersion | None:
        query = select(template_versions).where(
            template_versions.c.practice_id == practice_id, template_versions.c.id == version_id
        )
        row = self._first(query)
        return None if row is None else _version(row)

    def version_number(self, practice_id: str, template_id: str, number: int) -> TemplateVersion | None:
        query = select(template_versions).where(
            template_versions.c.practice_id == practice_id,
            template_versions.c.template_id == template_id,
            template_versions.c.number == number,
        )
        row = self._first(query)
        return None if row is None else _version(row)

    def _of(self, practice_id: str) -> Select[Any]:
        return select(templates).where(templates.c.practice_id == practice_id)


def _version(row: Any) -> TemplateVersion:
    content = content_from_dict({k: row[k] for k in ("title", "kind", "items", "document", "instrument")})
    fields = ("id", "template_id", "practice_id", "number", "content_sha256", "created_at", "created_by")
    return TemplateVersion(content=content, **{k: row[k] for k in fields})


_ASSIGNMENT_FIELDS = [field.name for field in dataclasses.fields(Assignment)]


class AssignmentRepository(_Repository):
    def add(self, assignment: Assignment) -> None:
        self._session.execute(insert(assignments).values(**_assignment_row(assignment)))

    def save(self, assignment: Assignment) -> None:
        values = _assignment_row(assignment)
        self._session.execute(update(assignments).where(assignments.c.id == assignment.id).values(**values))

    def by_id(self, practice_id: str, assignment_id: str, lock: bool = False) -> Assignment | None:
        query = select(assignments).where(assignments.c.practice_id == practice_id, assignments.c.id == assignment_id)
        row = self._first(query, lock)
        return None if row is None else _assignment(row)

    def of_client(self, practice_id: str, client_id: str) -> list[Assignment]:
        query = select(assignments).where(
            assignments.c.practice_id == practice_id, assignments.c.client_id == client_id
        )
        return [_assignment(row) for row in self._all(query.order_by(assignments.c.assigned_at, assignments.c.id))]

    def pending_of_version(self, practice_id: str, client_id: str, version_id: str) -> Assignment | None:
        query = select(assignments).where(
            assignments.c.practice_id == practice_id,
            assignments.c.client_id == client_id,
            assignments.c.template_version_id == version_id,
            assignments.c.status == str(AssignmentStatus.PENDING),
        )
        row = self._first(query)
        return None if row is None else _assignment(row)

    def claim_due_reminders(self, now: dt.datetime, limit: int) -> list[Assignment]:
        """Take up to `limit` pending assignments whose reminder time has come off the schedule."""
        due = and_(assignments.c.remind_at <= now, assignments.c.status == str(AssignmentStatus.PENDING))
        changes = {"remind_at": None, "reminded_at": now}
        return [_assignment(row) for row in self._claim(assignments, due, assignments.c.remind_at, changes, limit)]


def _assignment_row(assignment: Assignment) -> dict[str, Any]:
    row = {name: getattr(assignment, name) for name in _ASSIGNMENT_FIELDS}
    row["kind"], row["status"] = str(assignment.kind), str(assignment.status)
    row["signer_ids"] = list(assignment.signer_ids) or None
    return row


def _assignment(row: Any) -> Assignment:
    values = {name: row[name] for name in _ASSIGNMENT_FIELDS}
    values["kind"], values["status"] = TemplateKind(row["kind"]), AssignmentStatus(row["status"])
    values["signer_ids"] = tuple(row["signer_ids"] or ())
    return Assignment(**values)


class SignatureRepository(_Repository):
    def add(self, signature: ConsentSignature) -> None:
        self._session.execute(insert(consent_signatures).values(**dataclasses.asdict(signature)))

    def save(self, signature: ConsentSignature) -> None:
        values = {"resign_requested_at": signature.resign_requested_at}
        values["resign_assignment_id"] = signature.resign_assignment_id  # type: ignore[assignment]
        self._session.execute(
            update(consent_signatures).where(consent_signatures.c.id == signature.id).values(**values)
        )

    def by_assignment(self, practice_id: str, assignment_id: str) -> ConsentSignature | None:
        """The first signature of the assignment."""
        every = self.of_assignment(practice_id, assignment_id)
        return every[0] if every else None

    def signed_by(self, practice_id: str, account_id: str, assignment_ids: list[str]) -> set[str]:
        """Which of these assignments the account has signed."""
        query = select(consent_signatures.c.assignment_id).where(
            consent_signatures.c.practice_id == practice_id,
            consent_signatures.c.account_id == account_id,
            consent_signatures.c.assignment_id.in_(assignment_ids),
        )
        return {row.assignment_id for row in self._all(query)}

    def of_assignment(self, practice_id: str, assignment_id: str) -> list[ConsentSignature]:
        """Every signature of the assignment, first signed first (a couple's consent has one per partner)."""
        query = select(consent_signatures).where(
            consent_signatures.c.practice_id == practice_id, consent_signatures.c.assignment_id == assignment_id
        )
        order = (consent_signatures.c.signed_at, consent_signatures.c.id)
        return [ConsentSignature(**row) for row in self._all(query.order_by(*order))]

    def standing_of_template(self, practice_id: str, template_id: str) -> list[ConsentSignature]:
        """The signatures of a consent that no newer version has asked to renew yet."""
        query = select(consent_signatures).where(
            consent_signatures.c.practice_id == practice_id,
            consent_signatures.c.template_id == template_id,
            consent_signatures.c.resign_requested_at.is_(None),
        )
        return [ConsentSignature(**row) for row in self._all(query.with_for_update())]


class RecurringRepository(_Repository):
    def add(self, schedule: RecurringAssessment) -> None:
        self._session.execute(insert(recurring_assessments).values(**dataclasses.asdict(schedule)))

    def save(self, schedule: RecurringAssessment) -> None:
        values = dataclasses.asdict(schedule)
        table = recurring_assessments
        self._session.execute(update(table).where(table.c.id == schedule.id).values(**values))

    def by_id(self, practice_id: str, schedule_id: str, lock: bool = False) -> RecurringAssessment | None:
        table = recurring_assessments
        row = self._first(select(table).where(table.c.practice_id == practice_id, table.c.id == schedule_id), lock)
        return None if row is None else RecurringAssessment(**row)

    def of_client(self, practice_id: str, client_id: str) -> list[RecurringAssessment]:
        table = recurring_assessments
        query = select(table).where(table.c.practice_id == practice_id, table.c.client_id == client_id)
        return [RecurringAssessment(**row) for row in self._all(query.order_by(table.c.created_at, table.c.id))]

    def claim_due(self, today: dt.date, limit: int) -> list[RecurringAssessment]:
        """Up to `limit` running schedules whose next date has come, locked until the caller commits
        (the no-op change takes SQLite's write lock before the rows are read)."""
        table = recurring_assessments
        due = table.c.next_on <= today
        rows = self._claim(table, due, table.c.next_on, {"next_on": table.c.next_on}, limit)
        return [RecurringAssessment(**row) for row in rows]


class SettingsRepository(_Repository):
    def get(self, practice_id: str) -> FormsSettings:
        row = self._first(select(forms_settings).where(forms_settings.c.practice_id == practice_id))
        return FormsSettings(practice_id) if row is None else FormsSettings(**row)

    def save(self, settings: FormsSettings) -> None:
        values = dataclasses.asdict(settings)
        dialect = self._session.get_bind().dialect.name
        statement = (postgresql_insert if dialect == "postgresql" else sqlite_insert)(forms_settings).values(**values)
        changes = {k: v for k, v in values.items() if k != "practice_id"}
        self._session.execute(statement.on_conflict_do_update(index_elements=["practice_id"], set_=changes))


class AuditRepository(_Repository):
    """Append-only: there is no update and no delete."""

    def add(self, entry: AuditEntry) -> None:
        values = dataclasses.asdict(entry)
        values["action"] = str(entry.action)
        self._session.execute(insert(audit_reads).values(**values))

    def of_practice(self, practice_id: str, client_id: str | None = None, limit: int = 200) -> list[AuditEntry]:
        query = select(audit_reads).where(audit_reads.c.practice_id == practice_id)
        if client_id is not None:
            query = query.where(audit_reads.c.client_id == client_id)
        rows = self._all(query.order_by(audit_reads.c.id.desc()).limit(limit))
        fields = [field.name for field in dataclasses.fields(AuditEntry)]
        return [AuditEntry(**{**{k: row[k] for k in fields}, "action": AuditAction(row["action"])}) for row in rows]
