"""Staff book, move and cancel appointments and series; times are kept in UTC and follow the practice's
wall clock; a clinician is never booked twice at once; late cancellations and no-shows tell billing."""

import datetime as dt
from zoneinfo import ZoneInfo

NEW_YORK = ZoneInfo("America/New_York")


def local_hours(items):
    return [dt.datetime.fromisoformat(i["starts_at"]).astimezone(NEW_YORK).strftime("%m-%d %H:%M") for i in items]


def test_staff_book_an_appointment_and_booked_is_published(book, events, client_id):
    answer = book("2026-03-04T10:00:00-05:00", mode="in_person", location="12 Main St, Room 3")

    assert answer.status_code == 201, answer.json
    [made] = answer.json["items"]
    assert made["starts_at"] == "2026-03-04T15:00:00Z" and made["ends_at"] == "2026-03-04T15:50:00Z"
    assert made["time_zone"] == "America/New_York" and made["location"] == "12 Main St, Room 3"
    assert answer.headers["Location"].endswith(made["id"])
    [event] = events("scheduling.appointment.booked")
    assert event.data["appointment_id"] == made["id"] and event.data["client_id"] == client_id
    assert "type_name" not in event.data


def test_a_weekly_series_stays_at_ten_across_the_march_change(book):
    answer = book("2026-03-02T10:00:00-05:00", repeat={"every_weeks": 1, "count": 3})

    items = answer.json["items"]
    assert local_hours(items) == ["03-02 10:00", "03-09 10:00", "03-16 10:00"]
    assert [i["starts_at"][11:16] for i in items] == ["15:00", "14:00", "14:00"]
    assert len({i["series_id"] for i in items}) == 1


def test_a_fortnightly_series_stays_at_ten_across_the_november_change(book):
    answer = book("2026-10-26T10:00:00-04:00", repeat={"every_weeks": 2, "count": 3})

    assert local_hours(answer.json["items"]) == ["10-26 10:00", "11-09 10:00", "11-23 10:00"]


def test_a_clinician_cannot_be_booked_twice_at_once(book, events):
    book("2026-03-04T10:00:00-05:00")

    overlapping = book("2026-03-04T10:30:00-05:00")
    series_meeting_it = book("2026-02-25T10:20:00-05:00", repeat={"every_weeks": 1, "count": 2})

    assert overlapping.status_code == 409 and overlapping.json["code"] == "slot-taken"
    assert series_meeting_it.status_code == 409
    assert len(events("scheduling.appointment.booked")) == 1


def test_bad_input_names_the_fields_and_changes_nothing(web, signed_in, events, clinician_id):
    answer = web.post(
        "/api/v1/staff/appointments",
        json={
            "clinician_id": "someone-else",
            "client_id": "nobody",
            "starts_at": "2026-03-04T10:00:00",
            "type_name": "Session",
            "duration_minutes": 2,
            "mode": "in_person",
        },
        headers=signed_in("clinician"),
    )
    unknown_people = web.post(
        "/api/v1/staff/appointments",
        json={
            "clinician_id": "someone-else",
            "client_id": "nobody",
            "starts_at": "2026-03-04T10:00:00Z",
            "type_name": "Session",
            "duration_minutes": 50,
            "mode": "video",
        },
        headers=signed_in("clinician"),
    )

    assert answer.status_code == 422 and answer.content_type == "application/problem+json"
    assert {"starts_at", "duration_minutes"} <= set(answer.json["errors"])
    assert unknown_people.status_code == 422
    assert set(unknown_people.json["errors"]) == {"clinician_id", "client_id"}
    assert events("scheduling.appointment.booked") == []


def test_in_person_needs_a_place(book):
    answer = book("2026-03-04T10:00:00-05:00", mode="in_person", location="  ")

    assert answer.status_code == 422 and "location" in answer.json["errors"]


def test_staff_move_an_appointment(web, book, signed_in, events):
    made = book("2026-03-04T10:00:00-05:00").json["items"][0]

    moved = web.post(
        f"/api/v1/staff/appointments/{made['id']}/move",
        json={"starts_at": "2026-03-05T14:00:00-05:00", "mode": "in_person", "location": "Room 2"},
        headers=signed_in("clinician"),
    )

    assert moved.status_code == 200, moved.json
    assert moved.json["starts_at"] == "2026-03-05T19:00:00Z" and moved.json["location"] == "Room 2"
    [event] = events("scheduling.appointment.rescheduled")
    assert event.data["previous_starts_at"] == "2026-03-04T15:00:00Z"
    assert event.data["starts_at"] == "2026-03-05T19:00:00Z"


def test_a_client_cancelling_with_short_notice_is_a_late_cancellation(web, book, signed_in, events, clock):
    soon = book("2026-03-02T18:00:00Z").json["items"][0]  # 5 hours after the clock's now
    later = book("2026-03-09T18:00:00Z").json["items"][0]

    late = web.post(f"/api/v1/staff/appointments/{soon['id']}/cancel", json={"by": "client"}, headers=signed_in())
    in_time = web.post(f"/api/v1/staff/appointments/{later['id']}/cancel", json={"by": "client"}, headers=signed_in())
    again = web.post(f"/api/v1/staff/appointments/{later['id']}/cancel", json={"by": "client"}, headers=signed_in())

    assert late.json["status"] == "cancelled" and late.json["late_cancellation"] is True
    assert in_time.json["late_cancellation"] is False
    assert again.status_code == 409
    assert len(events("scheduling.appointment.cancelled")) == 2
    [fee] = events("scheduling.appointment.late_cancelled")
    assert fee.data["appointment_id"] == soon["id"] and fee.data["notice_hours"] == 24


def test_a_freed_slot_can_be_booked_again(web, book, signed_in):
    made = book("2026-03-04T10:00:00-05:00").json["items"][0]
    web.post(f"/api/v1/staff/appointments/{made['id']}/cancel", json={"by": "practice"}, headers=signed_in())

    assert book("2026-03-04T10:00:00-05:00").status_code == 201


def test_no_show_only_once_the_appointment_started(web, book, signed_in, events, clock):
    made = book("2026-03-02T15:00:00Z").json["items"][0]

    too_soon = web.post(f"/api/v1/staff/appointments/{made['id']}/no-show", headers=signed_in())
    clock.advance(hours=2, minutes=10)
    missed = web.post(f"/api/v1/staff/appointments/{made['id']}/no-show", headers=signed_in())

    assert too_soon.status_code == 422
    assert missed.json["status"] == "no_show"
    [event] = events("scheduling.appointment.no_show")
    assert event.data["marked_at"] == "2026-03-02T15:10:00Z"


def test_another_practice_sees_none_of_it(web, book, signed_in):
    made = book("2026-03-04T10:00:00-05:00").json["items"][0]
    stranger = signed_in("owner", practice_id="practice-other")

    for path in ("", "/cancel", "/move", "/no-show"):
        method = web.get if not path else web.post
        body = {"by": "practice"} if path == "/cancel" else {"starts_at": "2026-03-05T10:00:00Z"}
        answer = method(f"/api/v1/staff/appointments/{made['id']}{path}", json=body if path else None, headers=stranger)
        assert answer.status_code == 404, path


def test_billing_reads_the_calendar_but_cannot_book(web, book, signed_in):
    book("2026-03-04T10:00:00-05:00")

    listed = web.get(
        "/api/v1/staff/appointments?from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z", headers=signed_in("billing")
    )
    refused = web.post("/api/v1/staff/appointments", json={}, headers=signed_in("billing"))

    assert len(listed.json["items"]) == 1
    assert refused.status_code == 403
