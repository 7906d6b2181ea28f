"""Files with secure messages on SQLite and PostgreSQL, in a local folder store: uploaded, sent with a
message, downloaded by the other side as an attachment (each download logged); a renamed program is
refused; a retracted message's file is gone for everyone; another client and another practice get 404."""

import io

import boto3
import pytest
from messaging.adapters.orm import attachment_downloads
from sqlalchemy import select

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def thread(web, ana, clock):
    answer = web.post("/api/v1/threads", json={"subject": "Letter", "text": "Here it is"}, headers=ana.headers)
    clock.advance(minutes=1)  # the messages that follow come after it
    return answer.json


def upload(web, who, base, thread_id, data, name):
    form = {"file": (io.BytesIO(data), name)}
    return web.post(f"{base}/threads/{thread_id}/attachments", data=form, headers=who.headers)


def test_a_client_sends_a_pdf_and_staff_download_it(web, ana, dana, thread, engine):
    uploaded = upload(web, ana, "/api/v1", thread["id"], PDF_BYTES, "work letter.pdf")
    assert uploaded.status_code == 201, uploaded.json
    assert (uploaded.json["content_type"], uploaded.json["size"]) == ("application/pdf", len(PDF_BYTES))
    body = {"text": "The signed letter", "attachment_ids": [uploaded.json["id"]]}
    sent = web.post(f"/api/v1/threads/{thread['id']}/messages", json=body, headers=ana.headers)
    assert [a["filename"] for a in sent.json["attachments"]] == ["work letter.pdf"]

    opened = web.get(f"/api/v1/staff/threads/{thread['id']}", headers=dana.headers).json
    (attachment,) = opened["messages"][1]["attachments"]
    download = web.get(f"/api/v1/staff/threads/{thread['id']}/attachments/{attachment['id']}", headers=dana.headers)

    assert (download.status_code, download.data, download.mimetype) == (200, PDF_BYTES, "application/pdf")
    assert download.headers["Content-Disposition"].startswith('attachment; filename="work letter.pdf"')
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    with engine.connect() as connection:
        (logged,) = connection.execute(select(attachment_downloads)).all()
    assert (logged.attachment_id, logged.actor_id, logged.side) == (attachment["id"], dana.account_id, "staff")


def test_a_renamed_program_is_refused_and_nothing_is_kept(web, ana, thread, engine):
    refused = upload(web, ana, "/api/v1", thread["id"], b"MZ\x90\x00\x03" + b"\x00" * 200, "invoice.pdf")

    assert (refused.status_code, refused.content_type) == (422, "application/problem+json")
    assert "Programs" in refused.json["errors"]["file"][0]
    too_big = upload(web, ana, "/api/v1", thread["id"], b"%PDF-" + b"x" * (10 * 1024 * 1024), "big.pdf")
    assert (too_big.status_code, list(too_big.json["errors"])) == (422, ["file"])


def test_only_ones_own_unsent_upload_can_be_sent(web, ana, dana, thread):
    theirs = upload(web, dana, "/api/v1/staff", thread["id"], PDF_BYTES, "plan.pdf").json
    body = {"text": "Taking theirs", "attachment_ids": [theirs["id"]]}

    refused = web.post(f"/api/v1/threads/{thread['id']}/messages", json=body, headers=ana.headers)

    assert (refused.status_code, list(refused.json["errors"])) == (422, ["attachment_ids"])
    unsent = web.get(f"/api/v1/threads/{thread['id']}/attachments/{theirs['id']}", headers=ana.headers)
    assert unsent.status_code == 404


def test_a_retracted_messages_file_is_gone_and_strangers_get_404(web, ana, dana, person, thread):
    uploaded = upload(web, ana, "/api/v1", thread["id"], PDF_BYTES, "wrong.pdf").json
    body = {"text": "oops", "attachment_ids": [uploaded["id"]]}
    message = web.post(f"/api/v1/threads/{thread['id']}/messages", json=body, headers=ana.headers).json
    path = f"/threads/{thread['id']}/attachments/{uploaded['id']}"
    ben, outsider = person("client"), person("owner", practice_id="practice-b")
    assert web.get(f"/api/v1{path}", headers=ben.headers).status_code == 404
    assert web.get(f"/api/v1/staff{path}", headers=outsider.headers).status_code == 404
    assert upload(web, ben, "/api/v1", thread["id"], PDF_BYTES, "x.pdf").status_code == 404
    assert web.get(f"/api/v1/staff{path}", headers=dana.headers).status_code == 200

    web.post(f"/api/v1/threads/{thread['id']}/messages/{message['id']}/retract", headers=ana.headers)

    assert web.get(f"/api/v1/staff{path}", headers=dana.headers).status_code == 404
    seen = web.get(f"/api/v1/staff/threads/{thread['id']}", headers=dana.headers).json["messages"][1]
    assert seen["attachments"] == []


def test_with_s3_storage_the_file_goes_to_the_bucket_under_a_random_key(s3_web, ana, dana, clock, s3_endpoint):
    thread = s3_web.post("/api/v1/threads", json={"subject": "Scan", "text": "Card"}, headers=ana.headers).json
    clock.advance(minutes=1)
    stored = upload(s3_web, ana, "/api/v1", thread["id"], PDF_BYTES, "card.pdf").json
    body = {"text": "Attached", "attachment_ids": [stored["id"]]}
    s3_web.post(f"/api/v1/threads/{thread['id']}/messages", json=body, headers=ana.headers)

    download = s3_web.get(f"/api/v1/staff/threads/{thread['id']}/attachments/{stored['id']}", headers=dana.headers)

    assert (download.status_code, download.data) == (200, PDF_BYTES)
    listing = boto3.client(
        "s3", endpoint_url=s3_endpoint, region_name="us-east-1", aws_access_key_id="t", aws_secret_access_key="t"
    ).list_objects_v2(Bucket="portal-objects")
    keys = [item["Key"] for item in listing.get("Contents", [])]
    assert any(key.startswith("messaging/attachments/") for key in keys)
    assert not any("card" in key for key in keys)
