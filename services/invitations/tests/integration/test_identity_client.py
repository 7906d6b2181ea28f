"""The real IdentityClient against a small stand-in for identity's two internal endpoints."""

import threading

import pytest
from flask import Flask, jsonify, request
from invitations.adapters.identity import IdentityClient
from invitations.service.identity import NewAccount
from portalkit.auth import check_internal_token
from portalkit.errors import Problem
from portalkit.http import InternalClient
from portalkit.web import problem_response
from werkzeug.serving import make_server

CLIENT = {
    "id": "c0ffee00-0000-4000-8000-000000000001",
    "first_name": "Robin",
    "last_name": "Doe",
    "emails": [
        {"address": "r.doe@work.example", "is_default": False},
        {"address": "robin@example.org", "is_default": True},
    ],
    "practice": {"id": "practice-1", "name": "Calm Waters Therapy", "invitation_expiry_hours": 48},
}


def identity_stub():
    stub = Flask("identity-stub")
    stub.register_error_handler(Problem, problem_response)

    @stub.get("/internal/practices/<practice_id>/clients/<client_id>")
    def client(practice_id, client_id):
        check_internal_token("internal-secret")
        if (practice_id, client_id) != ("practice-1", CLIENT["id"]):
            raise Problem(404, "not-found", "Client not found.")
        return jsonify(CLIENT)

    @stub.post("/internal/accounts")
    def create_account():
        check_internal_token("internal-secret")
        body = request.get_json()
        if body["password"] == "password":
            raise Problem(422, "validation-failed", "Weak.", errors={"password": ["Too common."]})
        if body["email"] == "taken@example.org":
            raise Problem(409, "account-exists", "An account exists.")
        return jsonify(
            {"account_id": "a0000000-0000-4000-8000-000000000001", "email": body["email"], "created": True}
        ), 201

    return stub


@pytest.fixture(scope="module")
def identity_url():
    server = make_server("127.0.0.1", 0, identity_stub())
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture
def client(identity_url):
    return IdentityClient(InternalClient(identity_url, "internal-secret"))


def new_account(email="robin@example.org", password="a long enough passphrase"):
    agreements = ({"kind": "terms", "version": "2026-11-01", "accepted_at": "2026-01-05T09:00:00Z"},)
    return NewAccount("practice-1", CLIENT["id"], "invitation-1", email, password, agreements)


def test_a_client_of_the_practice_is_read_with_its_default_email_and_expiry(client):
    record = client.client("practice-1", CLIENT["id"])

    assert record.default_email == "robin@example.org"
    assert (record.practice_name, record.invitation_expiry_hours, record.has_account) == (
        "Calm Waters Therapy",
        48,
        False,
    )


def test_a_client_of_another_practice_is_none(client):
    assert client.client("practice-2", CLIENT["id"]) is None


def test_an_account_is_created(client):
    created = client.create_account(new_account())

    assert (created.account_id, created.email, created.created) == (
        "a0000000-0000-4000-8000-000000000001",
        "robin@example.org",
        True,
    )


@pytest.mark.parametrize(
    ("account", "status", "code"),
    [
        (new_account(password="password"), 422, "validation-failed"),
        (new_account("taken@example.org"), 409, "account-exists"),
    ],
)
def test_identitys_refusals_are_passed_on_unchanged(client, account, status, code):
    with pytest.raises(Problem) as refused:
        client.create_account(account)

    assert (refused.value.status, refused.value.code) == (status, code)
    if status == 422:
        assert refused.value.extra["errors"] == {"password": ["Too common."]}


def test_a_wrong_internal_token_is_not_taken_for_a_missing_client(identity_url):
    with pytest.raises(Problem) as refused:
        IdentityClient(InternalClient(identity_url, "wrong")).client("practice-1", CLIENT["id"])

    assert refused.value.status == 403
