"""Through the gateway, against the real stack: a client writes to the practice and staff are emailed
that a message waits (never what it says); staff answer and the client is emailed a link; each side's
unread count and read receipts; a message retracted within 5 minutes, not after; another client and
another practice's staff get 404 for the thread."""

import datetime as dt
import secrets

import pytest
import requests

pytestmark = pytest.mark.e2e


def text_of(message):
    return str(message.get_body(preferencelist=("plain",)).get_content())


def signed_in(portal, email, password):
    session = requests.Session()
    login = session.post(portal.url("/api/v1/auth/login"), json={"email": email, "password": password}, timeout=10)
    assert login.status_code == 200, login.text
    session.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
    session.cookies.clear()
    return session


def test_a_client_and_the_practice_exchange_secure_messages(portal, client_account, clock):
    person = client_account("Jules")
    client = signed_in(portal, person["email"], person["password"])
    staff = portal.staff_session()
    secret_words = f"my private words {secrets.token_hex(3)}"

    started = client.post(portal.url("/api/v1/threads"), json={"subject": "Next week", "text": secret_words})
    assert started.status_code == 201, started.text
    thread_id = started.json()["id"]

    # Staff are told by email, without the words; the inbox shows it unread
    notice = portal.wait_for_mail_about(portal.staff_email, "New secure message")
    assert secret_words not in text_of(notice) and "Next week" not in text_of(notice)
    assert "/staff/inbox" in text_of(notice)
    inbox = staff.get(portal.url(f"/api/v1/staff/inbox?unread=true&client_id={person['id']}")).json()
    assert [(t["id"], t["unread"]) for t in inbox["items"]] == [(thread_id, 1)]

    # Staff read and answer; the client is emailed a link to the conversation, not the answer
    assert staff.post(portal.url(f"/api/v1/staff/threads/{thread_id}/read")).status_code == 200
    answer = staff.post(portal.url(f"/api/v1/staff/threads/{thread_id}/messages"), json={"text": "Tuesday works."})
    assert answer.status_code == 201, answer.text
    email = portal.wait_for_mail_about(person["email"], "You have a new secure message from")
    assert "Tuesday works" not in text_of(email)
    assert f"/messages?thread={thread_id}" in text_of(email)
    assert client.get(portal.url("/api/v1/messages/unread")).json() == {"unread": 1}
    assert client.get(portal.url("/api/v1/dashboard")).json()["unread_messages"] == 1
    opened = client.get(portal.url(f"/api/v1/threads/{thread_id}")).json()
    assert [m["read_at"] is not None for m in opened["messages"]] == [True, False]
    client.post(portal.url(f"/api/v1/threads/{thread_id}/read"))
    assert client.get(portal.url("/api/v1/messages/unread")).json() == {"unread": 0}

    # A message can be retracted for 5 minutes, not after
    late = client.post(portal.url(f"/api/v1/threads/{thread_id}/messages"), json={"text": "ignore this"}).json()
    soon = client.post(portal.url(f"/api/v1/threads/{thread_id}/messages"), json={"text": "and this"}).json()
    retracted = client.post(portal.url(f"/api/v1/threads/{thread_id}/messages/{soon['id']}/retract"))
    assert (retracted.status_code, retracted.json()["text"]) == (200, None)
    clock.shift_clock(dt.timedelta(minutes=6))
    refused = client.post(portal.url(f"/api/v1/threads/{thread_id}/messages/{late['id']}/retract"))
    assert (refused.status_code, refused.json()["code"]) == (409, "retract-window-closed")
    seen_by_staff = staff.get(portal.url(f"/api/v1/staff/threads/{thread_id}")).json()["messages"]
    assert [m["text"] for m in seen_by_staff] == [secret_words, "Tuesday works.", "ignore this", None]


def test_another_client_and_another_practice_get_404(portal, client_account, new_email):
    owner = client_account("Quinn")
    client = signed_in(portal, owner["email"], owner["password"])
    thread = client.post(portal.url("/api/v1/threads"), json={"subject": "Hello", "text": "Just checking"}).json()
    other = client_account("Remy")
    other_client = signed_in(portal, other["email"], other["password"])
    email, password = new_email("elsewhere"), f"far meadow lantern {secrets.token_hex(3)}"
    command = ["create-staff", "--practice-name", f"Elsewhere {secrets.token_hex(3)}", "--email", email]
    portal.stack.run_cli("identity", *command, "--password", password, "--role", "owner")
    elsewhere = signed_in(portal, email, password)

    for session, base in ((other_client, "/api/v1/threads"), (elsewhere, "/api/v1/staff/threads")):
        assert session.get(portal.url(f"{base}/{thread['id']}")).status_code == 404
        written = session.post(portal.url(f"{base}/{thread['id']}/messages"), json={"text": "hi"})
        assert written.status_code == 404
    assert elsewhere.get(portal.url("/api/v1/staff/inbox")).json()["items"] == []
    assert len(client.get(portal.url(f"/api/v1/threads/{thread['id']}")).json()["messages"]) == 1


def test_files_go_with_messages_and_a_renamed_program_is_refused(portal, client_account):
    person, other = client_account("Sasha"), client_account("Tal")
    client = signed_in(portal, person["email"], person["password"])
    stranger = signed_in(portal, other["email"], other["password"])
    staff = portal.staff_session()
    thread = client.post(portal.url("/api/v1/threads"), json={"subject": "Card", "text": "My card"}).json()
    uploads = portal.url(f"/api/v1/threads/{thread['id']}/attachments")

    program = client.post(uploads, files={"file": ("insurance-card.pdf", b"MZ\x90\x00" + b"\x00" * 500)})
    assert (program.status_code, list(program.json()["errors"])) == (422, ["file"])

    pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
    stored = client.post(uploads, files={"file": ("insurance-card.pdf", pdf, "application/pdf")})
    assert stored.status_code == 201, stored.text
    body = {"text": "Front and back", "attachment_ids": [stored.json()["id"]]}
    assert client.post(portal.url(f"/api/v1/threads/{thread['id']}/messages"), json=body).status_code == 201

    path = f"/threads/{thread['id']}/attachments/{stored.json()['id']}"
    download = staff.get(portal.url(f"/api/v1/staff{path}"))
    assert (download.status_code, download.content) == (200, pdf)
    assert download.headers["Content-Disposition"].startswith('attachment; filename="insurance-card.pdf"')
    assert stranger.get(portal.url(f"/api/v1{path}")).status_code == 404
