"""Joining a video appointment: the portal's join path is listed for the client and the appointment's
clinician only, from 10 minutes before the start until the end, and never while the practice has
telehealth off; the path sends them on to the room. The room's name is random and appears nowhere
else (test_video_room_entry.py: who the path lets in, and their tokens)."""

import datetime as dt
import re

import pytest
from portalkit.testing import outbox_events

START = "2026-03-04T15:00:00Z"  # the clock stands at 2 March 13:00 UTC


@pytest.fixture
def video_appointment(book):
    answer = book(START)
    assert answer.status_code == 201, answer.json
    return answer.json["items"][0]


@pytest.fixture
def seen_by_client(web, signed_in, client_id):
    """The client's appointments, asked with a token issued at the clock's now (it moves in these tests)."""

    def seen():
        return web.get("/api/v1/appointments", headers=signed_in("client", profile_id=client_id)).json

    return seen


def upcoming(seen_by_client):
    return seen_by_client()["upcoming"]


def move_clock_to(clock, moment):
    clock.advance(seconds=(dt.datetime.fromisoformat(moment) - clock.now()).total_seconds())


def test_the_join_link_appears_ten_minutes_before_and_goes_at_the_end(seen_by_client, clock, video_appointment):
    [early] = upcoming(seen_by_client)
    move_clock_to(clock, "2026-03-04T14:50:00+00:00")
    [opened] = upcoming(seen_by_client)
    move_clock_to(clock, "2026-03-04T15:49:59+00:00")
    [still] = upcoming(seen_by_client)
    move_clock_to(clock, "2026-03-04T15:50:00+00:00")
    after = seen_by_client()

    assert early["join_url"] is None and early["video_opens_at"] == "2026-03-04T14:50:00Z"
    assert opened["join_url"] == f"/api/v1/appointments/{opened['id']}/video"
    assert still["join_url"] == opened["join_url"]
    assert after["upcoming"] == [] and after["past"][0]["join_url"] is None


def test_each_video_appointment_has_its_own_room_that_appears_nowhere_else(
    web, book, seen_by_client, signed_in, client_id, clock, engine
):
    first = book(START).json["items"][0]
    second = book("2026-03-04T16:00:00Z").json["items"][0]
    move_clock_to(clock, "2026-03-04T15:55:00+00:00")
    links = {a["id"]: a["join_url"] for a in upcoming(seen_by_client)}
    as_client = signed_in("client", profile_id=client_id)
    entered = web.get(links[second["id"]], headers=as_client)
    room = entered.headers["Location"].rsplit("/", 1)[1]

    file = web.get(f"/api/v1/appointments/{second['id']}/calendar", headers=as_client).get_data(as_text=True)
    staff_view = web.get(f"/api/v1/staff/appointments/{second['id']}", headers=signed_in()).get_data(as_text=True)

    with engine.connect() as connection:
        rooms = (
            connection.exec_driver_sql(
                f"SELECT video_room FROM appointments WHERE id IN ('{first['id']}', '{second['id']}')"
            )
            .scalars()
            .all()
        )
    assert first["id"] not in links  # it ended at 15:50
    assert entered.status_code == 303 and entered.headers["Location"].startswith("https://meet.jit.si/")
    assert re.fullmatch(r"[0-9a-f]{48}", room) and len(set(rooms)) == 2 and room in rooms
    assert room not in file and room not in staff_view
    assert all(room not in str(e.data) for e in outbox_events(engine))


def test_in_person_appointments_have_no_room(book, seen_by_client, clock):
    book(START, mode="in_person", location="Room 2")
    move_clock_to(clock, "2026-03-04T15:00:00+00:00")

    [seen] = upcoming(seen_by_client)

    assert seen["join_url"] is None and seen["video_opens_at"] is None


def test_moving_an_appointment_to_video_gives_it_a_room(web, book, seen_by_client, signed_in, clock):
    made = book(START, mode="in_person", location="Room 2").json["items"][0]
    web.post(
        f"/api/v1/staff/appointments/{made['id']}/move", json={"starts_at": START, "mode": "video"}, headers=signed_in()
    )
    move_clock_to(clock, "2026-03-04T14:55:00+00:00")

    [seen] = upcoming(seen_by_client)

    assert seen["mode"] == "video" and seen["join_url"]


def test_only_the_appointments_clinician_gets_the_link_among_staff(
    web, signed_in, clock, clinician_id, video_appointment
):
    move_clock_to(clock, "2026-03-04T14:55:00+00:00")
    week = "/api/v1/staff/appointments?from=2026-03-04T00:00:00Z&to=2026-03-05T00:00:00Z"

    [theirs] = web.get(week, headers=signed_in("clinician", account_id=clinician_id)).json["items"]
    [front_desk] = web.get(week, headers=signed_in("front_desk")).json["items"]

    assert theirs["join_url"] == f"/api/v1/staff/appointments/{theirs['id']}/video"
    assert front_desk["join_url"] is None


def test_no_link_while_the_practice_has_telehealth_off(seen_by_client, clock, identity, video_appointment):
    identity.features_off.add("telehealth")
    move_clock_to(clock, "2026-03-04T14:55:00+00:00")

    [seen] = upcoming(seen_by_client)

    assert seen["join_url"] is None


def test_a_cancelled_video_appointment_cannot_be_joined(web, seen_by_client, signed_in, clock, video_appointment):
    web.post(
        f"/api/v1/staff/appointments/{video_appointment['id']}/cancel", json={"by": "practice"}, headers=signed_in()
    )
    move_clock_to(clock, "2026-03-04T14:55:00+00:00")

    seen = seen_by_client()

    assert seen["upcoming"] == [] and seen["past"][0]["join_url"] is None
