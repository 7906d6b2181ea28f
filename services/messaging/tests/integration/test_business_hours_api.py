"""Owners and admins set the practice's business hours and automatic reply; a client writing outside
them gets the reply in the thread once until staff answer; inside them, none. On SQLite and PostgreSQL."""

import pytest

SETTINGS = "/api/v1/staff/messaging/settings"
REPLY = "We read messages on weekdays 9-5. For emergencies call 911."
WEEKDAYS = [{"weekday": day, "starts": "09:00", "ends": "17:00"} for day in range(5)]


@pytest.fixture
def owner(person):
    return person("owner")


@pytest.fixture
def new_york_hours(web, owner):
    body = {"time_zone": "America/New_York", "hours": WEEKDAYS, "auto_reply": REPLY}
    answer = web.put(SETTINGS, json=body, headers=owner.headers)
    assert answer.status_code == 200, answer.json
    return answer.json


def texts(web, who, thread_id):
    return [
        (m["sender_side"], m["text"])
        for m in web.get(f"/api/v1/threads/{thread_id}", headers=who.headers).json["messages"]
    ]


def test_the_hours_are_kept_and_read_back(web, new_york_hours, dana):
    # The test clock: Monday 5 January 2026, 09:00 UTC, 04:00 in New York.
    assert new_york_hours["open_now"] is False
    assert web.get(SETTINGS, headers=dana.headers).json == new_york_hours | {"open_now": False}


def test_a_client_writing_at_night_gets_the_reply_once_until_staff_answer(web, new_york_hours, ana, dana, clock):
    started = web.post("/api/v1/threads", json={"subject": "Tonight", "text": "Are you there?"}, headers=ana.headers)
    thread_id = started.json["id"]
    clock.advance(minutes=1)
    web.post(f"/api/v1/threads/{thread_id}/messages", json={"text": "Still there?"}, headers=ana.headers)

    assert texts(web, ana, thread_id) == [("client", "Are you there?"), ("practice", REPLY), ("client", "Still there?")]
    assert web.get("/api/v1/messages/unread", headers=ana.headers).json == {"unread": 1}

    clock.advance(minutes=1)
    web.post(f"/api/v1/staff/threads/{thread_id}/messages", json={"text": "Here now."}, headers=dana.headers)
    clock.advance(minutes=1)
    web.post(f"/api/v1/threads/{thread_id}/messages", json={"text": "Thanks"}, headers=ana.headers)

    assert [side for side, _ in texts(web, ana, thread_id)] == [
        "client",
        "practice",
        "client",
        "staff",
        "client",
        "practice",
    ]


def test_inside_business_hours_no_automatic_reply(web, owner, ana):
    early = [{"weekday": 0, "starts": "04:00", "ends": "05:00"}]  # Monday, the hour the test clock is in
    body = {"time_zone": "America/New_York", "hours": early, "auto_reply": REPLY}
    assert web.put(SETTINGS, json=body, headers=owner.headers).json["open_now"] is True

    started = web.post("/api/v1/threads", json={"subject": "Morning", "text": "Hello"}, headers=ana.headers)

    assert [m["sender_side"] for m in started.json["messages"]] == ["client"]


def test_only_owners_and_admins_set_hours_and_bad_hours_change_nothing(web, new_york_hours, dana, owner):
    body = {"time_zone": "UTC", "hours": [], "auto_reply": None}
    assert web.put(SETTINGS, json=body, headers=dana.headers).status_code == 403

    bad = {
        "time_zone": "Mars/Olympus",
        "hours": [{"weekday": 9, "starts": "17:00", "ends": "09:00"}],
        "auto_reply": "x",
    }
    refused = web.put(SETTINGS, json=bad, headers=owner.headers)
    assert (refused.status_code, refused.content_type) == (422, "application/problem+json")
    assert "hours.0.weekday" in refused.json["errors"]
    backwards = {"time_zone": "Mars/Olympus", "hours": WEEKDAYS, "auto_reply": "x"}
    assert list(web.put(SETTINGS, json=backwards, headers=owner.headers).json["errors"]) == ["time_zone"]
    assert web.get(SETTINGS, headers=owner.headers).json == new_york_hours
