"""A staff member whom the practice requires to set up two-step sign-in, and who has not, is
refused every staff path of every service at the gateway (403 `mfa-enrolment-required`); the paths
that set it up, /me and the sign-in steps stay open."""

import pytest

SESSION_URL = "http://identity.test/internal/sessions/session-1"


@pytest.fixture
def must_enrol(upstream, json_answer):
    upstream.answer("GET", SESSION_URL, json_answer(200, {"active": True, "mfa_enrolment_required": True}))


@pytest.mark.usefixtures("must_enrol")
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/staff/clients"),
        ("POST", "/api/v1/staff/clients/c-1/invitations"),
        ("GET", "/api/v1/staff/portal-statuses"),
        ("GET", "/api/v1/staff/practice/settings"),
        ("GET", "/api/v1/staff/dev/mail"),
    ],
)
def test_every_staff_path_is_refused_until_two_step_sign_in_is_on(client, upstream, staff_headers, method, path):
    response = client.open(path, method=method, headers=staff_headers, json={})

    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    assert response.json["code"] == "mfa-enrolment-required"
    assert upstream.sent == []


@pytest.mark.usefixtures("must_enrol")
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/me"),
        ("GET", "/api/v1/me/2fa"),
        ("POST", "/api/v1/me/2fa/totp"),
        ("POST", "/api/v1/me/2fa/totp/confirm"),
        ("POST", "/api/v1/me/2fa/sms"),
        ("GET", "/api/v1/me/sessions"),
        ("POST", "/api/v1/auth/password/change"),
        ("POST", "/api/v1/auth/logout"),
    ],
)
def test_setting_it_up_and_signing_out_stay_open(client, upstream, staff_headers, method, path):
    response = client.open(path, method=method, headers=staff_headers, json={})

    assert response.status_code == 200
    assert upstream.last.url == f"http://identity.test{path}"


def test_once_it_is_on_the_staff_paths_open(client, upstream, staff_headers, json_answer):
    upstream.answer("GET", SESSION_URL, json_answer(200, {"active": True, "mfa_enrolment_required": False}))

    response = client.get("/api/v1/staff/clients", headers=staff_headers)

    assert response.status_code == 200


def test_an_ended_session_is_an_ended_session_before_anything_else(client, upstream, staff_headers, json_answer):
    upstream.answer("GET", SESSION_URL, json_answer(200, {"active": False, "mfa_enrolment_required": True}))

    response = client.get("/api/v1/staff/clients", headers=staff_headers)

    assert response.status_code == 401
    assert response.json["code"] == "session-ended"


def test_an_answer_that_cannot_be_read_is_a_bad_gateway(client, upstream, staff_headers, json_answer):
    upstream.answer("GET", SESSION_URL, json_answer(200, {"active": True, "mfa_enrolment_required": "yes"}))

    response = client.get("/api/v1/staff/clients", headers=staff_headers)

    assert response.status_code == 502
    assert upstream.sent == []
