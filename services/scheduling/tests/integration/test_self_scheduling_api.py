"""Self-scheduling: staff set a clinician's weekly hours and a bookable type; the client sees open slots
within the lead time and horizon and books one; two clients booking the same slot at once: one wins."""

import threading

import pytest


@pytest.fixture
def bookable(web, signed_in, clinician_id):
    """Dana sees clients Mondays and Wednesdays 9-12 (New York); 50-minute video sessions, 10-minute buffer."""
    web.put(
        f"/api/v1/staff/clinicians/{clinician_id}/availability",
        json={
            "display_name": "Dana Reyes",
            "windows": [
                {"weekday": 0, "starts": "09:00", "ends": "12:00"},
                {"weekday": 2, "starts": "09:00", "ends": "12:00"},
            ],
        },
        headers=signed_in("front_desk"),
    )
    kind = web.post(
        "/api/v1/staff/appointment-types",
        json={"name": "Individual session", "duration_minutes": 50, "buffer_minutes": 10, "mode": "video"},
        headers=signed_in("owner"),
    )
    assert kind.status_code == 201, kind.json
    return kind.json["id"]


def slots(web, headers, clinician_id, type_id, **query):
    params = {"clinician_id": clinician_id, "type_id": type_id, **query}
    return web.get("/api/v1/booking/slots", query_string=params, headers=headers)


def test_the_client_sees_open_slots_after_the_lead_time(web, as_client, clinician_id, bookable):
    # Now: Monday 2 March 08:00 New York; the lead time of 24 hours leaves Monday out.
    options = web.get("/api/v1/booking/options", headers=as_client)
    seen = slots(web, as_client, clinician_id, bookable, to="2026-03-10T00:00:00Z")

    assert options.json["clinicians"] == [{"id": clinician_id, "name": "Dana Reyes"}]
    assert [t["id"] for t in options.json["types"]] == [bookable]
    assert seen.json["slots"] == [
        "2026-03-04T14:00:00Z",
        "2026-03-04T15:00:00Z",
        "2026-03-04T16:00:00Z",
        "2026-03-09T13:00:00Z",
        "2026-03-09T14:00:00Z",
        "2026-03-09T15:00:00Z",  # after the spring change
    ]


def test_booking_a_slot_takes_it_and_publishes_booked(web, as_client, clinician_id, bookable, events, client_id):
    booked = web.post(
        "/api/v1/booking/appointments",
        json={"clinician_id": clinician_id, "type_id": bookable, "starts_at": "2026-03-04T15:00:00Z"},
        headers=as_client,
    )
    seen = slots(web, as_client, clinician_id, bookable, to="2026-03-05T00:00:00Z")

    assert booked.status_code == 201, booked.json
    assert booked.json["client_id"] == client_id and booked.json["type_name"] == "Individual session"
    assert seen.json["slots"] == ["2026-03-04T14:00:00Z", "2026-03-04T16:00:00Z"]
    assert len(events("scheduling.appointment.booked")) == 1


def test_a_time_that_is_not_an_open_slot_cannot_be_booked(web, as_client, clinician_id, bookable):
    for start in ("2026-03-04T14:30:00Z", "2026-03-02T14:00:00Z", "2026-06-01T13:00:00Z"):
        answer = web.post(
            "/api/v1/booking/appointments",
            json={"clinician_id": clinician_id, "type_id": bookable, "starts_at": start},
            headers=as_client,
        )
        assert answer.status_code == 409, start


def test_the_horizon_ends_the_slots(web, as_client, signed_in, clinician_id, bookable):
    web.patch("/api/v1/staff/scheduling/settings", json={"booking_horizon_days": 3}, headers=signed_in("owner"))

    seen = slots(web, as_client, clinician_id, bookable, to="2026-03-20T00:00:00Z")

    assert seen.json["slots"] == ["2026-03-04T14:00:00Z", "2026-03-04T15:00:00Z", "2026-03-04T16:00:00Z"]


def test_bad_settings_and_types_name_their_fields(web, signed_in):
    settings = web.patch(
        "/api/v1/staff/scheduling/settings", json={"time_zone": "Mars/Base"}, headers=signed_in("owner")
    )
    kind = web.post(
        "/api/v1/staff/appointment-types",
        json={"name": "", "duration_minutes": 1, "mode": "x"},
        headers=signed_in("owner"),
    )
    clinician = web.patch(
        "/api/v1/staff/scheduling/settings", json={"booking_lead_hours": 1}, headers=signed_in("clinician")
    )

    assert settings.status_code == 422 and "time_zone" in settings.json["errors"]
    assert kind.status_code == 422 and {"name", "duration_minutes", "mode"} <= set(kind.json["errors"])
    assert clinician.status_code == 403


def test_two_clients_booking_the_same_slot_at_the_same_instant(
    app, signed_in, identity, practice, clinician_id, bookable, events
):
    """Each request on its own thread and database connection; on PostgreSQL they truly overlap."""
    headers = [signed_in("client", profile_id=identity.add_client(practice)) for _ in range(2)]
    start, answers = threading.Barrier(2), []

    def client_books(own_headers):
        web = app.test_client()
        start.wait()
        answers.append(
            web.post(
                "/api/v1/booking/appointments",
                json={"clinician_id": clinician_id, "type_id": bookable, "starts_at": "2026-03-04T15:00:00Z"},
                headers=own_headers,
            )
        )

    threads = [threading.Thread(target=client_books, args=(h,)) for h in headers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(a.status_code for a in answers) == [201, 409]
    assert len(events("scheduling.appointment.booked")) == 1
