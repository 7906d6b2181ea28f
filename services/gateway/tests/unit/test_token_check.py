"""The gateway turns away callers without a valid access token before any service sees them."""

import pytest
from joserfc.jwk import RSAKey


def assert_unauthorized(response):
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.json["code"] == "unauthorized"


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/api/v1/me"), ("GET", "/api/v1/staff/clients"), ("POST", "/api/v1/staff/clients/1/invitations")],
)
def test_no_token_is_a_401_and_the_service_is_not_called(client, upstream, method, path):
    response = client.open(path, method=method, json={})

    assert_unauthorized(response)
    assert upstream.sent == []


def test_a_malformed_authorization_header_is_a_401(client, upstream):
    response = client.get("/api/v1/me", headers={"Authorization": "Basic dXNlcjpwYXNz"})

    assert_unauthorized(response)
    assert upstream.sent == []


def test_a_token_signed_by_another_key_is_a_401(client, upstream, issue_token):
    forged = issue_token(key=RSAKey.generate_key(2048, parameters={"kid": "test-key"}))

    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {forged}"})

    assert_unauthorized(response)
    assert upstream.sent == []


def test_an_expired_token_is_a_401(client, upstream, issue_token, clock):
    token = issue_token(lifetime=900)
    clock.advance(minutes=16)

    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})

    assert_unauthorized(response)
    assert upstream.sent == []


def test_a_token_for_another_audience_is_a_401(client, upstream, issue_token):
    token = issue_token(aud="someone-else")

    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})

    assert_unauthorized(response)
    assert upstream.sent == []


def test_a_valid_token_is_passed_on_for_the_service_to_verify_again(client, upstream, issue_token):
    token = issue_token(role="client")

    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200
    assert upstream.last.headers["Authorization"] == f"Bearer {token}"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/v1/auth/login"),
        ("POST", "/api/v1/auth/refresh"),
        ("POST", "/api/v1/auth/logout"),
        ("POST", "/api/v1/auth/verify-email"),
        ("POST", "/api/v1/auth/verify-email/resend"),
        ("POST", "/api/v1/auth/password/forgot"),
        ("POST", "/api/v1/auth/password/reset"),
        ("POST", "/api/v1/auth/link"),
        ("POST", "/api/v1/auth/link/consume"),
        ("POST", "/api/v1/auth/pin"),
        ("GET", "/api/v1/invitations/some-token"),
        ("POST", "/api/v1/invitations/some-token/accept"),
        ("GET", "/.well-known/jwks.json"),
    ],
)
def test_paths_used_before_signing_in_need_no_token(client, upstream, method, path):
    response = client.open(path, method=method, json={})

    assert response.status_code == 200
    assert len(upstream.sent) == 1


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/v1/auth/password/change"),
        ("GET", "/api/v1/me/sessions"),
        ("DELETE", "/api/v1/me/sessions/some-session"),
        ("GET", "/api/v1/me/sign-ins"),
        ("GET", "/api/v1/staff/clients/1/sign-in-events"),
        ("POST", "/api/v1/staff/clients/1/sign-in-pin"),
        ("POST", "/api/v1/staff/clients/1/invitations/revoke"),
        ("GET", "/api/v1/staff/clients/1/invitations/current/link"),
        ("POST", "/api/v1/staff/invitations/bulk"),
        ("GET", "/api/v1/auth/link"),
    ],
)
def test_paths_of_a_signed_in_person_need_a_token(client, upstream, method, path):
    response = client.open(path, method=method, json={})

    assert_unauthorized(response)
    assert upstream.sent == []


def test_other_methods_on_an_invitation_still_need_a_token(client, upstream):
    response = client.delete("/api/v1/invitations/some-token")

    assert_unauthorized(response)
    assert upstream.sent == []
