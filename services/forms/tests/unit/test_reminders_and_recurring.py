"""Reminder days, recurring schedules and the reminder job, with fakes (no database)."""

import datetime as dt
import zoneinfo

import pytest
from forms.domain.assignment import Assignment, AssignmentStatus, reminder_time, too_late_to_remind
from forms.domain.recurring import RecurringAssessment, due_on_for, schedule_problems
from forms.domain.templates import TemplateKind
from forms.service.reminders import REMINDER_REQUESTED, ReminderMailing, remind_due_assignments
from portalkit.clock import FixedClock
from portalkit.sealed import Sealer, new_key

TODAY = dt.date(2026, 1, 5)


NOW = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)


def test_the_reminder_is_at_nine_the_day_before_the_due_date_and_at_once_when_that_passed():
    assert reminder_time(dt.date(2026, 1, 8), NOW, dt.UTC) == dt.datetime(2026, 1, 7, 9, tzinfo=dt.UTC)
    assert reminder_time(dt.date(2026, 1, 6), NOW + dt.timedelta(hours=5), dt.UTC) == NOW + dt.timedelta(hours=5)
    assert reminder_time(TODAY, NOW, dt.UTC) is None
    assert reminder_time(None, NOW, dt.UTC) is None


@pytest.mark.parametrize(
    ("zone", "given_at", "due_on", "remind_at"),
    [
        # New York, winter (UTC-5): 9 AM there is 14:00 UTC
        ("America/New_York", NOW, dt.date(2026, 1, 8), dt.datetime(2026, 1, 7, 14, tzinfo=dt.UTC)),
        # ... and after the March change (UTC-4): 13:00 UTC
        ("America/New_York", NOW, dt.date(2026, 3, 10), dt.datetime(2026, 3, 9, 13, tzinfo=dt.UTC)),
        # Auckland (UTC+13): 09:00 UTC on 5 January is already 22:00 there; a form due on the 6th (there)
        # is reminded of at 9 AM on the 5th there, which has passed: at once
        ("Pacific/Auckland", NOW, dt.date(2026, 1, 6), NOW),
        # ... and at 12:00 UTC it is 01:00 on the 6th there: a form due on the 6th is due today, no
        # reminder (on UTC days it would be due tomorrow)
        ("Pacific/Auckland", NOW + dt.timedelta(hours=3), dt.date(2026, 1, 6), None),
        ("UTC", NOW + dt.timedelta(hours=3), dt.date(2026, 1, 6), NOW + dt.timedelta(hours=3)),
    ],
)
def test_the_reminder_follows_the_practices_clock(zone, given_at, due_on, remind_at):
    assert reminder_time(due_on, given_at, zoneinfo.ZoneInfo(zone)) == remind_at


def test_too_late_is_once_the_due_date_has_passed_on_the_practices_clock():
    los_angeles = zoneinfo.ZoneInfo("America/Los_Angeles")
    # 09:00 UTC on 5 January is 01:00 on the 5th in Los Angeles
    assert not too_late_to_remind(dt.date(2026, 1, 5), NOW, los_angeles)
    assert too_late_to_remind(dt.date(2026, 1, 4), NOW, los_angeles)
    assert too_late_to_remind(dt.date(2026, 1, 4), NOW, dt.UTC)
    # 07:00 UTC on the 6th is 23:00 on the 5th there: still the due day
    assert not too_late_to_remind(dt.date(2026, 1, 5), NOW + dt.timedelta(hours=22), los_angeles)
    assert too_late_to_remind(dt.date(2026, 1, 5), NOW + dt.timedelta(hours=22), dt.UTC)


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

    def claim_due_reminders(self, now, limit):
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
