"""Through the gateway, against the real stack: the email provider's signed bounce of an invitation email
marks it bounced and staff see "invitation email bounced" in the client's portal timeline (an unsigned or
badly signed report is 400); a client who chose texts is texted of a new secure message (never its text)
and of a shared document (never its name), and emailed too when they chose both."""

import json
import secrets
import time
from pathlib import Path

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


def texts_to(portal, phone):
    folder = Path(portal.stack.env["VAR_DIR"]) / "sms"
    files = sorted(folder.glob("*.txt"), key=lambda p: p.stat().st_mtime_ns) if folder.exists() else []
    return [f.read_text() for f in files if f.read_text().startswith(f"To: {phone}\n")]


def test_a_client_who_chose_texts_is_texted_of_messages_and_documents(portal, client_account):
    person = client_account("Linden")
    client = portal.session_of(person["email"], person["password"])
    staff = portal.staff_session()
    phone = f"+1555{secrets.randbelow(10**7):07d}"
    assert client.get(portal.url(PREFERENCES)).json()["channel"] == "email"

    refused = client.put(portal.url(PREFERENCES), json={"channel": "sms", "mobile": "555-0101"})
    chosen = client.put(portal.url(PREFERENCES), json={"channel": "both", "mobile": phone})

    assert (refused.status_code, list(refused.json()["errors"])) == (422, ["mobile"])
    assert (chosen.status_code, chosen.json()["channel"]) == (200, "both")
    secret_words = f"private words {secrets.token_hex(3)}"
    body = {"client_id": person["id"], "subject": "Plan", "text": secret_words}
    thread = staff.post(portal.url("/api/v1/staff/threads"), json=body)
    assert thread.status_code == 201, thread.text
    wait_until(lambda: len(texts_to(portal, phone)) >= 1)
    (text,) = texts_to(portal, phone)
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
    wait_until(lambda: len(texts_to(portal, phone)) >= 2)
    document_text = texts_to(portal, phone)[-1]
    assert "shared a document with you" in document_text and "/documents" in document_text
    email = portal.wait_for_mail_about(person["email"], "shared a document with you")
    content = str(email.get_body(preferencelist=("plain",)).get_content())
    for told in (document_text, content, str(email["Subject"])):
        assert "Discharge" not in told and "discharge summary" not in told
