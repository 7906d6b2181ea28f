"""Two-step sign-in and practice settings through the gateway: the challenge is answered without a
token and, when it succeeds, starts the browser session exactly like a login; a challenge answer
starts nothing. Setting it up, resetting it and the practice's settings need a signed-in person."""

import json
import uuid

import pytest

CLIENT_ID = str(uuid.uuid4())
TOKENS = {"access_token": "access.jwt", "refresh_token": "refresh-1", "token_type": "Bearer", "expires_in": 900}
CHALLENGE = {"mfa_required": True, "challenge_id": "c-1", "methods": ["totp", "recovery_code"]}
WEB = {"X-Portal-Client": "web"}


def cookie_names(response):
    return {header.split("=", 1)[0] for header in response.headers.getlist("Set-Cookie")}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/me/2fa"),
        ("DELETE", "/api/v1/me/2fa"),
        ("POST", "/api/v1/me/2fa/totp"),
        ("POST", "/api/v1/me/2fa/totp/confirm"),
        ("POST", "/api/v1/me/2fa/sms"),
        ("POST", "/api/v1/me/2fa/sms/confirm"),
        ("POST", f"/api/v1/staff/clients/{CLIENT_ID}/2fa/reset"),
        ("GET", "/api/v1/staff/practice/settings"),
        ("PATCH", "/api/v1/staff/practice/settings"),
    ],
)
def test_setting_up_resetting_and_practice_settings_go_to_identity_with_a_token(
    client, upstream, staff_headers, method, path
):
    without = client.open(path, method=method, json={})
    assert without.status_code == 401
    assert upstream.sent == []

    response = client.open(path, method=method, headers=staff_headers, json={})

    assert response.status_code == 200
    assert (upstream.last.method, upstream.last.url) == (method, f"http://identity.test{path}")
    assert upstream.last.headers["Authorization"] == staff_headers["Authorization"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/v1/auth/mfa"),
        ("POST", "/api/v1/auth/mfa/sms"),
        ("GET", "/api/v1/practices/practice-1/public-profile"),
    ],
)
def test_answering_a_challenge_and_the_public_profile_need_no_token(client, upstream, method, path):
    upstream.ended_sessions.add("session-1")

    response = client.open(path, method=method, json={})

    assert response.status_code == 200
    assert upstream.last.url == f"http://identity.test{path}"
    assert upstream.session_checks == []


def test_a_right_code_starts_the_browser_session_like_a_login(client, upstream, json_answer):
    upstream.answer("POST", "http://identity.test/api/v1/auth/mfa", json_answer(200, TOKENS))
    body = {"challenge_id": "c-1", "method": "totp", "code": "123456"}

    response = client.post("/api/v1/auth/mfa", json=body, headers=WEB)

    assert response.status_code == 200
    assert response.json == {"token_type": "Bearer", "expires_in": 900}
    assert cookie_names(response) == {"portal_access", "portal_refresh", "portal_csrf"}
    assert json.loads(upstream.last.body) == body


def test_an_api_client_answering_the_challenge_gets_the_tokens(client, upstream, json_answer):
    upstream.answer("POST", "http://identity.test/api/v1/auth/mfa", json_answer(200, TOKENS))

    response = client.post("/api/v1/auth/mfa", json={})

    assert response.json == TOKENS


@pytest.mark.parametrize("path", ["/api/v1/auth/login", "/api/v1/auth/link/consume", "/api/v1/auth/pin"])
def test_a_challenge_instead_of_tokens_sets_no_cookie_and_is_passed_on_whole(client, upstream, json_answer, path):
    upstream.answer("POST", f"http://identity.test{path}", json_answer(200, CHALLENGE))

    response = client.post(path, json={}, headers=WEB)

    assert response.status_code == 200
    assert response.json == CHALLENGE
    assert response.headers.getlist("Set-Cookie") == []


def test_a_wrong_code_sets_no_cookie(client, upstream, json_answer):
    problem = {"code": "invalid-code", "status": 401}
    upstream.answer("POST", "http://identity.test/api/v1/auth/mfa", json_answer(401, problem))

    response = client.post("/api/v1/auth/mfa", json={}, headers=WEB)

    assert response.status_code == 401
    assert response.json["code"] == "invalid-code"
    assert response.headers.getlist("Set-Cookie") == []


def test_the_public_profile_is_not_for_writing(client, upstream):
    response = client.post("/api/v1/practices/practice-1/public-profile", json={})

    assert response.status_code == 401
    assert upstream.sent == []
