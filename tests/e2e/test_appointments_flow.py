"""Through the gateway, against the real stack: staff set a clinician's hours and a bookable type and
book a weekly series for a client; the client sees it (the next one first on the dashboard), downloads a
calendar file, subscribes to a private feed and turns it off, books an open slot that then disappears;
staff move and cancel; with appointments turned off the client's paths answer 403."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import requests

pytestmark = pytest.mark.e2e
NEW_YORK = ZoneInfo("America/New_York")
FEATURE_CACHE = dt.timedelta(seconds=11)


def client_headers(portal, person):
    login = requests.post(
        portal.url("/api/v1/auth/login"), json={"email": person["email"], "password": person["password"]}, timeout=10
    )
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def next_monday_at(hour, weeks_ahead=1):
    today = dt.datetime.now(NEW_YORK).date()
    monday = today + dt.timedelta(days=7 * weeks_ahead - today.weekday())
    return dt.datetime.combine(monday, dt.time(hour), NEW_YORK)


@pytest.fixture
def practice_with_hours(portal):
    """The owner sees clients every day 9-17 as "Dana Reyes"; a bookable 50-minute video session type."""
    staff = portal.staff_session()
    owner_id = staff.get(portal.url("/api/v1/me")).json()["account_id"]
    windows = [{"weekday": day, "starts": "09:00", "ends": "17:00"} for day in range(7)]
    hours = staff.put(
        portal.url(f"/api/v1/staff/clinicians/{owner_id}/availability"),
        json={"display_name": "Dana Reyes", "windows": windows},
    )
    assert hours.status_code == 204, hours.text
    kind = staff.post(
        portal.url("/api/v1/staff/appointment-types"),
        json={"name": "Individual session", "duration_minutes": 50, "buffer_minutes": 10, "mode": "video"},
    )
    assert kind.status_code == 201, kind.text
    return {"staff": staff, "clinician_id": owner_id, "type_id": kind.json()["id"]}


def test_staff_book_a_series_and_the_client_sees_and_subscribes(portal, client_account, practice_with_hours):
    staff, clinician_id = practice_with_hours["staff"], practice_with_hours["clinician_id"]
    person = client_account("Morgan")
    headers = client_headers(portal, person)
    first = next_monday_at(10)

    # Staff book a weekly series of three, in person
    series = staff.post(
        portal.url("/api/v1/staff/appointments"),
        json={
            "clinician_id": clinician_id,
            "client_id": person["id"],
            "type_name": "Individual session",
            "duration_minutes": 50,
            "mode": "in_person",
            "location": "12 Main St, Room 3",
            "starts_at": first.isoformat(),
            "repeat": {"every_weeks": 1, "count": 3},
        },
    )
    assert series.status_code == 201, series.text
    starts = [dt.datetime.fromisoformat(i["starts_at"]).astimezone(NEW_YORK) for i in series.json()["items"]]
    assert [s.strftime("%A %H:%M") for s in starts] == ["Monday 10:00"] * 3

    # The client sees them, soonest first, and the dashboard shows the next one first
    mine = requests.get(portal.url("/api/v1/appointments"), headers=headers, timeout=10).json()
    assert [a["id"] for a in mine["upcoming"]] == [i["id"] for i in series.json()["items"]]
    assert mine["upcoming"][0]["clinician_name"] == "Dana Reyes"
    dashboard = requests.get(portal.url("/api/v1/dashboard"), headers=headers, timeout=10).json()
    assert dashboard["next_appointment"]["id"] == mine["upcoming"][0]["id"]

    # A calendar file for the first, and a private feed that works until the client turns it off
    file = requests.get(portal.url(mine["upcoming"][0]["calendar_url"]), headers=headers, timeout=10)
    assert file.status_code == 200 and file.headers["Content-Type"].startswith("text/calendar")
    assert "LOCATION:12 Main St\\, Room 3" in file.text
    feed_url = requests.post(portal.url("/api/v1/appointments/calendar-feed"), headers=headers, timeout=10).json()[
        "url"
    ]
    assert feed_url.startswith(portal.base_url)
    feed = requests.get(feed_url, timeout=10)
    assert feed.status_code == 200 and feed.text.count("BEGIN:VEVENT") == 3
    assert (
        requests.delete(portal.url("/api/v1/appointments/calendar-feed"), headers=headers, timeout=10).status_code
        == 204
    )
    assert requests.get(feed_url, timeout=10).status_code == 404

    # Staff move the second and cancel the third for the practice
    second, third = series.json()["items"][1:]
    moved = staff.post(
        portal.url(f"/api/v1/staff/appointments/{second['id']}/move"),
        json={"starts_at": (starts[1] + dt.timedelta(hours=4)).isoformat()},
    )
    assert moved.status_code == 200, moved.text
    cancelled = staff.post(portal.url(f"/api/v1/staff/appointments/{third['id']}/cancel"), json={"by": "practice"})
    assert cancelled.json()["status"] == "cancelled" and cancelled.json()["late_cancellation"] is False
    mine = requests.get(portal.url("/api/v1/appointments"), headers=headers, timeout=10).json()
    assert len(mine["upcoming"]) == 2 and mine["past"][0]["status"] == "cancelled"


def test_the_client_books_an_open_slot_that_then_disappears(portal, client_account, practice_with_hours):
    person = client_account("Jules")
    headers = client_headers(portal, person)
    choice = {"clinician_id": practice_with_hours["clinician_id"], "type_id": practice_with_hours["type_id"]}
    week = {"from": next_monday_at(0, weeks_ahead=2).isoformat(), "to": next_monday_at(0, weeks_ahead=3).isoformat()}

    options = requests.get(portal.url("/api/v1/booking/options"), headers=headers, timeout=10).json()
    assert {"id": choice["clinician_id"], "name": "Dana Reyes"} in options["clinicians"]
    open_slots = requests.get(
        portal.url("/api/v1/booking/slots"), params={**choice, **week}, headers=headers, timeout=10
    )
    assert open_slots.status_code == 200, open_slots.text
    slot = open_slots.json()["slots"][0]

    booked = requests.post(
        portal.url("/api/v1/booking/appointments"), json={**choice, "starts_at": slot}, headers=headers, timeout=10
    )
    again = requests.post(
        portal.url("/api/v1/booking/appointments"), json={**choice, "starts_at": slot}, headers=headers, timeout=10
    )
    after = requests.get(portal.url("/api/v1/booking/slots"), params={**choice, **week}, headers=headers, timeout=10)

    assert booked.status_code == 201, booked.text
    assert again.status_code == 409 and again.headers["Content-Type"] == "application/problem+json"
    assert slot not in after.json()["slots"]


def test_with_appointments_off_the_clients_paths_are_refused(portal, client_account, clock):
    person = client_account("Avery")
    headers = client_headers(portal, person)
    owner = portal.staff_session()
    try:
        switched = owner.patch(
            portal.url("/api/v1/staff/practice/settings"),
            json={"features": {"appointments": False, "self_scheduling": False}},
        )
        assert switched.status_code == 200, switched.text
        clock.shift_clock(FEATURE_CACHE)

        listed = requests.get(portal.url("/api/v1/appointments"), headers=headers, timeout=10)
        booking = requests.get(portal.url("/api/v1/booking/options"), headers=headers, timeout=10)
        dashboard = requests.get(portal.url("/api/v1/dashboard"), headers=headers, timeout=10).json()

        assert (listed.status_code, listed.json()["feature"]) == (403, "appointments")
        assert (booking.status_code, booking.json()["feature"]) == (403, "self_scheduling")
        assert dashboard["next_appointment"] is None
    finally:
        owner.patch(
            portal.url("/api/v1/staff/practice/settings"),
            json={"features": {"appointments": True, "self_scheduling": True}},
        )
        clock.shift_clock(FEATURE_CACHE)


def test_the_client_is_reminded_by_email_48_hours_before(portal, client_account, practice_with_hours, clock):
    staff, clinician_id = practice_with_hours["staff"], practice_with_hours["clinician_id"]
    person = client_account("Remy")
    starts_at = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=49)).replace(second=0, microsecond=0)
    booked = staff.post(
        portal.url("/api/v1/staff/appointments"),
        json={
            "clinician_id": clinician_id,
            "client_id": person["id"],
            "type_name": "Grief counselling",
            "duration_minutes": 50,
            "mode": "video",
            "starts_at": starts_at.isoformat(),
        },
    )
    assert booked.status_code == 201, booked.text

    clock.shift_clock(dt.timedelta(hours=1, minutes=1))
    reminder = portal.wait_for_mail_about(person["email"], "Your appointment with")

    text = reminder.get_body(preferencelist=("plain",)).get_content()
    local = starts_at.astimezone(NEW_YORK)
    assert f"{local:%A} {local.day} {local:%B} at {local:%H:%M}" in text
    assert portal.url("/appointments") in text
    assert "Grief" not in text and "Grief" not in str(reminder["Subject"])
