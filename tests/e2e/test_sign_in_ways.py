"""Every way back in, through the gateway against real processes: a forgotten password by emailed
code, a sign-in link by its link and by its code, a staff PIN, and staff disabling an account."""

import pytest
import requests

pytestmark = pytest.mark.e2e

PASSWORD = "quiet harbour lantern 42"
NEW_PASSWORD = "another tide rolls in 7"
AGREEMENTS = {"accept_terms": True, "accept_privacy": True, "accept_electronic_notices": True}


@pytest.fixture
def client(portal, new_email):
    """A client who accepted an invitation and verified the address; `staff` is a staff session."""
    staff = portal.staff_session()
    email = new_email("ways")
    created = staff.post(
        portal.url("/api/v1/staff/clients"), json={"first_name": "Ash", "last_name": "Reed", "email": email}
    )
    client_id = created.json()["id"]
    assert staff.post(portal.url(f"/api/v1/staff/clients/{client_id}/invitations"), json={}).status_code == 201
    token = portal.token_of(portal.invitation_link(portal.wait_for_mail(email)[0]))
    accepted = requests.post(
        portal.url(f"/api/v1/invitations/{token}/accept"), json={"password": PASSWORD, **AGREEMENTS}
    )
    assert accepted.status_code == 201, accepted.text
    portal.verify_email(email)
    return {"id": client_id, "email": email, "staff": staff}


def login(portal, email, password):
    return requests.post(portal.url("/api/v1/auth/login"), json={"email": email, "password": password})


def me(portal, tokens):
    return requests.get(portal.url("/api/v1/me"), headers={"Authorization": f"Bearer {tokens['access_token']}"})


def test_a_forgotten_password_is_reset_with_the_emailed_code(portal, client):
    asked = requests.post(portal.url("/api/v1/auth/password/forgot"), json={"email": client["email"]})
    unknown = requests.post(portal.url("/api/v1/auth/password/forgot"), json={"email": "nobody@example.test"})
    assert asked.status_code == unknown.status_code == 202
    code = portal.code_in(portal.wait_for_mail_about(client["email"], "password reset code"))

    reset = requests.post(
        portal.url("/api/v1/auth/password/reset"),
        json={"email": client["email"], "code": code, "password": NEW_PASSWORD},
    )

    assert reset.status_code == 204, reset.text
    assert login(portal, client["email"], PASSWORD).status_code == 401
    assert login(portal, client["email"], NEW_PASSWORD).status_code == 200


def test_a_sign_in_link_signs_in_once_by_its_link(portal, client):
    assert requests.post(portal.url("/api/v1/auth/link"), json={"email": client["email"]}).status_code == 202
    link = portal.link_in(portal.wait_for_mail_about(client["email"], "sign-in link"), "/sign-in/link")
    body = {"token": portal.token_of(link)}

    first = requests.post(portal.url("/api/v1/auth/link/consume"), json=body)
    second = requests.post(portal.url("/api/v1/auth/link/consume"), json=body)

    assert first.status_code == 200, first.text
    assert me(portal, first.json()).json()["profile_id"] == client["id"]
    assert second.status_code == 410
    assert second.json()["code"] == "link-used"


def test_a_sign_in_link_email_also_signs_in_by_its_code(portal, client):
    requests.post(portal.url("/api/v1/auth/link"), json={"email": client["email"]})
    code = portal.code_in(portal.wait_for_mail_about(client["email"], "sign-in link"))

    wrong = requests.post(
        portal.url("/api/v1/auth/link/consume"),
        json={"email": client["email"], "code": "000000" if code != "000000" else "111111"},
    )
    right = requests.post(portal.url("/api/v1/auth/link/consume"), json={"email": client["email"], "code": code})

    assert wrong.status_code == 401
    assert right.status_code == 200, right.text
    assert me(portal, right.json()).json()["email"] == client["email"]


def test_staff_read_a_pin_to_a_client_who_signs_in_with_it(portal, client):
    issued = client["staff"].post(portal.url(f"/api/v1/staff/clients/{client['id']}/sign-in-pin"))
    assert issued.status_code == 201, issued.text
    body = {"email": client["email"], "pin": issued.json()["pin"]}

    first = requests.post(portal.url("/api/v1/auth/pin"), json=body)
    again = requests.post(portal.url("/api/v1/auth/pin"), json=body)

    assert first.status_code == 200, first.text
    assert me(portal, first.json()).json()["profile_id"] == client["id"]
    assert again.status_code == 401


def test_a_disabled_account_cannot_sign_in_until_enabled_again(portal, client):
    staff, path = client["staff"], f"/api/v1/staff/clients/{client['id']}/account"
    signed_in = login(portal, client["email"], PASSWORD).json()

    disabled = staff.post(portal.url(f"{path}/disable"))

    assert disabled.status_code == 200, disabled.text
    assert disabled.json()["status"] == "disabled"
    assert login(portal, client["email"], PASSWORD).status_code == 401
    refreshed = requests.post(portal.url("/api/v1/auth/refresh"), json={"refresh_token": signed_in["refresh_token"]})
    assert refreshed.status_code == 401
    assert staff.post(portal.url(f"{path}/enable")).json()["status"] == "active"
    assert login(portal, client["email"], PASSWORD).status_code == 200
