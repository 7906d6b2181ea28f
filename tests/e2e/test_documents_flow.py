"""Through the gateway, against the real stack: staff share a document asking for an acknowledgement; the
client's dashboard counts it waiting, the client downloads it (as an attachment) and acknowledges it;
the client uploads a file staff then download; a renamed program and an HTML page are refused; another
client and another practice's staff get 404."""

import secrets

import pytest

pytestmark = pytest.mark.e2e
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_shared_document_is_waiting_downloaded_and_acknowledged(portal, client_account):
    person = client_account("Marlo")
    client = portal.session_of(person["email"], person["password"])
    staff = portal.staff_session()
    documents = portal.url(f"/api/v1/staff/clients/{person['id']}/documents")

    shared = staff.post(
        documents,
        files={"file": ("care plan.pdf", PDF, "application/pdf")},
        data={"title": "Care plan", "needs_acknowledgement": "true"},
    )
    assert shared.status_code == 201, shared.text
    document_id = shared.json()["id"]
    assert client.get(portal.url("/api/v1/dashboard")).json()["documents_waiting"] == 1

    download = client.get(portal.url(f"/api/v1/documents/{document_id}/file"))
    assert (download.status_code, download.content) == (200, PDF)
    assert download.headers["Content-Disposition"].startswith('attachment; filename="care plan.pdf"')
    acknowledged = client.post(portal.url(f"/api/v1/documents/{document_id}/acknowledge"))
    assert acknowledged.status_code == 200, acknowledged.text
    assert client.get(portal.url("/api/v1/dashboard")).json()["documents_waiting"] == 0
    seen = staff.get(documents).json()["items"]
    assert [(d["id"], d["acknowledged_at"] is not None) for d in seen] == [(document_id, True)]


def test_client_uploads_reach_staff_and_strangers_get_404(portal, client_account, new_email):
    person, other = client_account("Nico"), client_account("Oren")
    client = portal.session_of(person["email"], person["password"])
    stranger = portal.session_of(other["email"], other["password"])
    staff = portal.staff_session()

    program = client.post(portal.url("/api/v1/uploads"), files={"file": ("card.png", b"MZ\x90\x00" + b"\x00" * 500)})
    page = client.post(portal.url("/api/v1/uploads"), files={"file": ("card.pdf", b"<html><script></script></html>")})
    for refused in (program, page):
        assert (refused.status_code, list(refused.json()["errors"])) == (422, ["file"])

    stored = client.post(portal.url("/api/v1/uploads"), files={"file": ("card.png", PNG)}, data={"title": "Card"})
    assert stored.status_code == 201, stored.text
    upload_id = stored.json()["id"]
    listed = staff.get(portal.url(f"/api/v1/staff/clients/{person['id']}/documents")).json()["items"]
    assert [(d["id"], d["origin"]) for d in listed] == [(upload_id, "client")]
    assert staff.get(portal.url(f"/api/v1/staff/documents/{upload_id}/file")).content == PNG

    email, password = new_email("elsewhere"), f"far meadow lantern {secrets.token_hex(3)}"
    command = ["create-staff", "--practice-name", f"Elsewhere {secrets.token_hex(3)}", "--email", email]
    portal.stack.run_cli("identity", *command, "--password", password, "--role", "owner")
    elsewhere = portal.session_of(email, password)
    assert stranger.get(portal.url(f"/api/v1/uploads/{upload_id}/file")).status_code == 404
    assert elsewhere.get(portal.url(f"/api/v1/staff/documents/{upload_id}/file")).status_code == 404
    assert elsewhere.get(portal.url(f"/api/v1/staff/clients/{person['id']}/documents")).json()["items"] == []
