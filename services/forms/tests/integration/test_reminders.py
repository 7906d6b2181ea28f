"""The day before an assignment is due, the scheduler asks for one reminder email: sealed for the
notifier, never for a submitted or withdrawn assignment, never twice, even with two schedulers at once."""

import pytest
from forms.service.reminders import ReminderMailing
from forms.service.scheduling import sweep
from portalkit.sealed import Sealer, new_key

REMINDER = "forms.assignment.reminder_requested"


@pytest.fixture
def mailing():
    return ReminderMailing(Sealer(new_key()), "https://portal.example/")


@pytest.fixture
def run_sweep(app, identity, mailing):
    def run():
        return sweep(app.extensions["forms"].unit_of_work, identity, mailing)

    return run


def test_the_client_is_reminded_once_the_day_before_the_due_date(assign, clock, events, run_sweep, mailing, client_id):
    given = assign("adult-intake", due_on="2026-01-08").json  # the clock starts on 2026-01-05

    run_sweep()
    before = list(events(REMINDER))
    clock.advance(days=2)  # 2026-01-07
    run_sweep()
    run_sweep()

    assert before == []
    [reminder] = events(REMINDER)
    assert reminder.data["assignment_id"] == given["id"]
    assert (reminder.data["client_id"], reminder.data["due_on"]) == (client_id, "2026-01-08")
    assert mailing.sealer.unseal(reminder.data["delivery"]) == {
        "to": "robin@example.org",
        "recipient_name": "Robin",
        "practice_name": "Calm Waters Therapy",
        "tasks_url": "https://portal.example/dashboard",
        "due_on": "2026-01-08",
    }
    assert "Intake" not in str(reminder.data)


def test_no_reminder_for_a_submitted_or_withdrawn_assignment_or_one_without_a_due_date(
    web, assign, as_client, signed_in, clock, events, run_sweep
):
    signed = assign("privacy-acknowledgement", due_on="2026-01-07").json
    withdrawn = assign("adult-intake", due_on="2026-01-07").json
    assign("gad-7")
    body = {"full_name": "Robin Doe", "agree": True}
    assert web.post(f"/api/v1/assignments/{signed['id']}/sign", json=body, headers=as_client).status_code == 200
    assert web.post(f"/api/v1/staff/assignments/{withdrawn['id']}/withdraw", headers=signed_in()).status_code == 200

    clock.advance(days=1)
    run_sweep()

    assert events(REMINDER) == []


def test_an_assignment_due_the_day_it_is_given_is_not_reminded_of(assign, events, run_sweep, clock):
    assign("adult-intake", due_on="2026-01-05")

    run_sweep()
    clock.advance(days=1)
    run_sweep()

    assert events(REMINDER) == []


def test_a_reminder_whose_day_passed_while_the_scheduler_was_down_is_not_sent_late(assign, events, run_sweep, clock):
    assign("adult-intake", due_on="2026-01-07")

    clock.advance(days=3)  # 2026-01-08: the due date has passed
    run_sweep()

    assert events(REMINDER) == []


def test_identity_not_answering_leaves_the_reminder_due_for_the_next_sweep(
    app, assign, events, identity, mailing, clock, run_sweep
):
    assign("adult-intake", due_on="2026-01-07")
    clock.advance(days=1)

    with pytest.raises(Unreachable):
        sweep(app.extensions["forms"].unit_of_work, IdentityDown(), mailing)
    run_sweep()

    assert len(events(REMINDER)) == 1


class Unreachable(RuntimeError):
    pass


class IdentityDown:
    def client(self, practice_id, client_id):
        raise Unreachable

    def time_zone(self, practice_id):
        raise Unreachable


def test_two_schedulers_at_once_send_each_reminder_once(
    identity, practice, assign, clock, events, two_schedulers_at_once
):
    client_ids = [identity.add_client(practice) for _ in range(30)]
    given = [assign("adult-intake", client=c, due_on="2026-01-07").json["id"] for c in client_ids]
    clock.advance(days=1)

    results = two_schedulers_at_once(batch_size=4)

    reminded = [e.data["assignment_id"] for e in events(REMINDER)]
    assert sorted(reminded) == sorted(given)
    assert len(results) == 2


def test_the_reminder_goes_at_nine_on_the_practices_clock(assign, clock, events, run_sweep, identity, practice):
    # Given a practice in Los Angeles (UTC-8 in January) and a form due on 8 January there
    identity.time_zones[practice] = "America/Los_Angeles"
    assign("adult-intake", due_on="2026-01-08")  # the clock starts at 09:00 UTC on 2026-01-05

    # When the scheduler runs at 16:59 UTC on the 7th (08:59 there), then at 17:00 UTC (9 AM there)
    clock.advance(days=2, hours=7, minutes=59)
    run_sweep()
    before = list(events(REMINDER))
    clock.advance(minutes=1)
    run_sweep()

    # Then the reminder goes at 9 AM in Los Angeles, not at the start of the UTC day
    assert before == []
    assert [e.data["due_on"] for e in events(REMINDER)] == ["2026-01-08"]


def test_the_due_date_passes_on_the_practices_clock(assign, clock, events, run_sweep, identity, practice):
    # Given a practice in Los Angeles whose scheduler stopped before a reminder's time
    identity.time_zones[practice] = "America/Los_Angeles"
    assign("adult-intake", due_on="2026-01-07")

    # When it comes back at 07:30 UTC on the 8th: still the 7th, 23:30, in Los Angeles
    clock.advance(days=2, hours=22, minutes=30)
    run_sweep()

    # Then the reminder still goes (on UTC days the due date would have passed)
    assert [e.data["due_on"] for e in events(REMINDER)] == ["2026-01-07"]
