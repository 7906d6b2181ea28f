"""Staff generate statements and superbills, the client downloads them and the receipts of their
payments: PDFs read back, attachments only, each download audited, nobody else's."""

import io

import pytest
from pypdf import PdfReader

PROFILE = {
    "practice_name": "Calm Waters Counseling",
    "address": "12 Harbor Road\nPortland, OR 97201",
    "npi": "1234567893",
    "tax_id": "12-3456789",
}
SESSION = {
    "date_of_service": "2026-12-01",
    "service_code": "90834",
    "description": "Psychotherapy, 45 min",
    "fee_cents": 15000,
    "diagnosis_codes": ["f41.1"],
    "modifiers": ["95"],
    "place_of_service": "10",
    "clinician_name": "Dr. Ana Lee",
    "clinician_npi": "1245319599",
}


def text_of(response):
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="')
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages).split())


@pytest.fixture
def paid_session(web, as_staff, as_client, client_id, save_card, pay):
    """A 150.00 session with its codes, less 20.00, issued and paid with the 4242 card."""
    assert web.patch("/api/v1/staff/billing/settings", json=PROFILE, headers=as_staff).status_code == 200
    body = {"lines": [SESSION], "adjustments": [{"description": "Sliding scale", "amount_cents": 2000}]}
    draft = web.post(f"/api/v1/staff/clients/{client_id}/invoices", json=body, headers=as_staff)
    assert draft.status_code == 201, draft.json
    invoice = web.post(f"/api/v1/staff/invoices/{draft.json['id']}/issue", headers=as_staff).json
    paid = pay(invoice["id"], save_card()["id"])
    assert paid.status_code == 201, paid.json
    return invoice, paid.json


def test_the_client_downloads_the_receipt_of_a_payment(web, as_client, paid_session):
    invoice, payment = paid_session

    [listed] = web.get("/api/v1/billing/receipts", headers=as_client).json["items"]
    text = text_of(web.get(listed["download_path"], headers=as_client))

    assert listed["payment_id"] == payment["id"] and listed["amount_cents"] == 13000
    assert "Received from Jordan Rivera" in text and "Amount paid USD 130.00" in text
    assert "visa ending 4242" in text and invoice["id"] in text and "Still due on it USD 0.00" in text


def test_staff_generate_a_monthly_statement_from_the_ledger_and_the_client_downloads_it(
    web, as_staff, as_client, client_id, paid_session
):
    made = web.post(f"/api/v1/staff/clients/{client_id}/statements", json={"month": "2026-12"}, headers=as_staff)
    [mine] = web.get("/api/v1/billing/statements", headers=as_client).json["items"]

    text = text_of(web.get(mine["download_path"], headers=as_client))

    assert made.status_code == 201 and made.json["items"][0]["id"] == mine["id"]
    assert mine["period_start"] == "2026-12-01" and mine["period_end"] == "2026-12-31" and mine["total_cents"] == 0
    for figures in [
        "Opening balance USD 0.00", "Charges USD 150.00", "Payments -USD 130.00", "Adjustments -USD 20.00",
        "Closing balance USD 0.00",
    ]:  # fmt: skip
        assert figures in text


def test_a_superbill_carries_the_practice_clinician_client_and_codes(web, as_staff, as_client, client_id, paid_session):
    made = web.post(
        f"/api/v1/staff/clients/{client_id}/superbills",
        json={"from": "2026-11-01", "to": "2026-12-31"},
        headers=as_staff,
    )
    [mine] = web.get("/api/v1/billing/superbills", headers=as_client).json["items"]

    text = text_of(web.get(mine["download_path"], headers=as_client))

    assert made.status_code == 201 and mine["total_cents"] == 15000
    for expected in [
        "Calm Waters Counseling", "Portland, OR 97201", "Practice NPI 1234567893", "Tax id (EIN) 12-3456789",
        "Dr. Ana Lee, NPI 1245319599", "Client Jordan Rivera", "Date of birth 1990-04-17",
        "2026-12-01 90834 95 10 1 F41.1 USD 150.00 USD 130.00", "Total paid USD 130.00",
    ]:  # fmt: skip
        assert expected in text, expected


def test_every_generation_and_download_is_audited(web, signed_in, as_staff, as_client, client_id, paid_session):
    made = web.post(f"/api/v1/staff/clients/{client_id}/statements", json={"month": "2026-12"}, headers=as_staff)
    document_id = made.json["items"][0]["id"]
    web.get(f"/api/v1/billing/statements/{document_id}/pdf", headers=as_client)
    web.get(f"/api/v1/staff/statements/{document_id}/pdf", headers=as_staff)

    trail = web.get(f"/api/v1/staff/clients/{client_id}/documents/audit", headers=signed_in("owner"))
    refused = web.get(f"/api/v1/staff/clients/{client_id}/documents/audit", headers=as_staff)

    assert [(e["action"], e["actor_role"], e["document_id"]) for e in trail.json["items"]] == [
        ("generated", "billing", document_id),
        ("downloaded", "client", document_id),
        ("downloaded", "billing", document_id),
    ]
    assert refused.status_code == 403


def test_nobody_else_gets_a_clients_documents(web, signed_in, identity, practice, as_staff, client_id, paid_session):
    _, payment = paid_session
    made = web.post(f"/api/v1/staff/clients/{client_id}/statements", json={"month": "2026-12"}, headers=as_staff)
    document_id = made.json["items"][0]["id"]
    as_other_client = signed_in("client", profile_id=identity.add_client(practice))
    as_other_practice = signed_in("owner", practice_id="practice-elsewhere")

    assert web.get(f"/api/v1/billing/statements/{document_id}/pdf", headers=as_other_client).status_code == 404
    assert web.get(f"/api/v1/billing/receipts/{payment['id']}/pdf", headers=as_other_client).status_code == 404
    assert web.get("/api/v1/billing/statements", headers=as_other_client).json["items"] == []
    assert web.get(f"/api/v1/staff/statements/{document_id}/pdf", headers=as_other_practice).status_code == 404
    assert web.get(f"/api/v1/staff/receipts/{payment['id']}/pdf", headers=as_other_practice).status_code == 404
    assert web.get(f"/api/v1/staff/clients/{client_id}/statements", headers=as_other_practice).json["items"] == []
    assert web.get(f"/api/v1/staff/statements/{document_id}/pdf", headers=signed_in("front_desk")).status_code == 200


def test_bad_requests_name_the_fields_and_keep_nothing(web, as_staff, client_id):
    empty_profile = web.post(
        f"/api/v1/staff/clients/{client_id}/superbills",
        json={"from": "2026-11-01", "to": "2026-11-30"},
        headers=as_staff,
    )
    bad_npi = web.patch("/api/v1/staff/billing/settings", json={"npi": "1234567890"}, headers=as_staff)
    bad_month = web.post(f"/api/v1/staff/clients/{client_id}/statements", json={"month": "2026-13"}, headers=as_staff)
    future = web.post(f"/api/v1/staff/clients/{client_id}/statements", json={"month": "2027-01"}, headers=as_staff)
    bad_codes = web.post(
        f"/api/v1/staff/clients/{client_id}/invoices",
        json={"lines": [SESSION | {"diagnosis_codes": ["F41.1", "41.1"]}]},
        headers=as_staff,
    )
    fee_with_diagnosis = web.post(
        f"/api/v1/staff/clients/{client_id}/invoices",
        json={"lines": [SESSION | {"service_code": "NO-SHOW"}]},
        headers=as_staff,
    )
    web.patch("/api/v1/staff/billing/settings", json=PROFILE, headers=as_staff)
    nothing_claimable = web.post(
        f"/api/v1/staff/clients/{client_id}/superbills",
        json={"from": "2026-11-01", "to": "2026-11-30"},
        headers=as_staff,
    )
    backwards = web.post(
        f"/api/v1/staff/clients/{client_id}/superbills",
        json={"from": "2026-11-30", "to": "2026-11-01"},
        headers=as_staff,
    )

    assert empty_profile.status_code == 422
    assert set(empty_profile.json["errors"]) == {"practice_name", "address", "npi", "tax_id"}
    assert bad_npi.status_code == 422 and list(bad_npi.json["errors"]) == ["npi"]
    assert bad_month.status_code == 422 and list(bad_month.json["errors"]) == ["month"]
    assert future.status_code == 422 and list(future.json["errors"]) == ["month"]
    assert bad_codes.status_code == 422 and list(bad_codes.json["errors"]) == ["lines.0.diagnosis_codes.1"]
    assert fee_with_diagnosis.status_code == 422 and list(fee_with_diagnosis.json["errors"]) == ["lines.0.service_code"]
    assert nothing_claimable.status_code == 422 and list(nothing_claimable.json["errors"]) == ["from"]
    assert backwards.status_code == 422 and list(backwards.json["errors"]) == ["to"]
    assert web.get(f"/api/v1/staff/clients/{client_id}/statements", headers=as_staff).json["items"] == []
    assert web.get(f"/api/v1/staff/clients/{client_id}/superbills", headers=as_staff).json["items"] == []
