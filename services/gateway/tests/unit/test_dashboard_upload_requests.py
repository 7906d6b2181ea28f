"""The files the practice asked the client for are tasks on the dashboard until sent: asked of messaging
with the client's own token, left out when the practice does not offer uploads, and messaging being down
leaves the rest of the dashboard standing."""

import pytest
from gateway.adapters.upstream import unavailable

SETTINGS_URL = "http://identity.test/internal/practices/practice-1/settings"
REQUESTS_URL = "http://messaging.test/api/v1/upload-requests"
FORMS_URL = "http://forms.test/api/v1/assignments"
OPEN = {"id": "req-1", "title": "Please upload a photo ID", "status": "open", "due_on": "2026-01-09"}
FULFILLED = {"id": "req-2", "title": "Referral letter", "status": "fulfilled", "due_on": None}


@pytest.fixture
def practice(upstream, json_answer):
    def features(**changes):
        upstream.answer("GET", SETTINGS_URL, json_answer(200, {"features": {"uploads": True, **changes}}))

    features()
    upstream.answer("GET", FORMS_URL, json_answer(200, {"items": []}))
    return features


def dashboard(client, token):
    response = client.get("/api/v1/dashboard", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.json
    return response.json


def test_each_open_request_is_a_task_opening_my_uploads(client, upstream, practice, issue_token, json_answer):
    token = issue_token("client", profile_id="client-1")
    upstream.answer("GET", REQUESTS_URL, json_answer(200, {"items": [OPEN, FULFILLED], "open": 1}))

    answer = dashboard(client, token)

    assert answer["tasks"] == [
        {
            "id": "req-1",
            "kind": "upload",
            "title": "Please upload a photo ID",
            "status": "pending",
            "due_on": "2026-01-09",
            "completed_at": None,
            "signed_by_you": False,
            "for_someone_else": False,
            "url": "/documents#request-req-1",
        }
    ]
    (asked,) = [sent for sent in upstream.sent if sent.url == REQUESTS_URL]
    assert asked.headers["Authorization"] == f"Bearer {token}"


def test_with_uploads_off_messaging_is_not_asked(client, upstream, practice, issue_token):
    practice(uploads=False)

    answer = dashboard(client, issue_token("client", profile_id="client-1"))

    assert (answer["tasks"], answer["upload_requests_unavailable"]) == ([], False)
    assert REQUESTS_URL not in [sent.url for sent in upstream.sent]


@pytest.mark.parametrize("body", [None, {"items": "open"}, {"open": 1}])
def test_messaging_down_or_unreadable_leaves_the_rest_of_the_dashboard(
    client, upstream, practice, issue_token, json_answer, body
):
    def fail(_request):
        raise unavailable()

    upstream.answer("GET", REQUESTS_URL, fail if body is None else json_answer(200, body))

    answer = dashboard(client, issue_token("client", profile_id="client-1"))

    assert (answer["tasks"], answer["upload_requests_unavailable"], answer["tasks_unavailable"]) == ([], True, False)


def test_staff_have_no_requested_uploads(client, upstream, practice, issue_token):
    assert dashboard(client, issue_token("owner"))["tasks"] == []
    assert REQUESTS_URL not in [sent.url for sent in upstream.sent]
