"""Reminder days, recurring schedules and the reminder job, with fakes (no database)."""

import datetime as dt

import pytest
from forms.domain.assignment import Assignment, AssignmentStatus, reminder_date
from forms.domain.recurring import RecurringAssessment, due_on_for, schedule_problems
from forms.domain.templates import TemplateKind
from forms.service.reminders import REMINDER_REQUESTED, ReminderMailing, remind_due_assignments
from portalkit.clock import FixedClock
from portalkit.sealed import Sealer, new_key

TODAY = dt.date(2026, 1, 5)


def test_the_reminder_day_is_the_day_before_the_due_date_when_that_comes_after_giving():
    assert reminder_date(dt.date(2026, 1, 8), TODAY) == dt.date(2026, 1, 7)
    assert reminder_date(dt.date(2026, 1, 6), TODAY) == TODAY
    assert reminder_date(TODAY, TODAY) is None
    assert reminder_date(None, TODAY) is None


def schedule(next_on=TODAY, every_days=14):
    now = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
    return RecurringAssessment("s-1", "p-1", "c-1", "phq-9", every_days, TODAY, next_on, now, "staff-1")


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (dt.date(2026, 1, 4), None),
        (TODAY, TODAY),
        (dt.date(2026, 1, 18), TODAY),
        (dt.date(2026, 1, 19), dt.date(2026, 1, 19)),
        (dt.date(2026, 2, 20), dt.date(2026, 2, 16)),
    ],
)
def test_a_schedule_is_due_on_its_latest_date_that_has_come(today, due):
    assert schedule().date_due(today) == due


def test_giving_an_occurrence_moves_the_schedule_on_and_stopping_ends_it():
    recurring = schedule()
    recurring.occurrence_given(TODAY, "a-1")
    assert (recurring.next_on, recurring.last_assignment_id) == (dt.date(2026, 1, 19), "a-1")
    stopped_at = dt.datetime(2026, 1, 6, tzinfo=dt.UTC)
    recurring.stop(stopped_at, "staff-2")
    recurring.stop(stopped_at + dt.timedelta(days=1), "staff-3")
    assert (recurring.active, recurring.next_on, recurring.stopped_by) == (False, None, "staff-2")
    assert recurring.date_due(dt.date(2026, 3, 1)) is None
    assert due_on_for(TODAY) == dt.date(2026, 1, 8)


def test_schedule_problems_name_each_field():
    assert schedule_problems("phq-9", 14, TODAY, TODAY) == {}
    assert set(schedule_problems("adult-intake", 6, TODAY - dt.timedelta(days=1), TODAY)) == {
        "template",
        "every_days",
        "starts_on",
    }


class FakeAssignments:
    def __init__(self, due):
        self.due = due

    def claim_due_reminders(self, today, now, limit):
        claimed, self.due = self.due[:limit], self.due[limit:]
        return claimed


class FakeUnitOfWork:
    def __init__(self, due):
        self.clock = FixedClock()
        self.assignments = FakeAssignments(due)
        self.published = []
        self.committed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def publish(self, event_type, data, practice_id):
        self.published.append((event_type, data, practice_id))

    def commit(self):
        self.committed = True


def assignment(client_id, due_on):
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    return Assignment(
        f"a-{client_id}", "p-1", client_id, "t", "v", TemplateKind.FORM, "Adult intake", None, now, "staff",
        due_on=due_on, status=AssignmentStatus.PENDING,
    )  # fmt: skip


def test_the_reminder_job_seals_the_address_and_skips_overdue_and_unknown_clients(identity):
    known = identity.add_client("p-1", name="Sam Lee", email="sam@example.org")
    without_address = identity.add_client("p-1", email=None)
    due = [
        assignment(known, dt.date(2026, 1, 6)),
        assignment(known, dt.date(2026, 1, 4)),  # overdue
        assignment("unknown-client", dt.date(2026, 1, 6)),
        assignment(without_address, dt.date(2026, 1, 6)),
    ]
    uow, mailing = FakeUnitOfWork(due), ReminderMailing(Sealer(new_key()), "https://portal.example")

    claimed = remind_due_assignments(uow, identity, mailing, batch_size=10)

    assert (claimed, uow.committed) == (4, True)
    [(event_type, data, practice_id)] = uow.published
    assert (event_type, practice_id, data["assignment_id"], data["due_on"]) == (
        REMINDER_REQUESTED, "p-1", f"a-{known}", "2026-01-06",
    )  # fmt: skip
    sealed = mailing.sealer.unseal(data["delivery"])
    assert (sealed["to"], sealed["recipient_name"], sealed["tasks_url"]) == (
        "sam@example.org", "Sam", "https://portal.example/dashboard",
    )  # fmt: skip
