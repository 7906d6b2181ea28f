"""The dashboard shows how many secure messages wait for the client: asked of messaging with the
client's own token, left out when the practice does not offer messages, and messaging being down
leaves the rest of the dashboard standing."""

import pytest
from gateway.adapters.upstream import timed_out, unavailable

SETTINGS_URL = "http://identity.test/internal/practices/practice-1/settings"
UNREAD_URL = "http://messaging.test/api/v1/messages/unread"


@pytest.fixture
def practice(upstream, json_answer):
    def features(**changes):
        upstream.answer("GET", SETTINGS_URL, json_answer(200, {"features": {"messages": True, **changes}}))

    features()
    return features


@pytest.fixture
def client_token(issue_token):
    return issue_token("client", profile_id="client-1")


def dashboard(client, token):
    response = client.get("/api/v1/dashboard", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.json
    return response.json


def test_the_unread_count_comes_from_messaging_with_the_clients_token(
    client, upstream, practice, client_token, json_answer
):
    upstream.answer("GET", UNREAD_URL, json_answer(200, {"unread": 3}))

    answer = dashboard(client, client_token)

    assert (answer["unread_messages"], answer["messages_unavailable"]) == (3, False)
    (asked,) = [sent for sent in upstream.sent if sent.url == UNREAD_URL]
    assert asked.headers["Authorization"] == f"Bearer {client_token}"


def test_with_messages_off_messaging_is_not_asked(client, upstream, practice, client_token):
    practice(messages=False)

    answer = dashboard(client, client_token)

    assert (answer["unread_messages"], answer["messages_unavailable"]) == (None, False)
    assert UNREAD_URL not in [sent.url for sent in upstream.sent]


@pytest.mark.parametrize("failure", [unavailable(), timed_out()])
def test_messaging_down_leaves_the_rest_of_the_dashboard(client, upstream, practice, client_token, failure):
    def fail(_request):
        raise failure

    upstream.answer("GET", UNREAD_URL, fail)

    answer = dashboard(client, client_token)

    assert (answer["unread_messages"], answer["messages_unavailable"]) == (None, True)
    assert answer["features"]["messages"] is True


@pytest.mark.parametrize("body", [{"unread": "3"}, {"unread": -1}, {"served": True}, ["unread"]])
def test_an_answer_that_cannot_be_a_count_is_messages_unavailable(
    client, upstream, practice, client_token, json_answer, body
):
    upstream.answer("GET", UNREAD_URL, json_answer(200, body))

    assert dashboard(client, client_token)["messages_unavailable"] is True


def test_staff_get_no_count(client, upstream, practice, issue_token):
    answer = dashboard(client, issue_token("owner"))

    assert answer["unread_messages"] is None
    assert UNREAD_URL not in [sent.url for sent in upstream.sent]
