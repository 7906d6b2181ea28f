"""Through the gateway, against the real stack: a requested upload past its due date reminds the client once by
email (never what was asked), and staff read the client's notices (the invitation and the reminder, sent, newest
first, a page at a time, the address as a hint); an unknown client is 404, a client 403, a bad page 422. Cancelling
a request still answers as before (its `messaging.upload.cancelled` is checked in messaging's integration tests)."""

import datetime as dt
import time

import pytest

pytestmark = pytest.mark.e2e
REMINDER_SUBJECT = "is still waiting for a file from you"


def notices(session, portal, client_id, query=""):
    return session.get(portal.url(f"/api/v1/staff/clients/{client_id}/notices{query}"))


def wait_for_notice(session, portal, client_id, kind, status, timeout=30.0):
    deadline = time.monotonic() + timeout
    while True:
        items = notices(session, portal, client_id).json()["items"]
        found = [n for n in items if (n["kind"], n["status"]) == (kind, status)]
        if found or time.monotonic() > deadline:
            assert found, f"no {kind} {status} among {[(n['kind'], n['status']) for n in items]}"
            return found[0]
        time.sleep(0.2)


def test_an_overdue_upload_request_reminds_the_client_once_and_staff_see_their_notices(portal, client_account, clock):
    person = client_account("Marlow")
    staff = portal.staff_session()
    today = dt.datetime.now(dt.UTC).date().isoformat()
    path = portal.url(f"/api/v1/staff/clients/{person['id']}/upload-requests")
    asked = staff.post(path, json={"title": "Please upload your referral letter", "due_on": today})
    assert asked.status_code == 201, asked.text
    other = staff.post(path, json={"title": "Proof of address", "due_on": today}).json()
    cancelled = staff.post(portal.url(f"/api/v1/staff/upload-requests/{other['id']}/cancel"))
    assert (cancelled.status_code, cancelled.json()["status"]) == (200, "cancelled")

    clock.shift_clock(dt.timedelta(days=1, hours=1))
    reminder = portal.wait_for_mail_about(person["email"], REMINDER_SUBJECT)
    staff = portal.staff_session()
    seen = wait_for_notice(staff, portal, person["id"], "upload_reminder", "sent")

    body = reminder.get_body(preferencelist=("plain",)).get_content()
    assert f"/documents#request-{asked.json()['id']}" in body
    assert "referral" not in body.lower() and "proof of address" not in body.lower()
    assert (seen["channel"], seen["template"]) == ("email", "upload_reminder")
    assert seen["recipient"] == f"{person['email'][0]}***@example.test"
    listed = notices(staff, portal, person["id"]).json()
    assert [n["kind"] for n in listed["items"]][:1] == ["upload_reminder"]
    assert "invitation" in [n["kind"] for n in listed["items"]]
    assert person["email"] not in str(listed)
    first_page = notices(staff, portal, person["id"], "?limit=1").json()
    assert (len(first_page["items"]), first_page["total"]) == (1, listed["total"])

    clock.shift_clock(dt.timedelta(days=1))
    time.sleep(2)  # four sweeps
    assert len([m for m in portal.mail_to(person["email"]) if REMINDER_SUBJECT in str(m["Subject"])]) == 1


def test_the_notices_of_an_unknown_client_a_client_and_a_bad_page_are_refused(portal, client_account):
    person = client_account("Perrin")
    staff = portal.staff_session()
    client = portal.session_of(person["email"], person["password"])

    unknown = notices(staff, portal, "00000000-0000-4000-8000-000000000000")
    assert unknown.status_code == 404
    assert unknown.headers["Content-Type"].startswith("application/problem+json")
    assert notices(client, portal, person["id"]).status_code == 403
    bad = notices(staff, portal, person["id"], "?limit=0")
    assert (bad.status_code, sorted(bad.json()["errors"])) == (422, ["limit"])
