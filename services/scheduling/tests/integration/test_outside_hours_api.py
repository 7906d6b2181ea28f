"""Staff may book a clinician outside their weekly hours, and are told so: the booking (or a move)
answers with a warning per appointment that falls outside, and the same body can be checked first
without booking anything. A clinician without weekly hours is never warned."""

import pytest

# Weekdays 09:00-17:00 in New York; the clock stands at Monday 2 March 08:00 there.
WEEKDAYS = [{"weekday": day, "starts": "09:00", "ends": "17:00"} for day in range(5)]


@pytest.fixture
def office_hours(web, signed_in, clinician_id):
    answer = web.put(
        f"/api/v1/staff/clinicians/{clinician_id}/availability",
        json={"display_name": "Dana Reyes", "windows": WEEKDAYS},
        headers=signed_in("owner"),
    )
    assert answer.status_code == 204


def body(clinician_id, client_id, starts_at, **more):
    return {
        "clinician_id": clinician_id,
        "client_id": client_id,
        "type_name": "Session",
        "starts_at": starts_at,
        "duration_minutes": 50,
        "mode": "video",
    } | more


@pytest.mark.usefixtures("office_hours")
def test_an_evening_booking_goes_ahead_with_a_warning_and_a_day_one_without(book, events):
    evening = book("2026-03-04T18:00:00-05:00")
    afternoon = book("2026-03-04T16:10:00-05:00")
    running_late = book("2026-03-05T16:30:00-05:00")  # ends 17:20

    assert evening.status_code == afternoon.status_code == running_late.status_code == 201
    assert evening.json["warnings"] == [
        {
            "code": "outside-hours",
            "detail": "Outside the clinician's weekly hours.",
            "clinician_id": evening.json["items"][0]["clinician_id"],
            "starts_at": "2026-03-04T23:00:00Z",
        }
    ]
    assert afternoon.json["warnings"] == []
    assert [w["starts_at"] for w in running_late.json["warnings"]] == ["2026-03-05T21:30:00Z"]
    assert len(events("scheduling.appointment.booked")) == 3


@pytest.mark.usefixtures("office_hours")
def test_checking_first_books_nothing_and_names_each_occurrence_outside(
    web, signed_in, clinician_id, client_id, events
):
    # Thursdays at 16:00 for three weeks fit; Saturdays at 10:00 (either side of the March change) do not.
    thursdays = web.post(
        "/api/v1/staff/appointments/check",
        json=body(clinician_id, client_id, "2026-03-05T16:00:00-05:00", repeat={"every_weeks": 1, "count": 3}),
        headers=signed_in("front_desk"),
    )
    saturdays = web.post(
        "/api/v1/staff/appointments/check",
        json=body(clinician_id, client_id, "2026-03-07T10:00:00-05:00", repeat={"every_weeks": 2, "count": 2}),
        headers=signed_in("front_desk"),
    )

    assert thursdays.status_code == 200 and thursdays.json == {"warnings": []}
    assert [w["starts_at"] for w in saturdays.json["warnings"]] == ["2026-03-07T15:00:00Z", "2026-03-21T14:00:00Z"]
    assert events("scheduling.appointment.booked") == []


@pytest.mark.usefixtures("office_hours")
def test_moving_into_the_evening_answers_with_the_warning(web, book, signed_in):
    made = book("2026-03-04T10:00:00-05:00").json["items"][0]

    moved = web.post(
        f"/api/v1/staff/appointments/{made['id']}/move",
        json={"starts_at": "2026-03-04T19:00:00-05:00"},
        headers=signed_in("front_desk"),
    )

    assert moved.status_code == 200 and [w["code"] for w in moved.json["warnings"]] == ["outside-hours"]


def test_a_clinician_without_weekly_hours_is_never_warned(book):
    answer = book("2026-03-07T22:00:00-05:00")

    assert answer.status_code == 201 and answer.json["warnings"] == []


def test_a_check_with_bad_input_names_the_fields(web, signed_in, clinician_id, client_id):
    answer = web.post(
        "/api/v1/staff/appointments/check",
        json=body(clinician_id, client_id, "2026-03-04T10:00:00", duration_minutes=2),
        headers=signed_in("front_desk"),
    )

    assert answer.status_code == 422 and {"starts_at", "duration_minutes"} <= set(answer.json["errors"])
