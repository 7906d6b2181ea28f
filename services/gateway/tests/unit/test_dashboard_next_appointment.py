"""The dashboard shows the client's next appointment first: asked of scheduling with the client's own
token, left out when the practice does not offer appointments, and scheduling being down leaves the
rest of the dashboard standing."""

import pytest
from gateway.adapters.upstream import timed_out

SETTINGS_URL = "http://identity.test/internal/practices/practice-1/settings"
APPOINTMENTS_URL = "http://scheduling.test/api/v1/appointments"


def appointment(number, starts_at):
    return {
        "id": f"appointment-{number}",
        "starts_at": starts_at,
        "ends_at": starts_at.replace(":00:00Z", ":50:00Z"),
        "time_zone": "America/New_York",
        "clinician_name": "Dana Reyes",
        "mode": "video",
        "location": None,
        "calendar_url": f"/api/v1/appointments/appointment-{number}/calendar",
        "type_name": "Couples session",
        "status": "booked",
    }


@pytest.fixture
def practice(upstream, json_answer):
    def features(**changes):
        upstream.answer("GET", SETTINGS_URL, json_answer(200, {"features": {"appointments": True, **changes}}))

    features()
    return features


@pytest.fixture
def client_token(issue_token):
    return issue_token("client", profile_id="client-1")


def dashboard(client, token):
    response = client.get("/api/v1/dashboard", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.json
    return response.json


def test_the_soonest_upcoming_appointment_comes_first(client, upstream, practice, client_token, json_answer):
    upcoming = [appointment(1, "2026-03-04T15:00:00Z"), appointment(2, "2026-03-11T15:00:00Z")]
    upstream.answer("GET", APPOINTMENTS_URL, json_answer(200, {"upcoming": upcoming, "past": []}))

    answer = dashboard(client, client_token)

    assert answer["next_appointment"]["id"] == "appointment-1"
    assert answer["next_appointment"]["clinician_name"] == "Dana Reyes"
    assert "type_name" not in answer["next_appointment"]
    (asked,) = [sent for sent in upstream.sent if sent.url == APPOINTMENTS_URL]
    assert asked.headers["Authorization"] == f"Bearer {client_token}"


def test_no_upcoming_appointment_is_none(client, upstream, practice, client_token, json_answer):
    upstream.answer(
        "GET", APPOINTMENTS_URL, json_answer(200, {"upcoming": [], "past": [appointment(1, "2026-01-01T15:00:00Z")]})
    )

    answer = dashboard(client, client_token)

    assert answer["next_appointment"] is None and answer["appointments_unavailable"] is False


def test_with_appointments_off_scheduling_is_not_asked(client, upstream, practice, client_token):
    practice(appointments=False)

    answer = dashboard(client, client_token)

    assert answer["next_appointment"] is None
    assert APPOINTMENTS_URL not in [sent.url for sent in upstream.sent]


@pytest.mark.parametrize("broken", ["slow", "nonsense"])
def test_scheduling_down_or_confused_leaves_the_rest(client, upstream, practice, client_token, json_answer, broken):
    def slow(_request):
        raise timed_out()

    upstream.answer("GET", APPOINTMENTS_URL, slow if broken == "slow" else json_answer(200, {"upcoming": [{}]}))

    answer = dashboard(client, client_token)

    assert answer["appointments_unavailable"] is True and answer["next_appointment"] is None
    assert answer["features"]["appointments"] is True
