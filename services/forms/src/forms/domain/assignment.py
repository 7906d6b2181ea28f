"""An assignment: one template version given to a client to fill, sign or answer. Once submitted
(or signed) nothing about it changes again."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

from forms.domain.items import Answers, check_draft, check_submission
from forms.domain.scoring import AssessmentScore, instrument_of
from forms.domain.templates import TemplateKind, TemplateVersion

MAX_DRAFT_KEYS = 500


class AssignmentStatus(enum.StrEnum):
    PENDING = "pending"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"


class AssignmentClosed(Exception):
    """The assignment was submitted (or withdrawn): no change is possible any more."""

    def __init__(self, status: AssignmentStatus) -> None:
        super().__init__(str(status))
        self.status = status


class AnswersInvalid(ValueError):
    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__(str(fields))
        self.fields = fields


class WrongKind(ValueError):
    """A consent is signed, never submitted; a form or assessment is submitted, never signed."""

    def __init__(self, kind: TemplateKind) -> None:
        super().__init__(str(kind))
        self.kind = kind


class NoRiskFlag(Exception):
    """Only a submission that raised the risk flag can have it acknowledged."""


@dataclasses.dataclass
class Assignment:
    id: str
    practice_id: str
    client_id: str
    template_id: str
    template_version_id: str
    kind: TemplateKind
    title: str
    instrument: str | None
    assigned_at: dt.datetime
    assigned_by: str | None
    due_on: dt.date | None = None
    packet_id: str | None = None
    replaces_id: str | None = None
    status: AssignmentStatus = AssignmentStatus.PENDING
    draft: dict[str, Any] = dataclasses.field(default_factory=dict)
    draft_saved_at: dt.datetime | None = None
    answers: dict[str, Any] | None = None
    submitted_at: dt.datetime | None = None
    submitted_by: str | None = None
    score_total: int | None = None
    severity: str | None = None
    risk_flag: bool = False
    withdrawn_at: dt.datetime | None = None
    withdrawn_by: str | None = None
    # When the client is reminded (9 AM the day before due_on, the practice's time); cleared once reminded,
    # submitted or withdrawn.
    remind_at: dt.datetime | None = None
    reminded_at: dt.datetime | None = None
    recurrence_id: str | None = None
    occurrence_on: dt.date | None = None
    # The accounts staff named to complete or sign it (a couple's or a minor's profile); empty: the
    # link rule decides (domain/signers.py).
    signer_ids: tuple[str, ...] = ()
    # A raised risk flag stays raised; a clinician acknowledges having reviewed it.
    risk_acknowledged_at: dt.datetime | None = None
    risk_acknowledged_by: str | None = None
    risk_acknowledged_by_email: str | None = None

    @property
    def score(self) -> AssessmentScore | None:
        if self.score_total is None or self.severity is None:
            return None
        return AssessmentScore(self.score_total, self.severity)

    def save_draft(self, version: TemplateVersion, answers: Answers, now: dt.datetime) -> None:
        self._must_be_open()
        problems = check_draft(version.content.items, answers)
        if len(answers) > MAX_DRAFT_KEYS:
            problems["answers"] = [f"At most {MAX_DRAFT_KEYS} answers."]
        if problems:
            raise AnswersInvalid(problems)
        self.draft = dict(answers)
        self.draft_saved_at = now

    def submit(self, version: TemplateVersion, answers: Answers, now: dt.datetime, by: str) -> None:
        """Keep the answers of the shown questions, score an assessment, raise the risk flag; or raise
        AnswersInvalid naming every missing and invalid answer, and change nothing."""
        self._must_be_open()
        if self.kind == TemplateKind.CONSENT:
            raise WrongKind(self.kind)
        kept, problems = check_submission(version.content.items, answers)
        if problems:
            raise AnswersInvalid(problems)
        instrument = instrument_of(self.instrument)
        if instrument is not None:
            score = instrument.score(kept)
            self.score_total, self.severity = score.total, score.severity
            self.risk_flag = instrument.raises_risk_flag(kept)
        self._complete(kept, now, by)

    def check_signable(self) -> None:
        """Raise unless this is a consent still waiting for signatures."""
        self._must_be_open()
        if self.kind != TemplateKind.CONSENT:
            raise WrongKind(self.kind)

    def complete_by_signature(self, now: dt.datetime, by: str) -> None:
        self.check_signable()
        self._complete({}, now, by)

    def acknowledge_risk(self, now: dt.datetime, by: str, by_email: str) -> bool:
        """Record who reviewed the risk flag and when; False (and no change) if someone already had.
        Raise NoRiskFlag when there is nothing to acknowledge."""
        if not self.risk_flag:
            raise NoRiskFlag()
        if self.risk_acknowledged_at is not None:
            return False
        self.risk_acknowledged_at, self.risk_acknowledged_by = now, by
        self.risk_acknowledged_by_email = by_email or None
        return True

    def withdraw(self, now: dt.datetime, by: str) -> None:
        self._must_be_open()
        self.status = AssignmentStatus.WITHDRAWN
        self.withdrawn_at, self.withdrawn_by = now, by
        self.remind_at = None

    def _complete(self, answers: Mapping[str, Any], now: dt.datetime, by: str) -> None:
        self.answers = dict(answers)
        self.draft, self.draft_saved_at = {}, None
        self.status = AssignmentStatus.COMPLETED
        self.submitted_at, self.submitted_by = now, by
        self.remind_at = None

    def _must_be_open(self) -> None:
        if self.status != AssignmentStatus.PENDING:
            raise AssignmentClosed(self.status)


REMIND_AT = dt.time(9)


def reminder_time(due_on: dt.date | None, given_at: dt.datetime, zone: dt.tzinfo) -> dt.datetime | None:
    """9 AM on the day before the due date, on the practice's clock (`zone`), in UTC; at once when that
    hour has passed but the due date is still ahead. An assignment due the day it is given (or with no
    due date) gets no reminder."""
    given_on = given_at.astimezone(zone).date()
    if due_on is None or due_on <= given_on:
        return None
    at = dt.datetime.combine(due_on - dt.timedelta(days=1), REMIND_AT, tzinfo=zone).astimezone(dt.UTC)
    return max(at, given_at)


def too_late_to_remind(due_on: dt.date | None, now: dt.datetime, zone: dt.tzinfo) -> bool:
    """The due date has passed on the practice's clock (the scheduler was stopped for days)."""
    return due_on is None or due_on < now.astimezone(zone).date()
