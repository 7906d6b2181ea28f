"""The first whole flow through the gateway, against real processes and a real RabbitMQ:
staff invite a client, the client accepts and signs in; and the edges of that flow."""

import datetime as dt
import time

import pytest
import requests

pytestmark = pytest.mark.e2e

STRONG_PASSWORD = "quiet harbour lantern 42"
AGREEMENTS = {"accept_terms": True, "accept_privacy": True, "accept_electronic_notices": True}


def create_client(staff, portal, email):
    answer = staff.post(
        portal.url("/api/v1/staff/clients"), json={"first_name": "Robin", "last_name": "Vale", "email": email}
    )
    assert answer.status_code == 201, answer.text
    assert answer.headers["Location"].endswith(f"/api/v1/staff/clients/{answer.json()['id']}")
    return answer.json()["id"]


def invite(staff, portal, client_id):
    answer = staff.post(portal.url(f"/api/v1/staff/clients/{client_id}/invitations"), json={})
    assert answer.status_code == 201, answer.text
    return answer.json()


def invited_token(staff, portal, new_email, label):
    email = new_email(label)
    client_id = create_client(staff, portal, email)
    invite(staff, portal, client_id)
    link = portal.invitation_link(portal.wait_for_mail(email)[-1])
    return client_id, email, portal.token_of(link)


def portal_status(staff, portal, client_id):
    answer = staff.get(portal.url(f"/api/v1/staff/clients/{client_id}/portal-status"))
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_staff_invite_a_client_who_creates_an_account_and_signs_in(portal, new_email):
    staff = portal.staff_session()
    email = new_email("robin")
    client_id = create_client(staff, portal, email)
    assert portal_status(staff, portal, client_id)["status"] == "not_invited"

    invitation = invite(staff, portal, client_id)
    message = portal.wait_for_mail(email)[0]
    link = portal.invitation_link(message)
    token = portal.token_of(link)

    assert link == portal.url(f"/invitations/{token}")
    assert invitation["email"] == email
    assert "Riverbend Counseling" in message["Subject"]
    assert portal_status(staff, portal, client_id)["status"] == "invited"
    lookup = requests.get(portal.url(f"/api/v1/invitations/{token}"))
    assert lookup.status_code == 200
    assert lookup.json()["valid"] is True
    assert lookup.json()["email"] == email

    accepted = requests.post(
        portal.url(f"/api/v1/invitations/{token}/accept"),
        json={"password": STRONG_PASSWORD, "password_confirmation": STRONG_PASSWORD, **AGREEMENTS},
    )
    assert accepted.status_code == 201, accepted.text
    unverified = requests.post(portal.url("/api/v1/auth/login"), json={"email": email, "password": STRONG_PASSWORD})
    assert unverified.status_code == 403
    assert unverified.json()["code"] == "email-not-verified"
    portal.verify_email(email)
    confirmation = portal.wait_for_mail_about(email, "account is ready")
    assert email in confirmation.get_body(preferencelist=("plain",)).get_content()

    login = requests.post(portal.url("/api/v1/auth/login"), json={"email": email, "password": STRONG_PASSWORD})
    assert login.status_code == 200, login.text
    tokens = login.json()
    assert tokens["token_type"] == "Bearer"
    assert tokens["expires_in"] <= 900
    me = requests.get(portal.url("/api/v1/me"), headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status_code == 200
    assert me.json()["email"] == email
    assert me.json()["role"] == "client"
    assert me.json()["profile_id"] == client_id
    status = portal_status(staff, portal, client_id)
    assert status["status"] in {"signed_up", "active"}  # active once the sign-in event has arrived
    assert status["account_id"] == me.json()["account_id"]


def test_an_invitation_can_be_accepted_only_once(portal, new_email):
    staff = portal.staff_session()
    _, _, token = invited_token(staff, portal, new_email, "once")
    body = {"password": STRONG_PASSWORD, **AGREEMENTS}

    first = requests.post(portal.url(f"/api/v1/invitations/{token}/accept"), json=body)
    second = requests.post(portal.url(f"/api/v1/invitations/{token}/accept"), json=body)

    assert first.status_code == 201
    assert second.status_code == 410
    assert second.headers["Content-Type"] == "application/problem+json"
    assert second.json()["code"] == "invitation-used"


def test_an_expired_link_answers_410(clock, new_email):
    portal = clock
    staff = portal.staff_session()
    _, _, token = invited_token(staff, portal, new_email, "late")

    portal.shift_clock(dt.timedelta(days=5, minutes=1))

    lookup = requests.get(portal.url(f"/api/v1/invitations/{token}"))
    accept = requests.post(
        portal.url(f"/api/v1/invitations/{token}/accept"), json={"password": STRONG_PASSWORD, **AGREEMENTS}
    )
    assert lookup.status_code == 410
    assert lookup.json()["code"] == "invitation-expired"
    assert accept.status_code == 410
    assert accept.json()["code"] == "invitation-expired"


def test_a_resent_invitation_kills_the_older_link(portal, new_email):
    staff = portal.staff_session()
    client_id, email, old_token = invited_token(staff, portal, new_email, "resend")

    invite(staff, portal, client_id)
    new_token = portal.token_of(portal.invitation_link(portal.wait_for_mail(email, count=2)[-1]))

    old = requests.get(portal.url(f"/api/v1/invitations/{old_token}"))
    new = requests.get(portal.url(f"/api/v1/invitations/{new_token}"))
    assert new_token != old_token
    assert old.status_code == 410
    assert old.json()["code"] == "invitation-superseded"
    assert new.status_code == 200


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"password": "short", **AGREEMENTS}, {"password"}),
        ({"password": "password123", **AGREEMENTS}, {"password"}),
        ({"password": STRONG_PASSWORD, "accept_terms": True}, {"accept_privacy", "accept_electronic_notices"}),
    ],
    ids=["too-short", "common", "missing-agreements"],
)
def test_a_refused_acceptance_names_the_fields_and_creates_no_account(portal, new_email, body, fields):
    staff = portal.staff_session()
    client_id, email, token = invited_token(staff, portal, new_email, "refused")

    answer = requests.post(portal.url(f"/api/v1/invitations/{token}/accept"), json=body)

    assert answer.status_code == 422
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert fields <= set(answer.json()["errors"])
    assert portal_status(staff, portal, client_id)["status"] == "invited"
    login = requests.post(portal.url("/api/v1/auth/login"), json={"email": email, "password": body["password"]})
    assert login.status_code == 401
    assert requests.get(portal.url(f"/api/v1/invitations/{token}")).status_code == 200


def test_gateway_answers_carry_the_security_headers(portal):
    for path in ("/sign-in", "/api/v1/me", "/healthz"):
        headers = requests.get(portal.url(path)).headers
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert "max-age" in headers["Strict-Transport-Security"]


def test_signed_up_shows_in_the_portal_status_timeline(portal, new_email):
    staff = portal.staff_session()
    client_id, _, token = invited_token(staff, portal, new_email, "timeline")
    requests.post(portal.url(f"/api/v1/invitations/{token}/accept"), json={"password": STRONG_PASSWORD, **AGREEMENTS})

    deadline = time.monotonic() + 20
    while True:
        timeline = portal_status(staff, portal, client_id)["timeline"]
        steps = [entry["status"] for entry in timeline]
        if "signed_up" in steps or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert steps[0] == "invited"
    assert "signed_up" in steps
    assert all(entry["at"] for entry in timeline)


def test_a_reminder_goes_out_once_before_the_link_expires_and_then_it_expires(clock, new_email):
    portal = clock
    staff = portal.staff_session()
    client_id, email, token = invited_token(staff, portal, new_email, "reminded")

    portal.shift_clock(dt.timedelta(days=4, hours=1))
    reminder = portal.wait_for_mail(email, count=2)[-1]
    portal.shift_clock(dt.timedelta(hours=23, minutes=30))

    assert str(reminder["Subject"]).strip().startswith("Reminder:")
    assert portal.token_of(portal.invitation_link(reminder)) == token
    staff = portal.staff_session()  # the earlier access token has expired on the shifted clock
    deadline = time.monotonic() + 20
    while portal_status(staff, portal, client_id)["status"] != "expired" and time.monotonic() < deadline:
        time.sleep(0.2)
    steps = [entry["status"] for entry in portal_status(staff, portal, client_id)["timeline"]]
    assert "expired" in steps
    assert len(portal.mail_to(email)) == 2
