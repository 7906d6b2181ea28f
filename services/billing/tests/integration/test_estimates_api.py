"""Good Faith Estimates: staff draft, edit and issue one; the client reads the PDF (read back with
pypdf) and acknowledges it (who, when, where, which document); a revision is a new version and the
acknowledged one never changes; nobody else reads it; each step audited; events carry ids only."""

import hashlib
import io

import pytest
from pypdf import PdfReader

PROFILE = {
    "practice_name": "Calm Waters Counseling",
    "address": "12 Harbor Road\nPortland, OR 97201",
    "npi": "1234567893",
    "tax_id": "12-3456789",
}
ESTIMATE = {
    "primary_service": "Weekly individual psychotherapy",
    "period_start": "2027-01-04",
    "period_end": "2027-06-28",
    "lines": [
        {"service_code": "90791", "description": "Intake assessment", "quantity": 1, "fee_cents": 20000}
        | {"diagnosis_codes": ["f41.1"]},
        {"service_code": "90834", "description": "Psychotherapy, 45 min", "quantity": 25, "fee_cents": 15000},
    ],
}
BROWSER = {"User-Agent": "Mozilla/5.0 (test browser)"}


def text_of(response):
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages).split())


@pytest.fixture
def profile_set(web, as_staff):
    assert web.patch("/api/v1/staff/billing/settings", json=PROFILE, headers=as_staff).status_code == 200


@pytest.fixture
def issued(web, as_staff, client_id, profile_set):
    draft = web.post(f"/api/v1/staff/clients/{client_id}/estimates", json=ESTIMATE, headers=as_staff)
    assert draft.status_code == 201, draft.json
    done = web.post(f"/api/v1/staff/estimates/{draft.json['id']}/issue", headers=as_staff)
    assert done.status_code == 200, done.json
    return done.json


def test_staff_draft_edit_and_issue_an_estimate_the_client_then_sees(web, as_staff, as_client, client_id, profile_set):
    draft = web.post(f"/api/v1/staff/clients/{client_id}/estimates", json=ESTIMATE, headers=as_staff)
    hidden = web.get("/api/v1/billing/estimates", headers=as_client).json["items"]
    edited = web.patch(
        f"/api/v1/staff/estimates/{draft.json['id']}", json={"period_end": "2027-12-31"}, headers=as_staff
    )
    issued = web.post(f"/api/v1/staff/estimates/{draft.json['id']}/issue", headers=as_staff)
    twice = web.post(f"/api/v1/staff/estimates/{draft.json['id']}/issue", headers=as_staff)
    [mine] = web.get("/api/v1/billing/estimates", headers=as_client).json["items"]

    assert draft.status_code == 201 and draft.json["status"] == "draft" and draft.json["total_cents"] == 395000
    assert draft.json["lines"][0]["diagnosis_codes"] == ["F41.1"] and draft.json["download_path"] is None
    assert hidden == []
    assert edited.status_code == 200 and edited.json["period_end"] == "2027-12-31"
    assert issued.json["status"] == "issued" and issued.json["issued_at"] and len(issued.json["document_sha256"]) == 64
    assert twice.status_code == 409 and twice.json["code"] == "estimate-not-draft"
    assert mine["id"] == draft.json["id"] and mine["download_path"] == f"/api/v1/billing/estimates/{mine['id']}/pdf"


def test_the_pdf_has_what_a_good_faith_estimate_must_say(web, as_client, issued):
    response = web.get(issued["download_path"].replace("/staff/", "/billing/"), headers=as_client)

    text = text_of(response)

    assert hashlib.sha256(response.data).hexdigest() == issued["document_sha256"]
    for expected in [
        "Good Faith Estimate", "Client Jordan Rivera", "Date of birth 1990-04-17",
        "Primary service Weekly individual psychotherapy", "Period covered 2027-01-04 to 2027-06-28",
        "Provider Calm Waters Counseling", "Portland, OR 97201", "Provider NPI 1234567893",
        "Tax id (EIN) 12-3456789", "Diagnoses (ICD-10) F41.1", "Date issued 2026-12-03",
        "90791 Intake assessment F41.1 1 USD 200.00 USD 200.00",
        "90834 Psychotherapy, 45 min 25 USD 150.00 USD 3,750.00", "Total expected charges USD 3,950.00",
        "USD 400.00 or more above this estimate", "120 calendar days", "not a contract",
    ]:  # fmt: skip
        assert expected in text, expected
    assert "Acknowledged by" not in text


def test_the_client_acknowledges_what_they_were_shown(web, as_client, as_staff, client_id, issued, events):
    shown = {"document_sha256": issued["document_sha256"]}

    done = web.post(f"/api/v1/billing/estimates/{issued['id']}/acknowledge", json=shown, headers=as_client | BROWSER)
    again = web.post(f"/api/v1/billing/estimates/{issued['id']}/acknowledge", json=shown, headers=as_client | BROWSER)
    [listed] = web.get(f"/api/v1/staff/clients/{client_id}/estimates", headers=as_staff).json["items"]
    text = text_of(web.get(f"/api/v1/staff/estimates/{issued['id']}/pdf", headers=as_staff))

    assert done.status_code == 200 and done.json["status"] == "acknowledged"
    ack = listed["acknowledgement"]
    assert ack["account_id"] == f"account-{client_id[:8]}" and ack["at"].startswith("2026-12-03T15:00")
    assert ack["ip"] == "127.0.0.1" and ack["user_agent"] == BROWSER["User-Agent"]
    assert ack["document_sha256"] == issued["document_sha256"]
    assert again.status_code == 409 and again.json["code"] == "estimate-acknowledged"
    assert f"Acknowledged by Jordan Rivera (account account-{client_id[:8]}) on 2026-12-03T15:00:00" in text
    assert issued["document_sha256"] in text.replace(" ", "")
    assert [e.data for e in events("billing.estimate.issued")] == [
        {"estimate_id": issued["id"], "series_id": issued["id"], "client_id": client_id}
    ]
    assert [e.data["estimate_id"] for e in events("billing.estimate.acknowledged")] == [issued["id"]]


def test_a_document_other_than_the_one_issued_is_not_acknowledged(web, as_client, issued):
    other = {"document_sha256": "0" * 64}

    refused = web.post(f"/api/v1/billing/estimates/{issued['id']}/acknowledge", json=other, headers=as_client)
    malformed = web.post(f"/api/v1/billing/estimates/{issued['id']}/acknowledge", json={}, headers=as_client)
    [mine] = web.get("/api/v1/billing/estimates", headers=as_client).json["items"]

    assert refused.status_code == 409 and refused.json["code"] == "estimate-changed"
    assert malformed.status_code == 422 and "document_sha256" in str(malformed.json)
    assert mine["status"] == "issued" and mine["acknowledgement"] is None


def test_editing_an_issued_estimate_issues_a_new_version_and_leaves_the_acknowledged_one(
    web, as_staff, as_client, client_id, issued, events
):
    shown = {"document_sha256": issued["document_sha256"]}
    web.post(f"/api/v1/billing/estimates/{issued['id']}/acknowledge", json=shown, headers=as_client)
    pdf_before = web.get(f"/api/v1/staff/estimates/{issued['id']}/pdf", headers=as_staff).data
    fewer = {"lines": [{"service_code": "90834", "description": "Psychotherapy", "quantity": 10, "fee_cents": 15000}]}

    revised = web.patch(f"/api/v1/staff/estimates/{issued['id']}", json=fewer, headers=as_staff)
    stale = web.patch(f"/api/v1/staff/estimates/{issued['id']}", json=fewer, headers=as_staff)
    third = web.patch(f"/api/v1/staff/estimates/{revised.json['id']}", json=ESTIMATE, headers=as_staff)
    shown = {"document_sha256": revised.json["document_sha256"]}
    replaced = web.post(f"/api/v1/billing/estimates/{revised.json['id']}/acknowledge", json=shown, headers=as_client)
    listed = {e["id"]: e for e in web.get("/api/v1/billing/estimates", headers=as_client).json["items"]}

    assert revised.status_code == 200 and revised.json["id"] != issued["id"]
    assert revised.json["version"] == 2 and revised.json["series_id"] == issued["id"]
    assert revised.json["status"] == "issued" and revised.json["total_cents"] == 150000
    assert stale.status_code == 409 and stale.json["code"] == "estimate-superseded"  # only the newest
    assert third.status_code == 200 and third.json["version"] == 3 and third.json["replaces"] == revised.json["id"]
    assert replaced.status_code == 409 and replaced.json["code"] == "estimate-not-issued"
    assert listed[issued["id"]]["status"] == "acknowledged" and listed[issued["id"]]["total_cents"] == 395000
    assert listed[revised.json["id"]]["status"] == "superseded"
    assert web.get(f"/api/v1/staff/estimates/{issued['id']}/pdf", headers=as_staff).data == pdf_before
    assert len(events("billing.estimate.issued")) == 3


def test_bad_input_is_refused_by_field_and_changes_nothing(web, as_staff, client_id, profile_set):
    too_long = ESTIMATE | {"period_end": "2028-01-04"}
    bad_codes = ESTIMATE | {
        "lines": [
            {"service_code": "9083", "description": "x", "quantity": 0, "fee_cents": 100, "diagnosis_codes": ["41"]}
        ]
    }

    answers = [
        web.post(f"/api/v1/staff/clients/{client_id}/estimates", json=too_long, headers=as_staff),
        web.post(f"/api/v1/staff/clients/{client_id}/estimates", json=bad_codes, headers=as_staff),
        web.post(f"/api/v1/staff/clients/{client_id}/estimates", json=ESTIMATE | {"lines": []}, headers=as_staff),
    ]

    assert [a.status_code for a in answers] == [422, 422, 422]
    assert "period_end" in answers[0].json["errors"]
    assert {"lines.0.service_code", "lines.0.quantity", "lines.0.diagnosis_codes"} <= set(answers[1].json["errors"])
    assert web.get(f"/api/v1/staff/clients/{client_id}/estimates", headers=as_staff).json["items"] == []


def test_issuing_needs_the_practices_billing_profile(web, as_staff, client_id):
    draft = web.post(f"/api/v1/staff/clients/{client_id}/estimates", json=ESTIMATE, headers=as_staff)

    refused = web.post(f"/api/v1/staff/estimates/{draft.json['id']}/issue", headers=as_staff)

    assert refused.status_code == 422 and {"npi", "tax_id"} <= set(refused.json["errors"])
    [still] = web.get(f"/api/v1/staff/clients/{client_id}/estimates", headers=as_staff).json["items"]
    assert still["status"] == "draft"


def test_who_may_do_what(web, signed_in, identity, practice, client_id, issued):
    as_other_client = signed_in("client", profile_id=identity.add_client(practice))
    as_other_practice = signed_in("owner", practice_id="practice-elsewhere")
    as_clinician = signed_in("clinician")
    shown = {"document_sha256": issued["document_sha256"]}

    assert web.get(f"/api/v1/billing/estimates/{issued['id']}/pdf", headers=as_other_client).status_code == 404
    acknowledged = web.post(
        f"/api/v1/billing/estimates/{issued['id']}/acknowledge", json=shown, headers=as_other_client
    )
    assert acknowledged.status_code == 404
    assert web.get("/api/v1/billing/estimates", headers=as_other_client).json["items"] == []
    assert web.get(f"/api/v1/staff/estimates/{issued['id']}/pdf", headers=as_other_practice).status_code == 404
    assert web.post(f"/api/v1/staff/estimates/{issued['id']}/issue", headers=as_other_practice).status_code == 404
    assert web.get(f"/api/v1/staff/clients/{client_id}/estimates", headers=as_clinician).status_code == 200
    made = web.post(f"/api/v1/staff/clients/{client_id}/estimates", json=ESTIMATE, headers=as_clinician)
    assert made.status_code == 403


def test_issue_download_and_acknowledgement_are_audited(web, signed_in, as_client, client_id, issued):
    web.get(f"/api/v1/billing/estimates/{issued['id']}/pdf", headers=as_client)
    web.post(
        f"/api/v1/billing/estimates/{issued['id']}/acknowledge",
        json={"document_sha256": issued["document_sha256"]},
        headers=as_client,
    )

    trail = web.get(f"/api/v1/staff/clients/{client_id}/documents/audit", headers=signed_in("owner")).json["items"]

    assert [(e["action"], e["actor_role"], e["kind"]) for e in trail] == [
        ("generated", "billing", "estimate"),
        ("downloaded", "client", "estimate"),
        ("acknowledged", "client", "estimate"),
    ]
