"""Browsers keep their tokens in HttpOnly cookies and prove each unsafe request with the CSRF cookie."""

import json

import pytest

LOGIN = "http://identity.test/api/v1/auth/login"
REFRESH = "http://identity.test/api/v1/auth/refresh"
TOKENS = {"access_token": "access.jwt", "refresh_token": "refresh-1", "token_type": "Bearer", "expires_in": 900}
WEB = {"X-Portal-Client": "web"}


@pytest.fixture
def identity_signs_in(upstream, json_answer):
    upstream.answer("POST", LOGIN, json_answer(200, TOKENS))
    upstream.answer("POST", REFRESH, json_answer(200, {**TOKENS, "access_token": "access.renewed"}))


def cookie_headers(response):
    return {header.split("=", 1)[0]: header for header in response.headers.getlist("Set-Cookie")}


def signed_in_browser(client, issue_token):
    """A browser holding a valid access cookie, a refresh cookie and a CSRF cookie."""
    client.set_cookie("portal_access", issue_token("owner"))
    client.set_cookie("portal_refresh", "refresh-1", path="/api/v1/auth")
    client.set_cookie("portal_csrf", "csrf-value")
    return client


@pytest.mark.usefixtures("identity_signs_in")
def test_a_web_login_sets_the_three_cookies_and_the_page_never_sees_the_tokens(client):
    response = client.post("/api/v1/auth/login", json={"email": "a@example.org", "password": "pw"}, headers=WEB)

    assert response.status_code == 200
    assert response.json == {"token_type": "Bearer", "expires_in": 900}
    cookies = cookie_headers(response)
    assert cookies["portal_access"].startswith("portal_access=access.jwt;")
    assert "Max-Age=900" in cookies["portal_access"]
    for name, path in (("portal_access", "/"), ("portal_refresh", "/api/v1/auth")):
        for attribute in ("HttpOnly", "Secure", "SameSite=Strict", f"Path={path}"):
            assert attribute in cookies[name]
    assert "HttpOnly" not in cookies["portal_csrf"]
    assert "SameSite=Strict" in cookies["portal_csrf"]
    assert len(cookies["portal_csrf"].split(";")[0]) > len("portal_csrf=") + 40


@pytest.mark.usefixtures("identity_signs_in")
def test_an_api_client_gets_the_login_body_unchanged(client):
    response = client.post("/api/v1/auth/login", json={"email": "a@example.org", "password": "pw"})

    assert response.json == TOKENS


def test_a_failed_login_sets_no_cookie(client, upstream, json_answer):
    upstream.answer("POST", LOGIN, json_answer(401, {"code": "invalid-credentials", "status": 401, "title": "No"}))

    response = client.post("/api/v1/auth/login", json={"email": "a@example.org", "password": "bad"}, headers=WEB)

    assert response.status_code == 401
    assert response.headers.getlist("Set-Cookie") == []


def test_cookies_can_be_made_without_secure_for_plain_http_hosts(make_gateway, upstream, json_answer):
    upstream.answer("POST", LOGIN, json_answer(200, TOKENS))

    response = make_gateway(cookie_secure=False).test_client().post("/api/v1/auth/login", json={})

    assert len(response.headers.getlist("Set-Cookie")) == 3
    assert all("Secure" not in header for header in response.headers.getlist("Set-Cookie"))


def test_a_read_with_only_the_access_cookie_is_forwarded_as_a_bearer_token(client, upstream, issue_token):
    signed_in_browser(client, issue_token)

    response = client.get("/api/v1/me")

    assert response.status_code == 200
    assert upstream.last.headers["Authorization"].startswith("Bearer ey")


@pytest.mark.parametrize("csrf_header", [None, "", "wrong-value", "csrf-value-but-longer"])
def test_an_unsafe_request_on_the_cookie_without_the_matching_csrf_header_is_refused(
    client, upstream, issue_token, csrf_header
):
    signed_in_browser(client, issue_token)
    headers = {} if csrf_header is None else {"X-CSRF-Token": csrf_header}

    response = client.post("/api/v1/staff/clients", json={}, headers=headers)

    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    assert response.json["code"] == "csrf-failed"
    assert upstream.sent == []


def test_an_unsafe_request_with_the_matching_csrf_header_is_forwarded(client, upstream, issue_token):
    signed_in_browser(client, issue_token)

    response = client.post("/api/v1/staff/clients", json={}, headers={"X-CSRF-Token": "csrf-value"})

    assert response.status_code == 200
    assert upstream.last.headers["Authorization"].startswith("Bearer ey")


def test_an_authorization_header_wins_over_the_cookie_and_needs_no_csrf(client, upstream, issue_token, staff_headers):
    signed_in_browser(client, issue_token)

    response = client.post("/api/v1/staff/clients", json={}, headers=staff_headers)

    assert response.status_code == 200
    assert upstream.last.headers["Authorization"] == staff_headers["Authorization"]


def test_an_expired_access_cookie_is_a_401(client, upstream, issue_token, clock):
    signed_in_browser(client, issue_token)
    clock.advance(hours=1)

    response = client.get("/api/v1/me")

    assert response.status_code == 401
    assert upstream.sent == []


@pytest.mark.usefixtures("identity_signs_in")
def test_refresh_takes_the_refresh_cookie_and_renews_the_cookies(client, upstream, issue_token):
    signed_in_browser(client, issue_token)

    response = client.post("/api/v1/auth/refresh", headers={**WEB, "X-CSRF-Token": "csrf-value"})

    assert response.status_code == 200
    assert json.loads(upstream.last.body) == {"refresh_token": "refresh-1"}
    assert upstream.last.headers["Content-Type"] == "application/json"
    assert "Authorization" not in upstream.last.headers
    assert cookie_headers(response)["portal_access"].startswith("portal_access=access.renewed;")
    assert "access_token" not in response.json


def test_refresh_on_the_cookie_without_csrf_is_refused(client, upstream, issue_token):
    signed_in_browser(client, issue_token)

    response = client.post("/api/v1/auth/refresh", headers=WEB)

    assert response.json["code"] == "csrf-failed"
    assert upstream.sent == []


def test_a_refresh_token_in_the_body_is_used_as_given(client, upstream, issue_token):
    signed_in_browser(client, issue_token)

    client.post("/api/v1/auth/refresh", json={"refresh_token": "from-body"})

    assert json.loads(upstream.last.body) == {"refresh_token": "from-body"}


def test_a_refused_refresh_clears_the_cookies(client, upstream, issue_token, json_answer):
    upstream.answer("POST", REFRESH, json_answer(401, {"code": "invalid-refresh-token", "status": 401, "title": "No"}))
    signed_in_browser(client, issue_token)

    response = client.post("/api/v1/auth/refresh", headers={"X-CSRF-Token": "csrf-value"})

    assert response.status_code == 401
    assert set(cookie_headers(response)) == {"portal_access", "portal_refresh", "portal_csrf"}
    assert all("Max-Age=0" in header for header in cookie_headers(response).values())


def test_logout_sends_both_tokens_and_clears_the_cookies(client, upstream, issue_token, json_answer):
    upstream.answer("POST", "http://identity.test/api/v1/auth/logout", json_answer(204, {}))
    signed_in_browser(client, issue_token)

    response = client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": "csrf-value"})

    assert json.loads(upstream.last.body) == {"refresh_token": "refresh-1"}
    assert upstream.last.headers["Authorization"].startswith("Bearer ey")
    cleared = cookie_headers(response)
    assert set(cleared) == {"portal_access", "portal_refresh", "portal_csrf"}
    assert "Path=/api/v1/auth" in cleared["portal_refresh"]
    assert client.get_cookie("portal_access") is None
    assert client.get_cookie("portal_csrf") is None


def test_login_ignores_a_stale_access_cookie(client, upstream, identity_signs_in, issue_token):
    signed_in_browser(client, issue_token)

    response = client.post("/api/v1/auth/login", json={"email": "a@example.org", "password": "pw"})

    assert response.status_code == 200
    assert "Authorization" not in upstream.last.headers


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/auth/link/consume", {"token": "emailed-token"}),
        ("/api/v1/auth/link/consume", {"email": "a@example.org", "code": "123456"}),
        ("/api/v1/auth/pin", {"email": "a@example.org", "pin": "123456"}),
    ],
)
def test_signing_in_by_link_code_or_pin_starts_a_browser_session_like_a_login(
    client, upstream, json_answer, path, body
):
    upstream.answer("POST", f"http://identity.test{path}", json_answer(200, TOKENS))

    response = client.post(path, json=body, headers=WEB)

    assert response.status_code == 200
    assert response.json == {"token_type": "Bearer", "expires_in": 900}
    assert set(cookie_headers(response)) == {"portal_access", "portal_refresh", "portal_csrf"}
    assert json.loads(upstream.last.body) == body


@pytest.mark.parametrize("path", ["/api/v1/auth/link/consume", "/api/v1/auth/pin"])
def test_a_refused_link_or_pin_sets_no_cookie(client, upstream, json_answer, path):
    upstream.answer("POST", f"http://identity.test{path}", json_answer(410, {"code": "link-used", "status": 410}))

    response = client.post(path, json={}, headers=WEB)

    assert response.status_code == 410
    assert response.headers.getlist("Set-Cookie") == []
