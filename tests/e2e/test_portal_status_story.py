"""What the front desk sees of a client's portal, through the gateway, with the real processes:
the whole story in the timeline, and the staff actions on an invitation."""

import datetime as dt
import time
import uuid

import pytest
import requests
from portalkit.broker import ConfirmingPublisher
from portalkit.clock import SystemClock
from portalkit.events import new_envelope
from portalkit.outbox import OutgoingMessage

pytestmark = pytest.mark.e2e

PASSWORD = "amber meadow kettle 58"
AGREEMENTS = {"accept_terms": True, "accept_privacy": True, "accept_electronic_notices": True}
STORY = ["invited", "reminded", "expired", "resent", "signed_up", "active", "disabled", "re-enabled"]


def eventually(read, done, timeout=30.0):
    deadline = time.monotonic() + timeout
    while True:
        value = read()
        if done(value) or time.monotonic() > deadline:
            return value
        time.sleep(0.2)


def add_client(staff, portal, email, **more):
    answer = staff.post(
        portal.url("/api/v1/staff/clients"), json={"first_name": "Jo", "last_name": "Marsh", "email": email, **more}
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def status_of(staff, portal, client_id):
    answer = staff.get(portal.url(f"/api/v1/staff/clients/{client_id}/portal-status"))
    assert answer.status_code == 200, answer.text
    return answer.json()


def steps(status):
    return [entry["status"] for entry in status["timeline"]]


def test_the_timeline_tells_the_whole_story_in_order_with_who_did_each_step(clock, new_email):
    portal = clock
    staff = portal.staff_session()
    staff_id = staff.get(portal.url("/api/v1/me")).json()["account_id"]
    home, work = new_email("jo-home"), new_email("jo-work")
    client_id = add_client(staff, portal, home, other_emails=[work])

    # Invited at the work address the front desk chose; reminded a day before expiry; expired
    invited = staff.post(portal.url(f"/api/v1/staff/clients/{client_id}/invitations"), json={"email": work})
    assert invited.json()["email"] == work
    portal.wait_for_mail(work)
    portal.shift_clock(dt.timedelta(days=4, hours=1))
    portal.wait_for_mail(work, count=2)
    portal.shift_clock(dt.timedelta(days=1))
    staff = portal.staff_session()
    expired = eventually(lambda: status_of(staff, portal, client_id), lambda s: s["status"] == "expired")
    assert expired["status"] == "expired"

    # Resent to the default address; the client signs up, confirms the email and signs in
    staff.post(portal.url(f"/api/v1/staff/clients/{client_id}/invitations"), json={})
    token = portal.token_of(portal.invitation_link(portal.wait_for_mail(home)[-1]))
    accepted = requests.post(
        portal.url(f"/api/v1/invitations/{token}/accept"), json={"password": PASSWORD, **AGREEMENTS}
    )
    assert accepted.status_code == 201, accepted.text
    portal.verify_email(home)
    signed_in = requests.post(portal.url("/api/v1/auth/login"), json={"email": home, "password": PASSWORD})
    assert signed_in.status_code == 200, signed_in.text

    # The front desk disables the account, then enables it again
    assert staff.post(portal.url(f"/api/v1/staff/clients/{client_id}/account/disable")).status_code == 200
    assert staff.post(portal.url(f"/api/v1/staff/clients/{client_id}/account/enable")).status_code == 200

    status = eventually(lambda: status_of(staff, portal, client_id), lambda s: "re-enabled" in steps(s))
    story = [entry for entry in status["timeline"] if entry["status"] in STORY]
    assert [entry["status"] for entry in story] == STORY
    actors = {entry["status"]: entry["actor"] for entry in story}
    account_id = accepted.json()["account_id"]
    assert actors["invited"] == staff_id
    assert actors["reminded"] == actors["expired"] == "system"
    assert actors["resent"] == staff_id
    assert actors["signed_up"] == actors["active"] == account_id
    assert actors["disabled"] == actors["re-enabled"] == staff_id
    assert work in story[0]["detail"]
    assert status["status"] == "active"


def test_a_revoked_invitation_link_stops_working_and_the_client_is_not_invited(portal, new_email):
    staff = portal.staff_session()
    email = new_email("revoked")
    client_id = add_client(staff, portal, email)
    staff.post(portal.url(f"/api/v1/staff/clients/{client_id}/invitations"), json={})
    token = portal.token_of(portal.invitation_link(portal.wait_for_mail(email)[-1]))

    revoked = staff.post(portal.url(f"/api/v1/staff/clients/{client_id}/invitations/revoke"))

    assert revoked.status_code == 200, revoked.text
    opened = requests.get(portal.url(f"/api/v1/invitations/{token}"))
    assert opened.status_code == 410
    assert opened.json()["code"] == "invitation-revoked"
    assert status_of(staff, portal, client_id)["status"] == "not_invited"


def test_staff_copy_the_current_link_and_the_copy_is_in_the_timeline(portal, new_email):
    staff = portal.staff_session()
    email = new_email("copied")
    client_id = add_client(staff, portal, email)
    staff.post(portal.url(f"/api/v1/staff/clients/{client_id}/invitations"), json={})
    mailed = portal.invitation_link(portal.wait_for_mail(email)[-1])

    copied = staff.get(portal.url(f"/api/v1/staff/clients/{client_id}/invitations/current/link"))

    assert copied.status_code == 200
    assert copied.headers["Cache-Control"] == "no-store"
    assert copied.json()["url"] == mailed
    assert "link copied" in steps(status_of(staff, portal, client_id))


def test_a_task_assigned_to_a_client_without_an_account_invites_them_once(portal, new_email):
    staff = portal.staff_session()
    practice_id = staff.get(portal.url("/api/v1/me")).json()["practice_id"]
    email = new_email("assigned")
    client_id = add_client(staff, portal, email)
    publisher = ConfirmingPublisher(portal.stack.env["AMQP_URL"])

    # As the forms service will: two assignments, one after the other
    for _ in range(2):
        data = {"client_id": client_id, "task_kind": "form", "task_id": str(uuid.uuid4())}
        envelope = new_envelope("forms.task.assigned", data, practice_id, SystemClock())
        publisher.publish_batch([OutgoingMessage.of(envelope)])
    publisher.close()

    portal.wait_for_mail(email)
    status = eventually(lambda: status_of(staff, portal, client_id), lambda s: s["status"] == "invited")
    assert status["status"] == "invited"
    assert "automatically" in status["timeline"][0]["detail"]
    assert status["timeline"][0]["actor"] == "system"
    # A second invitation would follow within moments of the first; none may come.
    later = eventually(lambda: portal.mail_to(email), lambda mails: len(mails) > 1, timeout=3)
    assert len(later) == 1
