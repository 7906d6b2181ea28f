"""The dashboard shows how many documents from the practice wait for the client (not opened, or not
acknowledged as asked): asked of messaging with the client's own token, left out when the practice does
not offer documents, and messaging being down leaves the rest of the dashboard standing."""

import pytest
from gateway.adapters.upstream import unavailable

SETTINGS_URL = "http://identity.test/internal/practices/practice-1/settings"
WAITING_URL = "http://messaging.test/api/v1/documents/waiting"


@pytest.fixture
def practice(upstream, json_answer):
    def features(**changes):
        upstream.answer("GET", SETTINGS_URL, json_answer(200, {"features": {"documents": True, **changes}}))

    features()
    return features


def dashboard(client, token):
    response = client.get("/api/v1/dashboard", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.json
    return response.json


def test_the_waiting_count_comes_from_messaging_with_the_clients_token(
    client, upstream, practice, issue_token, json_answer
):
    token = issue_token("client", profile_id="client-1")
    upstream.answer("GET", WAITING_URL, json_answer(200, {"waiting": 2}))

    answer = dashboard(client, token)

    assert (answer["documents_waiting"], answer["documents_unavailable"]) == (2, False)
    (asked,) = [sent for sent in upstream.sent if sent.url == WAITING_URL]
    assert asked.headers["Authorization"] == f"Bearer {token}"


def test_with_documents_off_messaging_is_not_asked(client, upstream, practice, issue_token):
    practice(documents=False)

    answer = dashboard(client, issue_token("client", profile_id="client-1"))

    assert (answer["documents_waiting"], answer["documents_unavailable"]) == (None, False)
    assert WAITING_URL not in [sent.url for sent in upstream.sent]


@pytest.mark.parametrize("body", [None, {"waiting": "2"}, {"unread": 2}])
def test_messaging_down_or_unreadable_leaves_the_rest_of_the_dashboard(
    client, upstream, practice, issue_token, json_answer, body
):
    def fail(_request):
        raise unavailable()

    upstream.answer("GET", WAITING_URL, fail if body is None else json_answer(200, body))

    answer = dashboard(client, issue_token("client", profile_id="client-1"))

    assert (answer["documents_waiting"], answer["documents_unavailable"]) == (None, True)
    assert answer["features"]["documents"] is True


def test_staff_get_no_count(client, upstream, practice, issue_token):
    assert dashboard(client, issue_token("owner"))["documents_waiting"] is None
    assert WAITING_URL not in [sent.url for sent in upstream.sent]
