"""A client signs the exact version shown; the evidence is kept; the signed PDF downloads; a new
version of the document asks the client to sign again."""

import base64
import hashlib
import io

from forms.adapters.orm import audit_reads
from forms.domain.builtins import BUILTINS
from PIL import Image
from sqlalchemy import select


def png_data_url(size=(120, 40)):
    drawn = io.BytesIO()
    Image.new("RGBA", size, (20, 20, 80, 255)).save(drawn, format="PNG")
    return "data:image/png;base64," + base64.b64encode(drawn.getvalue()).decode()


PNG = png_data_url()


def sign(web, assignment_id, headers, **body):
    return web.post(f"/api/v1/assignments/{assignment_id}/sign", json=body, headers=headers)


def test_signing_keeps_the_evidence_of_who_when_where_and_exactly_what(web, assign, signed_in, client_id, events):
    given = assign("informed-consent").json
    account = "1b0c5d0e-1111-4000-8000-000000000001"
    client = signed_in("client", profile_id=client_id, account_id=account)
    headers = {**client, "X-Forwarded-For": "203.0.113.9", "User-Agent": "PhoneBrowser/1.0"}
    shown = web.get(f"/api/v1/assignments/{given['id']}", headers=client).json["template_version"]

    signed = sign(web, given["id"], headers, full_name="  Robin   Doe ", agree=True, drawing=PNG)

    assert signed.status_code == 200, signed.json
    assert signed.json["status"] == "completed"
    evidence = web.get(f"/api/v1/staff/assignments/{given['id']}", headers=signed_in("clinician")).json["signature"]
    digest = hashlib.sha256(BUILTINS["informed-consent"].canonical_text().encode()).hexdigest()
    assert evidence["document_sha256"] == shown["content_sha256"] == digest
    assert (evidence["full_name"], evidence["account_id"]) == ("Robin Doe", account)
    assert (evidence["ip"], evidence["user_agent"]) == ("203.0.113.9", "PhoneBrowser/1.0")
    assert evidence["signed_at"] == "2026-01-05T09:00:00Z" and evidence["has_drawing"] is True
    assert [e.data["signature_id"] for e in events("forms.consent.signed")] == [evidence["id"]]


def test_signing_needs_the_name_and_the_agreement(web, assign, as_client):
    given = assign("practice-policies").json

    refused = sign(web, given["id"], as_client, full_name=" ", agree=False, drawing="data:text/html;base64,PGI+")
    truncated = sign(web, given["id"], as_client, full_name="Robin", agree=True, drawing=PNG[:-40])
    huge = sign(web, given["id"], as_client, full_name="Robin", agree=True, drawing=png_data_url((4000, 100)))

    assert refused.status_code == 422
    assert set(refused.json["errors"]) == {"full_name", "agree", "drawing"}
    assert [set(r.json["errors"]) for r in (truncated, huge)] == [{"drawing"}, {"drawing"}]
    assert web.get(f"/api/v1/assignments/{given['id']}", headers=as_client).json["status"] == "pending"


def test_a_consent_is_signed_not_submitted_and_a_form_is_not_signed(web, assign, as_client):
    consent = assign("privacy-acknowledgement").json
    form = assign("gad-7").json

    submitted = web.post(f"/api/v1/assignments/{consent['id']}/submit", json={"answers": {}}, headers=as_client)
    signed = sign(web, form["id"], as_client, full_name="Robin Doe", agree=True)

    assert (submitted.status_code, submitted.json["code"]) == (409, "consent-must-be-signed")
    assert (signed.status_code, signed.json["code"]) == (409, "not-a-consent")


def test_the_signed_pdf_downloads_as_an_attachment_for_client_and_staff_and_is_audited(
    web, assign, as_client, signed_in, engine
):
    given = assign("informed-consent").json
    sign(web, given["id"], as_client, full_name="Robin Doe", agree=True, drawing=PNG)

    mine = web.get(f"/api/v1/assignments/{given['id']}/signed-document", headers=as_client)
    staffs = web.get(f"/api/v1/staff/assignments/{given['id']}/signed-document", headers=signed_in("admin"))

    for download in (mine, staffs):
        assert download.status_code == 200
        assert download.mimetype == "application/pdf" and download.data.startswith(b"%PDF")
        assert download.headers["Content-Disposition"].startswith("attachment;")
    with engine.connect() as connection:
        rows = connection.execute(select(audit_reads).where(audit_reads.c.assignment_id == given["id"])).all()
    assert sorted((row.action, row.actor_role) for row in rows) == [
        ("download_signed_pdf", "admin"),
        ("download_signed_pdf", "client"),
    ]
    assert (
        web.get(f"/api/v1/staff/assignments/{given['id']}/signed-document", headers=signed_in("front_desk")).status_code
        == 403
    )


def test_an_unsigned_consent_has_no_pdf(web, assign, as_client):
    given = assign("informed-consent").json
    assert web.get(f"/api/v1/assignments/{given['id']}/signed-document", headers=as_client).status_code == 404


def test_a_new_version_of_a_consent_asks_signers_to_sign_again(web, signed_in, as_client, client_id, events):
    owner = signed_in("owner")
    copy = web.post("/api/v1/staff/templates/copies", json={"builtin": "practice-policies"}, headers=owner).json
    given = web.post(
        f"/api/v1/staff/clients/{client_id}/assignments", json={"template": copy["id"]}, headers=owner
    ).json
    sign(web, given["id"], as_client, full_name="Robin Doe", agree=True)
    detail = web.get(f"/api/v1/staff/templates/{copy['id']}", headers=owner).json
    new_text = {**detail["content"], "document": detail["content"]["document"] + "\nLate fee: $60."}
    new_text.pop("instrument")

    edited = web.put(f"/api/v1/staff/templates/{copy['id']}", json=new_text, headers=owner)

    assert edited.status_code == 200, edited.json
    assert (edited.json["version"], edited.json["resign_requested"]) == (2, 1)
    old = web.get(f"/api/v1/staff/assignments/{given['id']}", headers=owner).json
    assert old["signature"]["needs_resigning"] is True and old["status"] == "completed"
    items = web.get("/api/v1/assignments", headers=as_client).json["items"]
    renewal = next(a for a in items if a["status"] == "pending")
    assert renewal["replaces_id"] == given["id"] and renewal["template_version_id"] == edited.json["version_id"]
    assert [e.data["replaces_id"] for e in events("forms.assignment.created")] == [None, given["id"]]
