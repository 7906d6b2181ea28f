"""The client sees their upcoming and past appointments with clinician and place, downloads a calendar
file for one, and subscribes to a private feed they can turn off."""

import uuid


def test_upcoming_soonest_first_and_past_latest_first(web, book, as_client, signed_in):
    past = book("2026-03-02T11:00:00Z").json["items"][0]  # ended 70 minutes before the clock's now
    later = book("2026-03-11T15:00:00Z", mode="in_person", location="12 Main St").json["items"][0]
    sooner = book("2026-03-04T15:00:00Z").json["items"][0]
    cancelled = book("2026-03-05T15:00:00Z").json["items"][0]
    web.post(f"/api/v1/staff/appointments/{cancelled['id']}/cancel", json={"by": "practice"}, headers=signed_in())

    seen = web.get("/api/v1/appointments", headers=as_client)

    assert seen.status_code == 200
    assert [a["id"] for a in seen.json["upcoming"]] == [sooner["id"], later["id"]]
    assert [a["id"] for a in seen.json["past"]] == [cancelled["id"], past["id"]]
    assert seen.json["upcoming"][1]["location"] == "12 Main St"
    assert seen.json["upcoming"][0]["mode"] == "video" and seen.json["time_zone"] == "America/New_York"


def test_the_clinicians_name_is_the_one_staff_set(web, book, as_client, signed_in, clinician_id):
    web.put(
        f"/api/v1/staff/clinicians/{clinician_id}/availability",
        json={"display_name": "Dana Reyes, LCSW", "windows": []},
        headers=signed_in("owner"),
    )
    book("2026-03-04T15:00:00Z")

    [seen] = web.get("/api/v1/appointments", headers=as_client).json["upcoming"]

    assert seen["clinician_name"] == "Dana Reyes, LCSW"


def test_a_clinician_not_named_yet_is_your_clinician_to_the_client_never_an_id(
    web, book, as_client, signed_in, clinician_id
):
    made = book("2026-03-04T15:00:00Z").json["items"][0]

    [seen] = web.get("/api/v1/appointments", headers=as_client).json["upcoming"]
    file = web.get(f"/api/v1/appointments/{made['id']}/calendar", headers=as_client).get_data(as_text=True)
    staff_view = web.get(f"/api/v1/staff/appointments/{made['id']}", headers=signed_in()).json

    assert seen["clinician_name"] == "Your clinician"
    assert "SUMMARY:Video appointment with your clinician" in file and clinician_id not in file
    assert staff_view["clinician_name"] == "" and staff_view["clinician_id"] == clinician_id


def test_a_calendar_file_for_one_appointment(web, book, as_client):
    made = book("2026-03-04T15:00:00Z", mode="in_person", location="12 Main St").json["items"][0]

    file = web.get(f"/api/v1/appointments/{made['id']}/calendar", headers=as_client)

    assert file.status_code == 200 and file.mimetype == "text/calendar"
    assert "attachment" in file.headers["Content-Disposition"]
    text = file.get_data(as_text=True)
    assert "DTSTART:20260304T150000Z" in text and "LOCATION:12 Main St" in text
    assert "Individual session" not in text


def test_another_client_cannot_download_it(web, book, signed_in, identity, practice):
    made = book("2026-03-04T15:00:00Z").json["items"][0]
    someone_else = signed_in("client", profile_id=identity.add_client(practice))

    assert web.get(f"/api/v1/appointments/{made['id']}/calendar", headers=someone_else).status_code == 404
    assert web.get("/api/v1/appointments", headers=someone_else).json["upcoming"] == []


def test_a_private_feed_works_until_revoked_and_a_new_one_replaces_it(web, book, as_client, engine):
    book("2026-03-04T15:00:00Z")

    opened = web.post("/api/v1/appointments/calendar-feed", headers=as_client)
    token = opened.json["url"].rsplit("/", 1)[1]
    feed = web.get(f"/api/v1/calendar-feeds/{token}")
    state = web.get("/api/v1/appointments/calendar-feed", headers=as_client)
    replaced = web.post("/api/v1/appointments/calendar-feed", headers=as_client)
    old = web.get(f"/api/v1/calendar-feeds/{token}")
    new_token = replaced.json["url"].rsplit("/", 1)[1]
    revoked = web.delete("/api/v1/appointments/calendar-feed", headers=as_client)

    assert opened.status_code == 201 and opened.json["url"].startswith("https://portal.example/api/v1/calendar-feeds/")
    assert len(token) >= 43
    assert feed.status_code == 200 and "DTSTART:20260304T150000Z" in feed.get_data(as_text=True)
    assert state.json["active"] is True and state.json["url"] is None
    assert old.status_code == 404
    assert revoked.status_code == 204
    assert web.get(f"/api/v1/calendar-feeds/{new_token}").status_code == 404
    assert web.get("/api/v1/appointments/calendar-feed", headers=as_client).json["active"] is False
    with engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT token_sha256 FROM calendar_feeds").scalars().all()
    assert token not in stored and new_token not in stored


def test_while_the_practice_has_appointments_off_the_feed_is_an_empty_calendar_until_they_are_back(
    web, book, as_client, identity
):
    book("2026-03-04T15:00:00Z")
    token = web.post("/api/v1/appointments/calendar-feed", headers=as_client).json["url"].rsplit("/", 1)[1]

    identity.features_off.add("appointments")
    while_off = web.get(f"/api/v1/calendar-feeds/{token}")
    identity.features_off.clear()
    back_on = web.get(f"/api/v1/calendar-feeds/{token}")

    assert while_off.status_code == 200 and while_off.mimetype == "text/calendar"
    text = while_off.get_data(as_text=True)
    assert "BEGIN:VCALENDAR" in text and "VEVENT" not in text and "20260304" not in text
    assert back_on.status_code == 200 and "DTSTART:20260304T150000Z" in back_on.get_data(as_text=True)


def test_staff_have_no_client_view(web, signed_in):
    assert web.get("/api/v1/appointments", headers=signed_in("owner")).status_code == 403


def test_a_feed_ends_for_good_when_the_account_that_opened_it_can_no_longer_open_the_profile(
    web, book, signed_in, client_id, identity
):
    book("2026-03-04T15:00:00Z")
    guardian = str(uuid.uuid4())
    as_guardian = signed_in("client", profile_id=client_id, account_id=guardian)
    token = web.post("/api/v1/appointments/calendar-feed", headers=as_guardian).json["url"].rsplit("/", 1)[1]
    assert web.get(f"/api/v1/calendar-feeds/{token}").status_code == 200

    identity.access_ended.add((client_id, guardian))
    ended = web.get(f"/api/v1/calendar-feeds/{token}")
    identity.access_ended.clear()  # linked again later: the old address stays dead
    again = web.get(f"/api/v1/calendar-feeds/{token}")

    assert (ended.status_code, again.status_code) == (404, 404)
    assert "20260304" not in ended.get_data(as_text=True)
    assert web.get("/api/v1/appointments/calendar-feed", headers=as_guardian).json["active"] is False
