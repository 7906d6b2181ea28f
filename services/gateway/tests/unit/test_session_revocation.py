"""A session ended at identity (sign-out elsewhere, password change, disabled account) stops working
at the gateway on its very next request, even though its access token has not expired."""

import pytest
from gateway.adapters.upstream import UpstreamAnswer

SESSION_URL = "http://identity.test/internal/sessions/"


def assert_session_ended(response):
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.json["code"] == "session-ended"


def test_every_token_checked_request_asks_identity_about_its_session(client, upstream, issue_token):
    token = issue_token(role="client", sid="session-42")

    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200
    check = upstream.session_checks[-1]
    assert check.method == "GET"
    assert check.url == SESSION_URL + "session-42"
    assert check.headers["X-Internal-Token"] == "internal-secret"
    assert check.headers["X-Correlation-ID"] == upstream.last.headers["X-Correlation-ID"]


def test_a_revoked_session_fails_its_very_next_call_and_reaches_no_service(client, upstream, issue_token):
    headers = {"Authorization": f"Bearer {issue_token(role='client', sid='session-42')}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    upstream.sent.clear()

    upstream.ended_sessions.add("session-42")
    response = client.get("/api/v1/me", headers=headers)

    assert_session_ended(response)
    assert upstream.sent == []


def test_nothing_is_remembered_between_requests(client, upstream, issue_token):
    headers = {"Authorization": f"Bearer {issue_token(sid='session-7')}"}

    for _ in range(3):
        client.get("/api/v1/staff/clients", headers=headers)

    assert len(upstream.session_checks) == 3


def test_a_session_identity_does_not_know_has_ended(client, upstream, issue_token, json_answer):
    upstream.answer("GET", SESSION_URL + "gone", json_answer(404, {"code": "not-found"}))

    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {issue_token(sid='gone')}"})

    assert_session_ended(response)
    assert upstream.sent == []


def test_a_token_naming_no_session_is_refused_without_asking(client, upstream, issue_token):
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {issue_token(sid=None)}"})

    assert_session_ended(response)
    assert upstream.session_checks == []
    assert upstream.sent == []


def test_a_browser_session_ended_elsewhere_fails_through_its_cookie_too(client, upstream, issue_token):
    client.set_cookie("portal_access", issue_token(role="client", sid="browser-1"))
    upstream.ended_sessions.add("browser-1")

    response = client.get("/api/v1/me/sessions")

    assert_session_ended(response)
    assert upstream.sent == []


@pytest.mark.parametrize(
    ("answer", "status", "code"),
    [
        (UpstreamAnswer(403, {}, b'{"code": "forbidden"}'), 503, "upstream-unavailable"),
        (UpstreamAnswer(500, {}, b""), 503, "upstream-unavailable"),
        (UpstreamAnswer(200, {"Content-Type": "application/json"}, b"not json"), 502, "bad-gateway"),
        (UpstreamAnswer(200, {"Content-Type": "application/json"}, b'{"active": "yes"}'), 502, "bad-gateway"),
    ],
)
def test_when_identity_cannot_say_the_caller_is_asked_to_retry_not_signed_out(
    client, upstream, issue_token, answer, status, code
):
    upstream.answer("GET", SESSION_URL + "session-1", answer)

    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {issue_token()}"})

    assert response.status_code == status
    assert response.json["code"] == code
    assert upstream.sent == []


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/v1/auth/login"),
        ("POST", "/api/v1/auth/logout"),
        ("POST", "/api/v1/auth/link/consume"),
        ("POST", "/api/v1/auth/pin"),
        ("GET", "/api/v1/invitations/some-token"),
    ],
)
def test_paths_that_need_no_token_do_not_ask_about_a_session(client, upstream, issue_token, method, path):
    upstream.ended_sessions.add("session-1")

    response = client.open(path, method=method, json={}, headers={"Authorization": f"Bearer {issue_token()}"})

    assert response.status_code == 200
    assert upstream.session_checks == []
