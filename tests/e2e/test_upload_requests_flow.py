"""Through the gateway, against the real stack (messaging scanning every file with a local server speaking
clamd's protocol): staff ask a client for a file; it is a task on the client's dashboard until the client
uploads against it; staff then see the request fulfilled and the file among the client's documents. Another
client gets 404; a file carrying the EICAR test string is refused and nothing is kept; the practice's own
size limit refuses a larger file, naming the limit."""

import datetime as dt

import pytest
from portalkit.clamd_testing import EICAR

pytestmark = pytest.mark.e2e
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
MB = 1024 * 1024


def test_a_requested_file_is_a_task_until_the_client_sends_it_and_staff_see_it(portal, client_account):
    person, other = client_account("Quinn"), client_account("Rowan")
    client = portal.session_of(person["email"], person["password"])
    stranger = portal.session_of(other["email"], other["password"])
    staff = portal.staff_session()
    requests_path = portal.url(f"/api/v1/staff/clients/{person['id']}/upload-requests")
    due_on = (dt.date.today() + dt.timedelta(days=7)).isoformat()

    body = {"title": "Please upload a photo ID", "note": "Both sides", "due_on": due_on}
    asked = staff.post(requests_path, json=body)
    assert asked.status_code == 201, asked.text
    request_id = asked.json()["id"]
    tasks = client.get(portal.url("/api/v1/dashboard")).json()["tasks"]
    assert [(t["kind"], t["title"], t["due_on"], t["url"]) for t in tasks] == [
        ("upload", "Please upload a photo ID", due_on, f"/documents#request-{request_id}")
    ]
    file_path = portal.url(f"/api/v1/upload-requests/{request_id}/file")
    assert stranger.post(file_path, files={"file": ("id.pdf", PDF)}).status_code == 404
    assert stranger.get(portal.url("/api/v1/upload-requests")).json()["items"] == []

    infected = client.post(file_path, files={"file": ("id.pdf", PDF + EICAR)})
    assert (infected.status_code, infected.json()["errors"]) == (422, {"file": ["This file cannot be accepted."]})
    assert staff.get(portal.url(f"/api/v1/staff/clients/{person['id']}/documents")).json()["items"] == []

    sent = client.post(file_path, files={"file": ("photo id.pdf", PDF)})
    assert sent.status_code == 201, sent.text
    document_id = sent.json()["document"]["id"]
    assert client.get(portal.url("/api/v1/dashboard")).json()["tasks"] == []
    seen = staff.get(requests_path).json()["items"]
    assert [(r["status"], r["document_id"]) for r in seen] == [("fulfilled", document_id)]
    documents = staff.get(portal.url(f"/api/v1/staff/clients/{person['id']}/documents")).json()["items"]
    assert [(d["id"], d["origin"]) for d in documents] == [(document_id, "client")]
    assert staff.get(portal.url(f"/api/v1/staff/documents/{document_id}/file")).content == PDF


def test_the_eicar_string_is_refused_everywhere_and_the_practice_limits_file_size(portal, client_account):
    person = client_account("Sage")
    client = portal.session_of(person["email"], person["password"])
    staff = portal.staff_session()
    limit_path = portal.url("/api/v1/staff/messaging/settings/uploads")

    for path, session in (
        ("/api/v1/uploads", client),
        (f"/api/v1/staff/clients/{person['id']}/documents", staff),
    ):
        refused = session.post(portal.url(path), files={"file": ("letter.pdf", PDF + EICAR)})
        assert (refused.status_code, refused.json()["errors"]) == (422, {"file": ["This file cannot be accepted."]})
    assert client.get(portal.url("/api/v1/uploads")).json()["items"] == []

    ceiling = staff.get(portal.url("/api/v1/staff/messaging/settings")).json()["upload_ceiling_bytes"]
    try:
        assert staff.put(limit_path, json={"upload_max_bytes": 2 * MB}).status_code == 200
        too_big = client.post(portal.url("/api/v1/uploads"), files={"file": ("big.pdf", PDF + b"x" * (3 * MB))})
        assert (too_big.status_code, too_big.json()["errors"]) == (422, {"file": ["A file can be at most 2 MB."]})
        assert staff.put(limit_path, json={"upload_max_bytes": ceiling + 1}).status_code == 422
    finally:
        staff.put(limit_path, json={"upload_max_bytes": ceiling})
    again = client.post(portal.url("/api/v1/uploads"), files={"file": ("big.pdf", PDF + b"x" * (3 * MB))})
    assert again.status_code == 201, again.text
