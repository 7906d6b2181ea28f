"""A client's addresses, the sign-in address change and the choice of a profile reach identity; a
token scoped to a profile the account may no longer open is refused everywhere but where the person
picks another one."""

import pytest

CLIENT_ID = "c1d2e3f4-client"
SESSION_URL = "http://identity.test/internal/sessions/"
TOKENS = {"access_token": "new-access", "refresh_token": "new-refresh", "token_type": "Bearer", "expires_in": 900}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", f"/api/v1/staff/clients/{CLIENT_ID}/emails"),
        ("POST", f"/api/v1/staff/clients/{CLIENT_ID}/emails/remove"),
        ("POST", f"/api/v1/staff/clients/{CLIENT_ID}/emails/default"),
        ("GET", f"/api/v1/staff/clients/{CLIENT_ID}/links"),
        ("POST", f"/api/v1/staff/clients/{CLIENT_ID}/links"),
        ("DELETE", f"/api/v1/staff/clients/{CLIENT_ID}/links/link-9"),
        ("POST", "/api/v1/me/email"),
        ("GET", "/api/v1/me/profiles"),
        ("POST", "/api/v1/auth/profile"),
    ],
)
def test_the_new_paths_reach_identity_only_with_a_token(client, upstream, staff_headers, method, path):
    refused = client.open(path, method=method, json={})
    served = client.open(path, method=method, headers=staff_headers, json={})

    assert refused.status_code == 401
    assert served.status_code == 200
    assert upstream.last.url == f"http://identity.test{path}"


def test_an_email_change_link_is_confirmed_without_signing_in(client, upstream):
    response = client.post("/api/v1/auth/email-change/confirm", json={"token": "abc"})

    assert response.status_code == 200
    assert upstream.last.url == "http://identity.test/api/v1/auth/email-change/confirm"
    assert upstream.session_checks == []


def test_choosing_a_profile_in_the_browser_replaces_the_session_cookies(client, upstream, issue_token, json_answer):
    upstream.answer("POST", "http://identity.test/api/v1/auth/profile", json_answer(200, TOKENS))
    client.set_cookie("portal_access", issue_token(role="client"))
    client.set_cookie("portal_csrf", "csrf-1")

    response = client.post(
        "/api/v1/auth/profile",
        json={"profile_id": CLIENT_ID},
        headers={"X-CSRF-Token": "csrf-1", "X-Portal-Client": "web"},
    )

    assert response.status_code == 200
    assert "access_token" not in response.json
    assert client.get_cookie("portal_access").value == "new-access"
    assert client.get_cookie("portal_refresh", path="/api/v1/auth").value == "new-refresh"
    assert upstream.last.headers["Authorization"].startswith("Bearer ")


def test_choosing_a_profile_is_refused_without_the_csrf_header(client, upstream, issue_token):
    client.set_cookie("portal_access", issue_token(role="client"))
    client.set_cookie("portal_csrf", "csrf-1")

    response = client.post("/api/v1/auth/profile", json={"profile_id": CLIENT_ID})

    assert (response.status_code, response.json["code"]) == (403, "csrf-failed")
    assert upstream.sent == []


@pytest.fixture
def open_profiles(upstream, json_answer):
    def answer(session_id, profile_ids):
        body = {"active": True, "mfa_enrolment_required": False, "profile_ids": profile_ids}
        upstream.answer("GET", SESSION_URL + session_id, json_answer(200, body))

    return answer


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/me/sessions"),
        ("POST", "/api/v1/me/email"),
        ("GET", "/api/v1/dashboard"),
        ("GET", f"/api/v1/staff/clients/{CLIENT_ID}/portal-status"),
    ],
)
def test_a_profile_whose_access_ended_is_refused_and_reaches_no_service(
    client, upstream, issue_token, open_profiles, method, path
):
    open_profiles("s-1", ["own-profile"])
    token = issue_token(role="client", sid="s-1", profile_id="minor-profile")

    response = client.open(path, method=method, headers={"Authorization": f"Bearer {token}"}, json={})

    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    assert response.json["code"] == "profile-access-ended"
    assert upstream.sent == []


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/api/v1/me"), ("GET", "/api/v1/me/profiles"), ("POST", "/api/v1/auth/profile")]
)
def test_a_person_whose_profile_access_ended_can_still_pick_another(
    client, upstream, issue_token, open_profiles, method, path
):
    open_profiles("s-1", ["own-profile"])
    token = issue_token(role="client", sid="s-1", profile_id="minor-profile")

    response = client.open(path, method=method, headers={"Authorization": f"Bearer {token}"}, json={})

    assert response.status_code == 200
    assert upstream.last.url == f"http://identity.test{path}"


@pytest.mark.parametrize(
    ("role", "profile_id", "profile_ids"),
    [
        ("client", "own-profile", ["own-profile", "minor-profile"]),
        ("client", None, ["own-profile"]),
        ("client", "minor-profile", None),
        ("owner", "anything", []),
    ],
)
def test_a_profile_still_open_or_no_profile_at_all_passes(
    client, upstream, issue_token, open_profiles, role, profile_id, profile_ids
):
    if profile_ids is not None:
        open_profiles("s-1", profile_ids)
    token = issue_token(role=role, sid="s-1", profile_id=profile_id)

    response = client.get("/api/v1/me/sessions", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200


def test_a_malformed_list_of_profiles_is_a_bad_gateway_not_a_pass(client, upstream, issue_token, json_answer):
    body = {"active": True, "profile_ids": "own-profile"}
    upstream.answer("GET", SESSION_URL + "s-1", json_answer(200, body))
    token = issue_token(role="client", sid="s-1", profile_id="own-profile")

    response = client.get("/api/v1/me/sessions", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 502
    assert upstream.sent == []
