"""A portal feature the practice turns off is refused at the gateway: its client paths answer 403
`feature-off` before any service is asked, and the client's dashboard lists it as off. The gateway
keeps a practice's features 10 seconds, so the test shifts the clock past that instead of waiting.

`messages` is used because its owner (messaging) exists; no service serves its client paths yet, so
with the feature on the same path is an unknown path (404) — see services/gateway/src/gateway/feature_paths.py."""

import datetime as dt

import pytest
import requests

pytestmark = pytest.mark.e2e
SETTINGS = "/api/v1/staff/practice/settings"
FEATURE_CACHE = dt.timedelta(seconds=11)


@pytest.fixture
def messages_feature(portal):
    """Turns the demo practice's Messages feature on or off; on again after the test."""

    def switch(on: bool) -> None:
        answer = portal.staff_session().patch(portal.url(SETTINGS), json={"features": {"messages": on}})
        assert answer.status_code == 200, answer.text
        assert answer.json()["features"]["messages"] is on

    yield switch
    switch(True)


def client_headers(portal, person):
    login = requests.post(
        portal.url("/api/v1/auth/login"), json={"email": person["email"], "password": person["password"]}, timeout=10
    )
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def test_a_feature_turned_off_answers_403_feature_off_on_its_paths(portal, clock, client_account, messages_feature):
    headers = client_headers(portal, client_account("Vida"))

    messages_feature(False)
    clock.shift_clock(FEATURE_CACHE)
    refused = requests.get(portal.url("/api/v1/messages/threads"), headers=headers, timeout=10)
    dashboard = requests.get(portal.url("/api/v1/dashboard"), headers=headers, timeout=10)

    assert refused.status_code == 403
    assert refused.headers["Content-Type"].startswith("application/problem+json")
    assert (refused.json()["code"], refused.json()["feature"]) == ("feature-off", "messages")
    assert dashboard.json()["features"]["messages"] is False
    assert dashboard.json()["tasks"] == []

    messages_feature(True)
    clock.shift_clock(FEATURE_CACHE)
    again = requests.get(portal.url("/api/v1/messages/threads"), headers=headers, timeout=10)

    assert again.status_code == 404
    assert again.json()["code"] == "not-found"
