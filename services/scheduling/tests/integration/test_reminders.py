"""Reminders 48 and 2 hours before, as the practice chose: once each even with two schedulers sweeping
at the same instant, none for a cancelled appointment, again after a move, and only the time and a
link for the notifier (sealed), never what the appointment is for."""

import datetime as dt

import pytest


@pytest.fixture
def reminders(events, sealer):
    """The reminder events of this test's practice, with their sealed deliveries opened."""

    def reminders():
        found = events("scheduling.appointment.reminder_requested")
        return [(e.data, sealer.unseal(e.data["delivery"])) for e in found]

    return reminders


def move_clock_to(clock, moment):
    clock.advance(seconds=(dt.datetime.fromisoformat(moment) - clock.now()).total_seconds())


def test_two_schedulers_remind_once_at_48_hours_and_once_at_2(book, clock, schedulers_at_once, reminders):
    made = book("2026-03-06T15:00:00Z").json["items"][0]  # Friday 10:00 in New York, booked 4 days ahead

    move_clock_to(clock, "2026-03-04T14:59:00+00:00")
    schedulers_at_once()
    move_clock_to(clock, "2026-03-04T15:00:00+00:00")
    schedulers_at_once()
    schedulers_at_once()
    move_clock_to(clock, "2026-03-06T13:00:00+00:00")
    schedulers_at_once()

    sent = reminders()
    assert [(data["appointment_id"], data["lead_hours"]) for data, _ in sent] == [(made["id"], 48), (made["id"], 2)]
    data, delivery = sent[0]
    assert delivery == {
        "email": "robin@example.org",
        "phone": None,
        "recipient_name": "Robin",
        "practice_name": "Calm Waters Therapy",
        "when": "Friday 6 March at 10:00 (EST)",
        "appointments_url": "https://portal.example/appointments",
    }
    assert "Individual session" not in str(data) + str(delivery)


def test_a_cancelled_appointment_gets_no_reminder(web, book, signed_in, clock, schedulers_at_once, reminders):
    made = book("2026-03-06T15:00:00Z").json["items"][0]
    web.post(f"/api/v1/staff/appointments/{made['id']}/cancel", json={"by": "practice"}, headers=signed_in())

    move_clock_to(clock, "2026-03-06T13:30:00+00:00")
    schedulers_at_once()

    assert reminders() == []


def test_a_moved_appointment_is_reminded_for_its_new_time(web, book, signed_in, clock, schedulers_at_once, reminders):
    made = book("2026-03-06T15:00:00Z").json["items"][0]
    move_clock_to(clock, "2026-03-04T16:00:00+00:00")
    schedulers_at_once()
    web.post(
        f"/api/v1/staff/appointments/{made['id']}/move", json={"starts_at": "2026-03-09T15:00:00Z"}, headers=signed_in()
    )

    move_clock_to(clock, "2026-03-07T16:00:00+00:00")
    schedulers_at_once()

    assert [(d["starts_at"], d["lead_hours"]) for d, _ in reminders()] == [
        ("2026-03-06T15:00:00Z", 48),
        ("2026-03-09T15:00:00Z", 48),
    ]


def test_booked_within_a_day_only_the_2_hour_reminder_goes(book, clock, schedulers_at_once, reminders):
    book("2026-03-03T12:00:00Z")  # 23 hours after the clock's now

    schedulers_at_once()
    move_clock_to(clock, "2026-03-03T10:30:00+00:00")
    schedulers_at_once()

    assert [d["lead_hours"] for d, _ in reminders()] == [2]


def test_the_practice_chooses_the_reminders_and_how(
    web, book, signed_in, clock, identity, practice, schedulers_at_once, reminders
):
    choices = {"remind_48h": False, "remind_by_email": False, "remind_by_sms": True}
    changed = web.patch("/api/v1/staff/scheduling/settings", json=choices, headers=signed_in("owner"))
    texted = identity.add_client(practice, email="sam@example.org", phone="+15555550123")
    book("2026-03-06T15:00:00Z", client_id=texted)

    move_clock_to(clock, "2026-03-04T16:00:00+00:00")
    schedulers_at_once()
    move_clock_to(clock, "2026-03-06T13:30:00+00:00")
    schedulers_at_once()

    assert changed.status_code == 200 and changed.json["remind_by_sms"] is True
    [(data, delivery)] = reminders()
    assert data["lead_hours"] == 2 and (delivery["email"], delivery["phone"]) == (None, "+15555550123")
