"""Documents on SQLite and PostgreSQL: staff share one with a client, asking for an acknowledgement; the
client lists it as waiting, downloads it (logged, as an attachment) and acknowledges it; the client's own
uploads are seen by staff; renamed programs and web pages are refused; another client and another
practice's staff get 404; on S3 the bytes go to the bucket under a random key."""

import io

import boto3
import pytest
from messaging.adapters.orm import document_access
from portalkit.testing import outbox_events
from sqlalchemy import select

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def share(web, staff, client_id, data=PDF_BYTES, name="plan.pdf", **fields):
    form = {"file": (io.BytesIO(data), name), **fields}
    return web.post(f"/api/v1/staff/clients/{client_id}/documents", data=form, headers=staff.headers)


def upload(web, client, data=PNG_BYTES, name="insurance card.png", **fields):
    return web.post("/api/v1/uploads", data={"file": (io.BytesIO(data), name), **fields}, headers=client.headers)


def published(engine):
    return [(event.type, event.data) for event in outbox_events(engine)]


def test_staff_share_a_document_the_client_downloads_and_acknowledges_it(web, ana, dana, engine):
    shared = share(web, dana, ana.client_id, title="Treatment plan", needs_acknowledgement="true")
    assert shared.status_code == 201, shared.json
    document = shared.json
    assert (document["title"], document["content_type"], document["waiting"]) == (
        "Treatment plan",
        "application/pdf",
        True,
    )

    listed = web.get("/api/v1/documents", headers=ana.headers).json
    assert ([d["id"] for d in listed["items"]], listed["waiting"]) == ([document["id"]], 1)
    download = web.get(f"/api/v1/documents/{document['id']}/file", headers=ana.headers)
    assert (download.status_code, download.data, download.mimetype) == (200, PDF_BYTES, "application/pdf")
    assert download.headers["Content-Disposition"].startswith('attachment; filename="plan.pdf"')
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    # Opened but not acknowledged yet: still waiting.
    assert web.get("/api/v1/documents/waiting", headers=ana.headers).json == {"waiting": 1}

    acknowledged = web.post(f"/api/v1/documents/{document['id']}/acknowledge", headers=ana.headers)
    assert acknowledged.status_code == 200
    assert acknowledged.json["acknowledged_at"] is not None
    assert web.get("/api/v1/documents/waiting", headers=ana.headers).json == {"waiting": 0}
    with engine.connect() as connection:
        logged = connection.execute(select(document_access).order_by(document_access.c.at)).all()
    assert [(row.actor_id, row.side, row.action) for row in logged] == [
        (ana.account_id, "client", "download"),
        (ana.account_id, "client", "acknowledge"),
    ]
    events = published(engine)
    assert [kind for kind, _ in events] == [
        "messaging.document.shared",
        "messaging.task.assigned",
        "messaging.document.acknowledged",
    ]
    assert not any("plan" in str(data) or "Treatment" in str(data) for _, data in events)


def test_a_document_without_acknowledgement_stops_waiting_once_opened(web, ana, dana):
    document = share(web, dana, ana.client_id).json
    assert document["title"] == "plan.pdf"
    assert web.get("/api/v1/documents/waiting", headers=ana.headers).json == {"waiting": 1}
    web.get(f"/api/v1/documents/{document['id']}/file", headers=ana.headers)

    assert web.get("/api/v1/documents/waiting", headers=ana.headers).json == {"waiting": 0}
    refused = web.post(f"/api/v1/documents/{document['id']}/acknowledge", headers=ana.headers)
    assert (refused.status_code, refused.json["type"].rsplit("/", 1)[-1]) == (409, "nothing-to-acknowledge")


def test_the_client_uploads_and_staff_see_and_download_it(web, ana, dana, engine):
    uploaded = upload(web, ana, title="Insurance card")
    assert uploaded.status_code == 201, uploaded.json
    assert (uploaded.json["origin"], uploaded.json["content_type"]) == ("client", "image/png")
    assert [d["id"] for d in web.get("/api/v1/uploads", headers=ana.headers).json["items"]] == [uploaded.json["id"]]
    # An upload is not "from your practice".
    assert web.get("/api/v1/documents", headers=ana.headers).json["items"] == []

    seen = web.get(f"/api/v1/staff/clients/{ana.client_id}/documents", headers=dana.headers).json
    assert [(d["id"], d["origin"], d["title"]) for d in seen["items"]] == [
        (uploaded.json["id"], "client", "Insurance card")
    ]
    download = web.get(f"/api/v1/staff/documents/{uploaded.json['id']}/file", headers=dana.headers)
    assert (download.status_code, download.data) == (200, PNG_BYTES)
    assert [kind for kind, _ in published(engine)] == ["messaging.upload.received"]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"MZ\x90\x00\x03" + b"\x00" * 200, "scan.pdf"),
        (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "letter.png"),
        (b"#!/bin/sh\nrm -rf /\n", "notes.docx"),
    ],
)
def test_programs_and_web_pages_are_refused_whatever_their_name(web, ana, dana, engine, data, name):
    refused = upload(web, ana, data=data, name=name)
    shared = share(web, dana, ana.client_id, data=data, name=name)

    for answer in (refused, shared):
        assert (answer.status_code, answer.content_type) == (422, "application/problem+json")
        assert list(answer.json["errors"]) == ["file"]
    assert web.get("/api/v1/uploads", headers=ana.headers).json["items"] == []
    assert published(engine) == []


def test_bad_form_fields_are_named_and_nothing_is_kept(web, ana, dana):
    answer = share(web, dana, ana.client_id, title="x" * 201, colour="blue")

    assert answer.status_code == 422
    assert sorted(answer.json["errors"]) == ["colour", "title"]
    too_big = upload(web, ana, data=b"%PDF-" + b"x" * (10 * 1024 * 1024), name="big.pdf")
    assert (too_big.status_code, list(too_big.json["errors"])) == (422, ["file"])
    assert web.get(f"/api/v1/staff/clients/{ana.client_id}/documents", headers=dana.headers).json["items"] == []


def test_another_client_and_another_practice_get_404(web, ana, dana, person):
    mine = upload(web, ana).json
    shared = share(web, dana, ana.client_id).json
    ben, outsider = person("client"), person("owner", practice_id="practice-b")

    assert web.get(f"/api/v1/uploads/{mine['id']}/file", headers=ben.headers).status_code == 404
    assert web.get(f"/api/v1/documents/{shared['id']}/file", headers=ben.headers).status_code == 404
    assert web.post(f"/api/v1/documents/{shared['id']}/acknowledge", headers=ben.headers).status_code == 404
    assert web.get(f"/api/v1/staff/documents/{mine['id']}/file", headers=outsider.headers).status_code == 404
    assert web.get(f"/api/v1/staff/clients/{ana.client_id}/documents", headers=outsider.headers).json["items"] == []
    assert share(web, outsider, ana.client_id).status_code == 404
    # Each list under its own path: an upload is not a document from the practice, and the other way round.
    assert web.get(f"/api/v1/documents/{mine['id']}/file", headers=ana.headers).status_code == 404
    assert web.get(f"/api/v1/uploads/{shared['id']}/file", headers=ana.headers).status_code == 404
    assert web.get("/api/v1/documents", headers=dana.headers).status_code == 403


def test_on_s3_uploads_and_shared_documents_go_to_the_bucket_under_random_keys(s3_web, ana, dana, person, s3_endpoint):
    mine = upload(s3_web, ana, name="ana-card.png").json
    shared = share(s3_web, dana, ana.client_id, name="ana-plan.pdf").json
    outsider = person("owner", practice_id="practice-b")

    assert s3_web.get(f"/api/v1/staff/documents/{mine['id']}/file", headers=dana.headers).data == PNG_BYTES
    assert s3_web.get(f"/api/v1/documents/{shared['id']}/file", headers=ana.headers).data == PDF_BYTES
    assert s3_web.get(f"/api/v1/staff/documents/{mine['id']}/file", headers=outsider.headers).status_code == 404
    listing = boto3.client(
        "s3", endpoint_url=s3_endpoint, region_name="us-east-1", aws_access_key_id="t", aws_secret_access_key="t"
    ).list_objects_v2(Bucket="portal-objects")
    keys = [item["Key"] for item in listing.get("Contents", [])]
    assert sum(key.startswith("messaging/documents/") for key in keys) >= 2
    assert not any("ana" in key for key in keys)
