"""Staff invite clients and clients accept, through the HTTP API, on SQLite and PostgreSQL."""

import pytest
from portalkit.errors import ValidationProblem
from portalkit.testing import outbox_events

ACCEPT = {
    "password": "a long enough passphrase",
    "password_confirmation": "a long enough passphrase",
    "accept_terms": True,
    "accept_privacy": True,
    "accept_electronic_notices": True,
}


@pytest.fixture
def invite(web, signed_in):
    def invite(client_id, headers=None, **body):
        return web.post(f"/api/v1/staff/clients/{client_id}/invitations", json=body, headers=headers or signed_in())

    return invite


@pytest.fixture
def delivery_of(engine, sealer):
    """What the notifier will read of the email for a sent invitation."""

    def delivery_of(sent):
        events = outbox_events(engine, "invitations.invitation.sent")
        event = next(e for e in events if e.data["invitation_id"] == sent.json["id"])
        return sealer.unseal(event.data["delivery"])

    return delivery_of


@pytest.fixture
def token_of(delivery_of):
    return lambda sent: delivery_of(sent)["accept_url"].rsplit("/", 1)[1]


def test_sending_puts_a_sealed_link_in_the_outbox_and_the_link_opens(web, identity, invite, delivery_of, token_of):
    client_id = identity.add_client(emails=("robin@example.org", "r.doe@work.example"))

    sent = invite(client_id, email="R.Doe@work.example")

    assert sent.status_code == 201, sent.json
    assert sent.json["email"] == "r.doe@work.example" and sent.json["resend"] is False
    delivery = delivery_of(sent)
    assert delivery["accept_url"] == f"https://portal.example/invitations/{token_of(sent)}"
    assert (delivery["to"], delivery["practice_name"]) == ("r.doe@work.example", "Calm Waters Therapy")
    opened = web.get(f"/api/v1/invitations/{token_of(sent)}")
    assert opened.status_code == 200
    assert opened.json["valid"] is True and opened.json["first_name"] == "Robin"
    assert opened.json["practice_id"] == "practice-1"
    assert opened.json["expires_at"] == sent.json["expires_at"]
    assert [a["url"] for a in opened.json["agreements"]] == [
        "/legal/terms",
        "/legal/privacy",
        "/legal/electronic-notices",
    ]


def test_a_link_past_its_expiry_answers_410_and_the_status_reads_expired(
    web, identity, invite, token_of, clock, signed_in
):
    client_id = identity.add_client()
    token = token_of(invite(client_id))

    clock.advance(hours=121)

    opened = web.get(f"/api/v1/invitations/{token}")
    assert (opened.status_code, opened.json["code"]) == (410, "invitation-expired")
    assert "new invitation" in opened.json["detail"]
    status = web.get(f"/api/v1/staff/clients/{client_id}/portal-status", headers=signed_in()).json
    assert status["status"] == "expired"
    assert [entry["status"] for entry in status["timeline"]] == ["invited", "expired"]


def test_resending_makes_the_old_link_superseded(web, identity, invite, token_of, clock):
    client_id = identity.add_client()
    old_token = token_of(invite(client_id))
    clock.advance(hours=1)

    resent = invite(client_id)

    assert resent.json["resend"] is True
    old = web.get(f"/api/v1/invitations/{old_token}")
    assert (old.status_code, old.json["code"]) == (410, "invitation-superseded")
    assert web.get(f"/api/v1/invitations/{token_of(resent)}").status_code == 200


def test_accepting_creates_the_account_and_a_second_accept_answers_used(
    web, identity, invite, token_of, engine, signed_in
):
    client_id = identity.add_client()
    token = token_of(invite(client_id))

    accepted = web.post(f"/api/v1/invitations/{token}/accept", json=ACCEPT)
    again = web.post(f"/api/v1/invitations/{token}/accept", json=ACCEPT)

    assert accepted.status_code == 201, accepted.json
    assert accepted.json["email"] == "robin@example.org"
    assert (again.status_code, again.json["code"]) == (410, "invitation-used")
    assert len(identity.accounts) == 1
    status = web.get(f"/api/v1/staff/clients/{client_id}/portal-status", headers=signed_in()).json
    assert (status["status"], status["account_id"]) == ("signed_up", accepted.json["account_id"])
    published = [e.data for e in outbox_events(engine, "invitations.invitation.accepted")]
    assert {"client_id": client_id, "account_id": accepted.json["account_id"]}.items() <= published[-1].items()
    assert invite(client_id).json["code"] == "already-signed-up"


def test_a_missing_agreement_is_named_and_identity_is_never_called(web, identity, invite, token_of):
    token = token_of(invite(identity.add_client()))
    body = {**ACCEPT, "accept_privacy": False}
    del body["accept_electronic_notices"]

    refused = web.post(f"/api/v1/invitations/{token}/accept", json=body)

    assert (refused.status_code, refused.json["code"]) == (422, "validation-failed")
    assert set(refused.json["errors"]) == {"accept_privacy", "accept_electronic_notices"}
    assert identity.accounts == []
    assert web.get(f"/api/v1/invitations/{token}").status_code == 200


def test_unknown_fields_and_mismatched_confirmation_are_refused(web, identity, invite, token_of):
    token = token_of(invite(identity.add_client()))

    unknown = web.post(f"/api/v1/invitations/{token}/accept", json={**ACCEPT, "role": "owner"})
    mismatch = web.post(f"/api/v1/invitations/{token}/accept", json={**ACCEPT, "password_confirmation": "other"})

    assert unknown.status_code == 422 and "role" in unknown.json["errors"]
    assert mismatch.status_code == 422 and list(mismatch.json["errors"]) == ["password_confirmation"]
    assert identity.accounts == []


def test_identitys_refusal_reaches_the_client_and_the_link_still_works(web, identity, invite, token_of):
    token = token_of(invite(identity.add_client()))
    identity.refusal = ValidationProblem({"password": ["This password is too common."]})

    refused = web.post(f"/api/v1/invitations/{token}/accept", json=ACCEPT)

    assert refused.status_code == 422
    assert refused.json["errors"] == {"password": ["This password is too common."]}
    assert web.get(f"/api/v1/invitations/{token}").status_code == 200


def test_an_unknown_link_is_not_found(web):
    opened = web.get("/api/v1/invitations/not-a-real-token")

    assert (opened.status_code, opened.json["code"]) == (404, "invitation-not-found")


def test_another_practices_staff_can_neither_invite_nor_read_the_client(web, identity, invite, signed_in):
    client_id = identity.add_client(practice_id="practice-1")
    invite(client_id)
    outsider = signed_in(practice_id="practice-2", role="owner")

    invited = invite(client_id, headers=outsider)
    status = web.get(f"/api/v1/staff/clients/{client_id}/portal-status", headers=outsider)
    listed = web.get("/api/v1/staff/portal-statuses", headers=outsider)

    assert (invited.status_code, status.status_code) == (404, 404)
    assert client_id not in [item["client_id"] for item in listed.json["items"]]


def test_the_practice_list_shows_invited_clients_and_a_new_client_reads_not_invited(web, identity, invite, signed_in):
    practice_id = "practice-list"
    invited_id = identity.add_client(practice_id=practice_id)
    new_id = identity.add_client(practice_id=practice_id)
    invite(invited_id, headers=signed_in(practice_id=practice_id))

    listed = web.get("/api/v1/staff/portal-statuses", headers=signed_in(practice_id=practice_id, role="billing"))
    new = web.get(f"/api/v1/staff/clients/{new_id}/portal-status", headers=signed_in(practice_id=practice_id))

    assert [(item["client_id"], item["status"]) for item in listed.json["items"]] == [(invited_id, "invited")]
    assert "timeline" not in listed.json["items"][0]
    assert (new.json["status"], new.json["timeline"]) == ("not_invited", [])


def test_only_staff_who_invite_may_send(identity, invite, signed_in, web):
    client_id = identity.add_client()

    assert invite(client_id, headers=signed_in(role="client")).status_code == 403
    assert invite(client_id, headers=signed_in(role="billing")).status_code == 403
    assert web.post(f"/api/v1/staff/clients/{client_id}/invitations", json={}).status_code == 401
    assert invite(client_id, email="stranger@example.org").status_code == 422
