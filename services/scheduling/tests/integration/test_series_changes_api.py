"""Staff move a whole series, or this occurrence and those that follow: a new time kept on the
practice's wall clock across daylight saving, a new length or clinician; one rescheduled event per
moved occurrence; all or nothing when one would meet another appointment."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

NEW_YORK = ZoneInfo("America/New_York")
# Weekly at 10:00 New York from Monday 2 March (the clock stands at 2 March 08:00): 2, 9 (after the
# spring change), 16 and 23 March.
FIRST = "2026-03-02T10:00:00-05:00"


def local(items):
    return [dt.datetime.fromisoformat(i["starts_at"]).astimezone(NEW_YORK).strftime("%m-%d %H:%M") for i in items]


@pytest.fixture
def weekly(book):
    answer = book(FIRST, repeat={"every_weeks": 1, "count": 4})
    assert answer.status_code == 201, answer.json
    return answer.json["items"]


@pytest.fixture
def move_series(web, signed_in):
    def move_series(appointment, **body):
        path = f"/api/v1/staff/appointments/{appointment['id']}/move-series"
        return web.post(path, json=body, headers=signed_in("front_desk"))

    return move_series


def calendar_of(web, signed_in, clinician_id=None):
    query = "from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z"
    if clinician_id:
        query += f"&clinician_id={clinician_id}"
    return web.get(f"/api/v1/staff/appointments?{query}", headers=signed_in()).json["items"]


def test_the_whole_series_moves_to_eleven_thirty_on_the_wall_on_both_sides_of_the_change(
    weekly, move_series, events, web, signed_in
):
    answer = move_series(weekly[1], scope="series", starts_at="2026-03-09T11:30:00-04:00", duration_minutes=45)

    assert answer.status_code == 200, answer.json
    assert local(answer.json["items"]) == ["03-02 11:30", "03-09 11:30", "03-16 11:30", "03-23 11:30"]
    assert [i["starts_at"][11:16] for i in answer.json["items"]] == ["16:30", "15:30", "15:30", "15:30"]
    assert {i["duration_minutes"] for i in answer.json["items"]} == {45}
    assert local(calendar_of(web, signed_in)) == ["03-02 11:30", "03-09 11:30", "03-16 11:30", "03-23 11:30"]
    moved = events("scheduling.appointment.rescheduled")
    assert sorted(e.data["appointment_id"] for e in moved) == sorted(a["id"] for a in weekly)
    assert {e.data["previous_starts_at"][11:16] for e in moved} == {"15:00", "14:00"}


def test_this_and_following_moves_the_later_ones_to_another_clinician_as_a_series_of_their_own(
    weekly, move_series, events, identity, practice, web, signed_in, clinician_id
):
    other = identity.add_clinician(practice, "sam@example.org")

    answer = move_series(weekly[2], scope="following", starts_at="2026-03-17T09:00:00-04:00", clinician_id=other)

    assert answer.status_code == 200, answer.json
    assert local(answer.json["items"]) == ["03-17 09:00", "03-24 09:00"]
    assert {i["clinician_id"] for i in answer.json["items"]} == {other}
    assert len({i["series_id"] for i in answer.json["items"]}) == 1
    assert answer.json["items"][0]["series_id"] != weekly[0]["series_id"]
    assert local(calendar_of(web, signed_in, clinician_id)) == ["03-02 10:00", "03-09 10:00"]
    moved = events("scheduling.appointment.rescheduled")
    assert [(e.data["clinician_id"], e.data["previous_clinician_id"]) for e in moved] == [(other, clinician_id)] * 2


def test_occurrences_that_started_or_were_cancelled_stay_as_they_are(
    weekly, move_series, clock, web, signed_in, events
):
    web.post(f"/api/v1/staff/appointments/{weekly[2]['id']}/cancel", json={"by": "practice"}, headers=signed_in())
    clock.advance(seconds=3 * 24 * 3600)  # 5 March: the first occurrence is over

    answer = move_series(weekly[1], scope="series", starts_at="2026-03-09T12:00:00-04:00")

    assert local(answer.json["items"]) == ["03-09 12:00", "03-23 12:00"]
    statuses = {a["id"]: (a["status"], local([a])[0]) for a in calendar_of(web, signed_in)}
    assert statuses[weekly[0]["id"]] == ("booked", "03-02 10:00")
    assert statuses[weekly[2]["id"]] == ("cancelled", "03-16 10:00")
    assert len(events("scheduling.appointment.rescheduled")) == 2


def test_a_week_later_each_takes_the_next_ones_old_start_without_tripping_over_it(weekly, move_series):
    answer = move_series(weekly[0], scope="series", starts_at="2026-03-09T10:00:00-04:00")

    assert answer.status_code == 200, answer.json
    assert local(answer.json["items"]) == ["03-09 10:00", "03-16 10:00", "03-23 10:00", "03-30 10:00"]


def test_one_occurrence_meeting_another_appointment_refuses_the_whole_move(
    weekly, move_series, book, events, web, signed_in
):
    book("2026-03-23T11:00:00-04:00", client_id=weekly[0]["client_id"])

    answer = move_series(weekly[0], scope="series", starts_at="2026-03-02T11:00:00-05:00")

    assert answer.status_code == 409 and answer.json["code"] == "slot-taken"
    assert answer.json["starts_at"] == "2026-03-23T15:00:00Z"
    assert events("scheduling.appointment.rescheduled") == []
    assert local(calendar_of(web, signed_in))[:4] == ["03-02 10:00", "03-09 10:00", "03-16 10:00", "03-23 10:00"]


def test_bad_input_names_the_fields_and_changes_nothing(weekly, move_series, book, events):
    single = book("2026-03-05T10:00:00-05:00").json["items"][0]

    no_scope = move_series(weekly[0], starts_at="2026-03-02T11:00:00-05:00", colour="red")
    not_a_series = move_series(single, scope="series", starts_at="2026-03-05T11:00:00-05:00")
    unknown_clinician = move_series(weekly[0], scope="series", starts_at=FIRST, clinician_id="nobody")
    too_long = move_series(weekly[0], scope="series", starts_at=FIRST, duration_minutes=600)

    assert no_scope.status_code == 422 and {"scope", "colour"} <= set(no_scope.json["errors"])
    assert not_a_series.status_code == 422 and "scope" in not_a_series.json["errors"]
    assert unknown_clinician.status_code == 422 and "clinician_id" in unknown_clinician.json["errors"]
    assert too_long.status_code == 422 and "duration_minutes" in too_long.json["errors"]
    assert events("scheduling.appointment.rescheduled") == []


def test_another_practice_cannot_move_the_series(weekly, web, signed_in):
    answer = web.post(
        f"/api/v1/staff/appointments/{weekly[0]['id']}/move-series",
        json={"scope": "series", "starts_at": FIRST},
        headers=signed_in("owner", practice_id="another-practice"),
    )

    assert answer.status_code == 404
