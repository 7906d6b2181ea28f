"""Requested uploads, the practice's file size limit and the virus scan, on SQLite and PostgreSQL, with
ClamAV's adapter talking to a local server speaking clamd's protocol (portalkit.clamd_testing): staff ask a
client for a file, the client sees it open and uploads against it, staff see it fulfilled with the document;
another client and another practice get 404; the EICAR test string is refused wherever a file comes in, with
nothing stored and the refusal recorded; with the daemon down nothing is stored either (503)."""

import dataclasses
import io

import pytest
from messaging.adapters.orm import refused_files
from messaging.adapters.virus_scanner import ClamdScanner
from portalkit.clamd_testing import EICAR, EICAR_SIGNATURE, clamd_test_server
from portalkit.testing import outbox_events
from sqlalchemy import select

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
INFECTED_PDF = PDF_BYTES + EICAR
MB = 1024 * 1024


@pytest.fixture
def clamd():
    with clamd_test_server() as (address, scanned):
        yield address, scanned


@pytest.fixture
def scanner(clamd):
    return ClamdScanner(clamd[0], timeout=5)


def ask(web, staff, client_id, **body):
    body = {"title": "Please upload a photo ID", **body}
    return web.post(f"/api/v1/staff/clients/{client_id}/upload-requests", json=body, headers=staff.headers)


def send_file(web, who, path, data=PDF_BYTES, name="id.pdf"):
    return web.post(path, data={"file": (io.BytesIO(data), name)}, headers=who.headers)


def stored_objects(tmp_path):
    return [p for p in (tmp_path / "objects").rglob("*") if p.is_file()]


def published(engine):
    return [(event.type, event.version, event.data) for event in outbox_events(engine)]


def test_staff_ask_the_client_uploads_against_it_and_staff_see_it_fulfilled(web, ana, dana, engine, clamd):
    asked = ask(web, dana, ana.client_id, note="Front and back, please.", due_on="2026-01-09")
    assert asked.status_code == 201, asked.json
    request = asked.json
    assert (request["status"], request["note"], request["due_on"]) == ("open", "Front and back, please.", "2026-01-09")
    mine = web.get("/api/v1/upload-requests", headers=ana.headers).json
    assert ([r["id"] for r in mine["items"]], mine["open"]) == ([request["id"]], 1)

    answer = send_file(web, ana, f"/api/v1/upload-requests/{request['id']}/file")
    assert answer.status_code == 201, answer.json
    document = answer.json["document"]
    assert (answer.json["request"]["status"], answer.json["request"]["document_id"]) == ("fulfilled", document["id"])
    assert (document["origin"], document["title"]) == ("client", "Please upload a photo ID")
    assert web.get("/api/v1/upload-requests", headers=ana.headers).json["open"] == 0

    seen = web.get(f"/api/v1/staff/clients/{ana.client_id}/upload-requests", headers=dana.headers).json
    assert [(r["status"], r["document_id"]) for r in seen["items"]] == [("fulfilled", document["id"])]
    listed = web.get(f"/api/v1/staff/clients/{ana.client_id}/documents", headers=dana.headers).json
    assert [d["id"] for d in listed["items"]] == [document["id"]]
    assert web.get(f"/api/v1/staff/documents/{document['id']}/file", headers=dana.headers).data == PDF_BYTES
    assert clamd[1] == [len(PDF_BYTES)]
    events = published(engine)
    assert [(kind, version) for kind, version, _ in events] == [
        ("messaging.upload.requested", 1),
        ("messaging.task.assigned", 1),
        ("messaging.upload.received", 2),
    ]
    assert events[1][2] == {"client_id": ana.client_id, "task_kind": "upload", "task_id": request["id"]}
    assert events[2][2] == {"document_id": document["id"], "client_id": ana.client_id, "request_id": request["id"]}
    assert not any("photo" in str(data) for _, _, data in events)


def test_a_request_is_fulfilled_once_and_a_cancelled_one_is_gone_for_the_client(web, ana, dana):
    first, second = ask(web, dana, ana.client_id).json, ask(web, dana, ana.client_id, title="Referral letter").json
    send_file(web, ana, f"/api/v1/upload-requests/{first['id']}/file")

    again = send_file(web, ana, f"/api/v1/upload-requests/{first['id']}/file")
    assert (again.status_code, again.json["code"]) == (409, "request-closed")
    cancelled = web.post(f"/api/v1/staff/upload-requests/{second['id']}/cancel", headers=dana.headers)
    assert (cancelled.status_code, cancelled.json["status"]) == (200, "cancelled")
    assert web.post(f"/api/v1/staff/upload-requests/{second['id']}/cancel", headers=dana.headers).status_code == 409
    assert send_file(web, ana, f"/api/v1/upload-requests/{second['id']}/file").status_code == 404
    assert [r["id"] for r in web.get("/api/v1/upload-requests", headers=ana.headers).json["items"]] == [first["id"]]
    staff_view = web.get(f"/api/v1/staff/clients/{ana.client_id}/upload-requests", headers=dana.headers).json
    assert sorted(r["status"] for r in staff_view["items"]) == ["cancelled", "fulfilled"]
    assert len(web.get("/api/v1/uploads", headers=ana.headers).json["items"]) == 1


def test_another_client_and_another_practice_get_404(web, ana, dana, person, tmp_path):
    request = ask(web, dana, ana.client_id).json
    ben, outsider = person("client"), person("owner", practice_id="practice-b")

    assert send_file(web, ben, f"/api/v1/upload-requests/{request['id']}/file").status_code == 404
    assert web.get("/api/v1/upload-requests", headers=ben.headers).json["items"] == []
    assert (
        web.post(f"/api/v1/staff/upload-requests/{request['id']}/cancel", headers=outsider.headers).status_code == 404
    )
    assert ask(web, outsider, ana.client_id).status_code == 404
    assert (
        web.get(f"/api/v1/staff/clients/{ana.client_id}/upload-requests", headers=outsider.headers).json["items"] == []
    )
    assert web.get("/api/v1/upload-requests", headers=dana.headers).status_code == 403
    assert stored_objects(tmp_path) == []


def test_bad_requests_are_named_and_nothing_is_kept(web, ana, dana, engine):
    answer = ask(web, dana, ana.client_id, title="  ", due_on="2026-01-04", colour="blue")
    assert answer.status_code == 422
    assert sorted(answer.json["errors"]) == ["colour"]
    assert sorted(ask(web, dana, ana.client_id, title=" \t ").json["errors"]) == ["title"]
    assert sorted(ask(web, dana, ana.client_id, due_on="2026-01-04").json["errors"]) == ["due_on"]
    assert sorted(ask(web, dana, ana.client_id, note="x" * 1001).json["errors"]) == ["note"]

    assert web.get(f"/api/v1/staff/clients/{ana.client_id}/upload-requests", headers=dana.headers).json["items"] == []
    assert published(engine) == []


def thread_with(web, ana):
    return web.post("/api/v1/threads", json={"subject": "Letter", "text": "Here"}, headers=ana.headers).json["id"]


def test_the_eicar_string_is_refused_wherever_a_file_comes_in_and_nothing_is_stored(web, ana, dana, engine, tmp_path):
    request = ask(web, dana, ana.client_id).json
    thread_id = thread_with(web, ana)
    paths = [
        (ana, f"/api/v1/upload-requests/{request['id']}/file", "upload"),
        (ana, "/api/v1/uploads", "upload"),
        (dana, f"/api/v1/staff/clients/{ana.client_id}/documents", "document"),
        (ana, f"/api/v1/threads/{thread_id}/attachments", "attachment"),
    ]
    for who, path, _ in paths:
        refused = send_file(web, who, path, INFECTED_PDF)
        assert (refused.status_code, refused.content_type) == (422, "application/problem+json"), path
        assert refused.json["errors"] == {"file": ["This file cannot be accepted."]}

    assert stored_objects(tmp_path) == []
    assert web.get(f"/api/v1/staff/clients/{ana.client_id}/documents", headers=dana.headers).json["items"] == []
    assert web.get("/api/v1/upload-requests", headers=ana.headers).json["items"][0]["status"] == "open"
    with engine.connect() as connection:
        logged = connection.execute(select(refused_files).order_by(refused_files.c.at, refused_files.c.target)).all()
    assert sorted((row.actor_id, row.target, row.signature) for row in logged) == sorted(
        (who.account_id, target, EICAR_SIGNATURE) for who, _, target in paths
    )
    files = [kind for kind, _, _ in published(engine) if kind.startswith(("messaging.upload", "messaging.document"))]
    assert files == ["messaging.upload.requested"]


def test_with_the_scanner_unreachable_nothing_is_stored(app, web, ana, dana, tmp_path):
    request = ask(web, dana, ana.client_id).json
    app.extensions["messaging_threads"] = _with_scanner(app, ClamdScanner("127.0.0.1:9", timeout=2))

    for path in (f"/api/v1/upload-requests/{request['id']}/file", "/api/v1/uploads"):
        answer = send_file(web, ana, path)
        assert (answer.status_code, answer.json["code"]) == (503, "virus-scan-unavailable")
    assert stored_objects(tmp_path) == []
    assert web.get("/api/v1/uploads", headers=ana.headers).json["items"] == []
    assert web.get("/api/v1/upload-requests", headers=ana.headers).json["open"] == 1


def _with_scanner(app, scanner):
    return dataclasses.replace(app.extensions["messaging_threads"], scanner=scanner)


def test_the_practice_limits_the_size_of_a_file_between_1_mb_and_the_ceiling(web, ana, dana, person, tmp_path):
    owner = person("owner")
    before = web.get("/api/v1/staff/messaging/settings", headers=dana.headers).json
    assert (before["upload_max_bytes"], before["upload_ceiling_bytes"]) == (10 * MB, 10 * MB)

    assert (
        web.put(
            "/api/v1/staff/messaging/settings/uploads", json={"upload_max_bytes": MB}, headers=dana.headers
        ).status_code
        == 403
    )
    for wrong in (MB - 1, 10 * MB + 1, "2MB"):
        refused = web.put(
            "/api/v1/staff/messaging/settings/uploads", json={"upload_max_bytes": wrong}, headers=owner.headers
        )
        assert (refused.status_code, list(refused.json["errors"])) == (422, ["upload_max_bytes"])
    saved = web.put(
        "/api/v1/staff/messaging/settings/uploads", json={"upload_max_bytes": 3 * MB // 2}, headers=owner.headers
    )
    assert saved.json == {"upload_max_bytes": 3 * MB // 2, "upload_ceiling_bytes": 10 * MB}

    too_big = send_file(web, ana, "/api/v1/uploads", PDF_BYTES + b"x" * (2 * MB))
    assert (too_big.status_code, too_big.json["errors"]) == (422, {"file": ["A file can be at most 1.5 MB."]})
    request = ask(web, dana, ana.client_id).json
    assert (
        send_file(web, ana, f"/api/v1/upload-requests/{request['id']}/file", PDF_BYTES + b"x" * (2 * MB)).status_code
        == 422
    )
    assert send_file(web, ana, "/api/v1/uploads", PDF_BYTES + b"x" * MB).status_code == 201
    # The business hours keep the limit, and the limit keeps the hours.
    hours = {"time_zone": "Europe/Lisbon", "hours": [{"weekday": 0, "starts": "09:00", "ends": "17:00"}]}
    assert (
        web.put("/api/v1/staff/messaging/settings", json=hours, headers=owner.headers).json["upload_max_bytes"]
        == 3 * MB // 2
    )
    assert web.get("/api/v1/staff/messaging/settings", headers=dana.headers).json["time_zone"] == "Europe/Lisbon"
    other = person("owner", practice_id="practice-b")
    assert web.get("/api/v1/staff/messaging/settings", headers=other.headers).json["upload_max_bytes"] == 10 * MB
