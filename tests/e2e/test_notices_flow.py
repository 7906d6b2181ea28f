"""Through the gateway, against the real stack: the email provider's signed bounce of an invitation email
marks it bounced and staff see "invitation email bounced" in the client's portal timeline (an unsigned or
badly signed report is 400); a client's new mobile number is texted a code and, until the code comes back,
their notices go by email only (a wrong code is 422 naming `code`, a new code replaces the last); once
confirmed they are texted of a new secure message (never its text) and of a shared document (never its
name), and emailed too when they chose both."""

import datetime as dt
import json
import secrets
import time

import pytest
import requests
from messaging.domain.provider_reports import signature

pytestmark = pytest.mark.e2e
WEBHOOK = "/api/v1/messaging/webhooks/email"
PREFERENCES = "/api/v1/messaging/preferences"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"


def post_report(portal, report, secret=None):
    raw = json.dumps(report).encode()
    timestamp = str(int(time.time()))
    signed = signature(secret or portal.stack.env["EMAIL_WEBHOOK_SECRET"], timestamp, raw)
    headers = {"Content-Type": "application/json", "Webhook-Timestamp": timestamp, "Webhook-Signature": signed}
    return requests.post(portal.url(WEBHOOK), data=raw, headers=headers, timeout=10)


def timeline_statuses(staff, portal, client_id):
    status = staff.get(portal.url(f"/api/v1/staff/clients/{client_id}/portal-status"))
    assert status.status_code == 200, status.text
    return [entry["status"] for entry in status.json()["timeline"]]


def wait_until(check, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_a_signed_bounce_shows_on_the_invitation_timeline(portal, new_email, clock):
    staff = portal.staff_session()
    address = new_email("bounce")
    person = {"first_name": "Rowan", "last_name": f"Quill-{secrets.token_hex(3)}", "email": address}
    client_id = staff.post(portal.url("/api/v1/staff/clients"), json=person).json()["id"]
    assert staff.post(portal.url(f"/api/v1/staff/clients/{client_id}/invitations"), json={}).status_code == 201
    invitation = portal.wait_for_mail(address)[-1]
    wait_until(lambda: "invitation email sent" in timeline_statuses(staff, portal, client_id))
    report = {
        "id": f"evt_{secrets.token_hex(6)}",
        "type": "bounce",
        "bounce_type": "hard",
        "code": "5.1.1",
        "message_id": str(invitation["Message-ID"]),
    }

    forged = post_report(portal, report, secret="not the secret")
    unsigned = requests.post(portal.url(WEBHOOK), json=report, timeout=10)
    taken = post_report(portal, report)
    again = post_report(portal, report)

    assert (forged.status_code, forged.json()["code"]) == (400, "bad-signature")
    assert forged.headers["Content-Type"].startswith("application/problem+json")
    assert (unsigned.status_code, unsigned.json()["code"]) == (400, "unsigned-report")
    assert (taken.status_code, taken.json()) == (200, {"outcome": "taken"})
    assert again.json() == {"outcome": "repeated"}
    wait_until(lambda: "invitation email bounced" in timeline_statuses(staff, portal, client_id))
    assert timeline_statuses(staff, portal, client_id).count("invitation email bounced") == 1


CONFIRMATION = "/api/v1/messaging/preferences/mobile/confirmation"
NEW_CODE = "/api/v1/messaging/preferences/mobile/code"


def notices(portal, phone):
    """The texts to `phone` that are notices, not the codes confirming it."""
    return [text for text in portal.texts_to(phone) if "is your code" not in text]


def new_phone():
    return f"+1555{secrets.randbelow(10**7):07d}"


def test_until_the_number_is_confirmed_notices_go_by_email_and_the_texted_code_confirms_it(
    portal, client_account, clock
):
    person = client_account("Juniper")
    client = portal.session_of(person["email"], person["password"])
    staff = portal.staff_session()
    phone = new_phone()

    chosen = client.put(portal.url(PREFERENCES), json={"channel": "sms", "mobile": phone})

    assert (chosen.status_code, chosen.json()["mobile_confirmed"]) == (200, False)
    (code_text,) = portal.wait_for_texts(phone)
    assert "is your code to confirm this number for portal notices" in code_text
    first_code = portal.texted_code(code_text)
    body = {"client_id": person["id"], "subject": "Plan", "text": "words"}
    assert staff.post(portal.url("/api/v1/staff/threads"), json=body).status_code == 201
    portal.wait_for_mail_about(person["email"], "You have a new secure message from")
    assert notices(portal, phone) == []

    wrong = client.post(portal.url(CONFIRMATION), json={"code": "000000" if first_code != "000000" else "111111"})
    too_soon = client.post(portal.url(NEW_CODE))
    clock.shift_clock(dt.timedelta(seconds=61))
    resent = client.post(portal.url(NEW_CODE))
    new_code = portal.texted_code(portal.wait_for_texts(phone, 2)[-1])
    stale = client.post(portal.url(CONFIRMATION), json={"code": first_code})
    confirmed = client.post(portal.url(CONFIRMATION), json={"code": new_code})

    assert (wrong.status_code, list(wrong.json()["errors"])) == (422, ["code"])
    assert wrong.headers["Content-Type"].startswith("application/problem+json")
    assert (too_soon.status_code, too_soon.json()["code"]) == (429, "too-many-codes")
    assert too_soon.headers["Retry-After"] == str(too_soon.json()["retry_after"])  # through the gateway
    assert (resent.status_code, resent.json()["mobile"]) == (202, phone)
    assert (stale.status_code, list(stale.json()["errors"])) == (422, ["code"])
    assert (confirmed.status_code, confirmed.json()["mobile_confirmed"]) == (200, True)
    assert client.get(portal.url(PREFERENCES)).json()["mobile_confirmed"] is True
    assert staff.post(portal.url("/api/v1/staff/threads"), json=body).status_code == 201
    wait_until(lambda: len(notices(portal, phone)) == 1)
    assert "You have a new secure message from" in notices(portal, phone)[0]


def confirmed_number(portal, client, phone):
    code = portal.texted_code(portal.wait_for_texts(phone)[-1])
    confirmed = client.post(portal.url(CONFIRMATION), json={"code": code})
    assert confirmed.status_code == 200, confirmed.text


def test_a_client_who_chose_texts_is_texted_of_messages_and_documents(portal, client_account):
    person = client_account("Linden")
    client = portal.session_of(person["email"], person["password"])
    staff = portal.staff_session()
    phone = new_phone()
    assert client.get(portal.url(PREFERENCES)).json()["channel"] == "email"

    refused = client.put(portal.url(PREFERENCES), json={"channel": "sms", "mobile": "555-0101"})
    chosen = client.put(portal.url(PREFERENCES), json={"channel": "both", "mobile": phone})

    assert (refused.status_code, list(refused.json()["errors"])) == (422, ["mobile"])
    assert (chosen.status_code, chosen.json()["channel"]) == (200, "both")
    confirmed_number(portal, client, phone)
    secret_words = f"private words {secrets.token_hex(3)}"
    body = {"client_id": person["id"], "subject": "Plan", "text": secret_words}
    thread = staff.post(portal.url("/api/v1/staff/threads"), json=body)
    assert thread.status_code == 201, thread.text
    wait_until(lambda: len(notices(portal, phone)) >= 1)
    (text,) = notices(portal, phone)
    assert "You have a new secure message from" in text
    assert f"/messages?thread={thread.json()['id']}" in text
    assert secret_words not in text and "Plan" not in text
    portal.wait_for_mail_about(person["email"], "You have a new secure message from")

    shared = staff.post(
        portal.url(f"/api/v1/staff/clients/{person['id']}/documents"),
        files={"file": ("discharge summary.pdf", PDF, "application/pdf")},
        data={"title": "Discharge summary"},
    )
    assert shared.status_code == 201, shared.text
    wait_until(lambda: len(notices(portal, phone)) >= 2)
    document_text = notices(portal, phone)[-1]
    assert "shared a document with you" in document_text and "/documents" in document_text
    email = portal.wait_for_mail_about(person["email"], "shared a document with you")
    content = str(email.get_body(preferencelist=("plain",)).get_content())
    for told in (document_text, content, str(email["Subject"])):
        assert "Discharge" not in told and "discharge summary" not in told
