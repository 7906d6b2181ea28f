"""Through the gateway, with every real process: giving a client who has no account yet a form is
enough to invite them — once, however many forms follow — and the form waits for them in the portal."""

import pytest
import requests

pytestmark = pytest.mark.e2e


def test_assigning_a_form_to_a_client_without_an_account_invites_them_once(portal, new_email) -> None:
    staff = portal.staff_session()
    address = new_email("quinn")
    created = staff.post(
        portal.url("/api/v1/staff/clients"), json={"first_name": "Quinn", "last_name": "Marlow", "email": address}
    )
    client_id = created.json()["id"]

    # Given a client the practice never invited, when staff assign an intake form and a PHQ-9
    for template in ("adult-intake", "phq-9"):
        given = staff.post(portal.url(f"/api/v1/staff/clients/{client_id}/assignments"), json={"template": template})
        assert given.status_code == 201, given.text

    # Then one invitation arrives, and the client's portal status says invited
    invitation = portal.wait_for_mail(address)[0]
    status = staff.get(portal.url(f"/api/v1/staff/clients/{client_id}/portal-status")).json()
    assert status["status"] == "invited"
    subject = invitation["Subject"]

    # And once the client has signed up, both tasks are theirs to do
    token = portal.token_of(portal.invitation_link(invitation))
    password = "a tidepool of small crabs"
    agreements = {"accept_terms": True, "accept_privacy": True, "accept_electronic_notices": True}
    accepted = requests.post(
        portal.url(f"/api/v1/invitations/{token}/accept"), json={"password": password, **agreements}, timeout=10
    )
    assert accepted.status_code == 201, accepted.text
    portal.verify_email(address)
    tokens = requests.post(
        portal.url("/api/v1/auth/login"), json={"email": address, "password": password}, timeout=10
    ).json()
    mine = requests.get(
        portal.url("/api/v1/assignments"), headers={"Authorization": f"Bearer {tokens['access_token']}"}, timeout=10
    )
    assert sorted(a["instrument"] or a["kind"] for a in mine.json()["items"]) == ["form", "phq-9"]
    assert [m["Subject"] for m in portal.mail_to(address)].count(subject) == 1
