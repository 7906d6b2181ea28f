"""A recurring assessment: PHQ-9 or GAD-7 given to a client every `every_days` days until staff stop it.
Each date of the schedule gives one assignment, due RECURRING_DUE_DAYS after it is given."""

from __future__ import annotations

import dataclasses
import datetime as dt

RECURRING_TEMPLATES = ("phq-9", "gad-7")
MIN_EVERY_DAYS, MAX_EVERY_DAYS = 7, 365
RECURRING_DUE_DAYS = 3


@dataclasses.dataclass
class RecurringAssessment:
    id: str
    practice_id: str
    client_id: str
    template: str
    every_days: int
    starts_on: dt.date
    next_on: dt.date | None
    created_at: dt.datetime
    created_by: str
    stopped_at: dt.datetime | None = None
    stopped_by: str | None = None
    last_assignment_id: str | None = None

    @property
    def active(self) -> bool:
        return self.stopped_at is None

    def date_due(self, today: dt.date) -> dt.date | None:
        """The latest of the schedule's dates that has come: a schedule that was not swept for a while
        gives one assignment (for its latest date), not one per missed date."""
        if self.next_on is None or self.next_on > today:
            return None
        missed = (today - self.next_on).days // self.every_days
        return self.next_on + dt.timedelta(days=missed * self.every_days)

    def occurrence_given(self, on: dt.date, assignment_id: str) -> None:
        self.last_assignment_id = assignment_id
        self.next_on = on + dt.timedelta(days=self.every_days)

    def stop(self, now: dt.datetime, by: str) -> None:
        if self.stopped_at is None:
            self.stopped_at, self.stopped_by, self.next_on = now, by, None


def due_on_for(occurrence: dt.date) -> dt.date:
    return occurrence + dt.timedelta(days=RECURRING_DUE_DAYS)


def schedule_problems(template: str, every_days: int, starts_on: dt.date, today: dt.date) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if template not in RECURRING_TEMPLATES:
        problems["template"] = ["Only PHQ-9 and GAD-7 recur: phq-9 or gad-7."]
    if not MIN_EVERY_DAYS <= every_days <= MAX_EVERY_DAYS:
        problems["every_days"] = [f"Every {MIN_EVERY_DAYS} to {MAX_EVERY_DAYS} days."]
    if starts_on < today:
        problems["starts_on"] = ["The first date cannot be in the past."]
    return problems
