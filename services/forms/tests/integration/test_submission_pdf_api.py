"""Staff print a submission as a PDF (answers in words, hidden questions left out, an assessment's
score); the staff list carries the risk flag for clinical readers; a reopened risky PHQ-9 shows the
crisis resources again."""

import re
import zlib

from forms.adapters.orm import audit_reads
from sqlalchemy import select

INTAKE_ITEMS = [
    {"link_id": "about", "type": "heading", "text": "About you"},
    {"link_id": "meds", "type": "yes_no", "text": "Do you take medication?", "required": True},
    {
        "link_id": "which",
        "type": "short_text",
        "text": "Which medication?",
        "enable_when": {"item": "meds", "equals": True},
    },
    {
        "link_id": "contact",
        "type": "single_choice",
        "text": "How should we reach you?",
        "options": [{"value": "email", "label": "By email"}, {"value": "tel", "label": "By phone call"}],
    },
    {"link_id": "sleep", "type": "scale", "text": "Sleep quality", "min": 1, "max": 5, "max_label": "Restful"},
]


def pdf_text(data):
    """The text drawn on the pages (fpdf2 writes each line as a literal string in a deflated stream)."""
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S)
    drawn = b"".join(zlib.decompress(s) for s in streams if s.startswith(b"x"))
    return b" ".join(re.findall(rb"\(((?:[^()\\]|\\.)*)\) ?Tj", drawn)).decode("latin-1").replace("\\", "")


def submit(web, assignment_id, answers, headers):
    done = web.post(f"/api/v1/assignments/{assignment_id}/submit", json={"answers": answers}, headers=headers)
    assert done.status_code == 200, done.json
    return done.json


def submission_pdf(web, assignment_id, headers):
    return web.get(f"/api/v1/staff/assignments/{assignment_id}/submission-document", headers=headers)


def phq9_answers(value, item9):
    return {**{f"phq9.{n}": value for n in range(1, 9)}, "phq9.9": item9}


def test_staff_download_a_form_as_a_pdf_with_answers_in_words_and_every_download_is_audited(
    web, signed_in, client_id, as_client, engine
):
    owner = signed_in("owner")
    made = web.post(
        "/api/v1/staff/templates", json={"title": "Intake", "kind": "form", "items": INTAKE_ITEMS}, headers=owner
    )
    given = web.post(
        f"/api/v1/staff/clients/{client_id}/assignments", json={"template": made.json["id"]}, headers=owner
    )
    submit(web, given.json["id"], {"meds": False, "contact": "tel", "sleep": 4}, as_client)

    download = submission_pdf(web, given.json["id"], signed_in("clinician"))

    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert download.data.startswith(b"%PDF")
    assert download.headers["Content-Disposition"] == f'attachment; filename="submission-{given.json["id"]}.pdf"'
    text = pdf_text(download.data)
    for shown in (
        "Calm Waters Therapy",
        "Robin Doe",
        "Intake",
        "Version 1",
        "About you",
        "2. How should we reach you?",
    ):
        assert shown in text
    assert "By phone call" in text and "tel" not in text
    assert "No" in text and "4 (from 1 to 5, Restful)" in text
    assert "Which medication?" not in text
    digest = web.get(f"/api/v1/staff/templates/{made.json['id']}", headers=owner).json["content_sha256"]
    assert f"Form version SHA-256 {digest}" in text
    with engine.connect() as connection:
        rows = connection.execute(select(audit_reads).where(audit_reads.c.assignment_id == given.json["id"])).all()
    assert [(row.action, row.actor_role) for row in rows] == [("download_submission_pdf", "clinician")]
    for role in ("front_desk", "billing"):
        assert submission_pdf(web, given.json["id"], signed_in(role)).status_code == 403


def test_an_assessments_pdf_carries_its_score_severity_and_risk_flag(web, assign, as_client, signed_in):
    given = assign("phq-9").json
    submit(web, given["id"], phq9_answers(2, item9=1), as_client)

    text = pdf_text(submission_pdf(web, given["id"], signed_in("admin")).data)

    assert "17 of 27" in text and "moderately severe" in text
    assert "More than half the days (2)" in text and "Several days (1)" in text
    assert "Risk flag" in text


def test_no_pdf_before_submission_nor_for_a_consent_nor_of_another_practice(web, assign, as_client, signed_in):
    pending = assign("gad-7").json
    consent = assign("privacy-acknowledgement").json
    web.post(
        f"/api/v1/assignments/{consent['id']}/sign", json={"full_name": "Robin Doe", "agree": True}, headers=as_client
    )

    early = submission_pdf(web, pending["id"], signed_in("owner"))
    signed = submission_pdf(web, consent["id"], signed_in("owner"))
    elsewhere = submission_pdf(web, pending["id"], signed_in("owner", practice_id="practice-other"))

    assert (early.status_code, early.json["code"]) == (409, "not-submitted")
    assert (signed.status_code, signed.json["code"]) == (409, "consent-has-signed-document")
    assert elsewhere.status_code == 404


def test_the_staff_list_shows_the_risk_flag_to_clinical_readers_only(web, assign, as_client, signed_in, client_id):
    risky = assign("phq-9").json
    calm = assign("phq-9").json
    submit(web, risky["id"], phq9_answers(0, item9=2), as_client)
    submit(web, calm["id"], phq9_answers(1, item9=0), as_client)
    path = f"/api/v1/staff/clients/{client_id}/assignments"

    clinician = {a["id"]: a for a in web.get(path, headers=signed_in("clinician")).json["items"]}
    front_desk = web.get(path, headers=signed_in("front_desk")).json["items"]

    assert (clinician[risky["id"]]["risk_flag"], clinician[calm["id"]]["risk_flag"]) == (True, False)
    assert len(front_desk) == 2 and all("risk_flag" not in a for a in front_desk)


def test_a_client_reopening_a_risky_phq9_sees_the_crisis_resources_again(web, assign, as_client, signed_in):
    text = "Call our on-call line at 555-0100, or 988."
    web.patch("/api/v1/staff/forms/settings", json={"crisis_resources_text": text}, headers=signed_in("owner"))
    risky = assign("phq-9").json
    calm = assign("phq-9").json
    submit(web, risky["id"], phq9_answers(0, item9=1), as_client)
    submit(web, calm["id"], phq9_answers(3, item9=0), as_client)

    reopened = web.get(f"/api/v1/assignments/{risky['id']}", headers=as_client).json
    other = web.get(f"/api/v1/assignments/{calm['id']}", headers=as_client).json

    assert reopened["crisis_resources"] == text
    assert "crisis_resources" not in other
