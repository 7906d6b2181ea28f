"""Through the gateway, against the real stack: staff give the practice its billing profile, issue a
coded session, the client pays it; staff generate the month's statement and a superbill; the client
downloads those and the payment's receipt as PDF attachments whose text says the figures."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
import requests
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.e2e
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
DOCUMENT_FEATURES = ("statements", "superbills", "receipts")
PROFILE = {"practice_name": "Calm Waters Counseling", "address": "12 Harbor Road\nPortland, OR 97201"}
CODED = {
    "date_of_service": "2026-12-01", "service_code": "90834", "description": "Psychotherapy, 45 min",
    "fee_cents": 15000, "diagnosis_codes": ["F41.1"], "modifiers": ["95"], "place_of_service": "10",
    "clinician_name": "Dr. Ana Lee", "clinician_npi": "1245319599",
}  # fmt: skip


@pytest.fixture
def documents_offered(portal, clock):
    def offer(on):
        features = dict.fromkeys(DOCUMENT_FEATURES, on)
        settings = portal.staff_session().patch(
            portal.url("/api/v1/staff/practice/settings"), json={"features": features}
        )
        assert settings.status_code == 200, settings.text
        clock.shift_clock(dt.timedelta(seconds=11))

    offer(True)
    yield
    offer(False)


def signed_in(portal, person):
    login = requests.post(
        portal.url("/api/v1/auth/login"), json={"email": person["email"], "password": person["password"]}, timeout=10
    )
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def pdf_text(response):
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Content-Disposition"].startswith("attachment;")
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split())


def paid_and_documented(portal, person):
    """A coded 150.00 session issued, paid with the 4242 card; the month's statement and a superbill made."""
    headers = signed_in(portal, person)
    staff = portal.staff_session()
    profile = staff.patch(
        portal.url("/api/v1/staff/billing/settings"), json=PROFILE | {"npi": "1234567893", "tax_id": "12-3456789"}
    )
    assert profile.status_code == 200, profile.text
    made = staff.post(portal.url(f"/api/v1/staff/clients/{person['id']}/invoices"), json={"lines": [CODED]})
    assert made.status_code == 201, made.text
    invoice = staff.post(portal.url(f"/api/v1/staff/invoices/{made.json()['id']}/issue")).json()
    number = {"number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2035, "cvc": "123"}
    token = requests.post(portal.url("/api/v1/billing/sandbox/tokens"), json=number, headers=headers, timeout=10)
    card = requests.post(
        portal.url("/api/v1/billing/cards"), json={"token": token.json()["token"]}, headers=headers, timeout=10
    ).json()
    paid = requests.post(
        portal.url(f"/api/v1/billing/invoices/{invoice['id']}/payments"),
        json={"card_id": card["id"]}, headers=headers | {"Idempotency-Key": f"pay-{invoice['id']}"}, timeout=10,
    )  # fmt: skip
    assert paid.status_code == 201, paid.text
    month = invoice["issued_at"][:7]
    statement = staff.post(portal.url(f"/api/v1/staff/clients/{person['id']}/statements"), json={"month": month})
    superbill = staff.post(
        portal.url(f"/api/v1/staff/clients/{person['id']}/superbills"), json={"from": "2026-11-01", "to": "2026-12-31"}
    )
    assert statement.status_code == 201 and superbill.status_code == 201, (statement.text, superbill.text)

    return headers


def test_the_client_downloads_a_receipt_a_statement_and_a_superbill(portal, client_account, documents_offered):
    person = client_account("Robin")
    headers = paid_and_documented(portal, person)

    lists = {
        kind: requests.get(portal.url(f"/api/v1/billing/{kind}"), headers=headers, timeout=10).json()["items"]
        for kind in DOCUMENT_FEATURES
    }
    texts = {
        kind: pdf_text(requests.get(portal.url(items[0]["download_path"]), headers=headers, timeout=10))
        for kind, items in lists.items()
    }

    assert "Amount paid USD 150.00" in texts["receipts"] and "visa ending 4242" in texts["receipts"]
    assert "Charges USD 150.00" in texts["statements"] and "Payments -USD 150.00" in texts["statements"]
    assert "Closing balance USD 0.00" in texts["statements"]
    for expected in ["Practice NPI 1234567893", "Dr. Ana Lee, NPI 1245319599", person["last_name"], "F41.1"]:
        assert expected in texts["superbills"]
    assert "2026-12-01 90834 95 10 1 F41.1 USD 150.00 USD 150.00" in texts["superbills"]


@pytest.mark.browser
def test_on_a_phone_the_client_downloads_the_receipt_from_the_billing_page(
    portal, client_account, documents_offered, browser_page
):
    person = client_account("Quinn")
    paid_and_documented(portal, person)
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email", exact=True).fill(person["email"])
    page.get_by_label("Password", exact=True).fill(person["password"])
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/dashboard")
    page.goto(portal.url("/billing#documents"))

    section = page.locator("[data-documents-section]")
    expect(section.get_by_role("heading", name="Statements and receipts")).to_be_visible()
    expect(section.get_by_text("Receipt for $150.00")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "billing-documents-phone.png"), full_page=True)
    with page.expect_download() as downloaded:
        section.get_by_role("button", name=re.compile("^Download Receipt")).click()

    assert downloaded.value.suggested_filename.startswith("receipt-")
    with open(downloaded.value.path(), "rb") as saved:
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(saved.read())).pages).split())
    assert "Amount paid USD 150.00" in text
    expect(section.get_by_role("button", name=re.compile("^Download Statement"))).to_be_visible()
    expect(section.get_by_role("button", name=re.compile("^Download Superbill"))).to_be_visible()


@pytest.mark.browser
def test_staff_generate_a_superbill_on_the_client_page(portal, client_account, documents_offered, browser_page):
    person = client_account("Sky")
    paid_and_documented(portal, person)
    page = browser_page
    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email", exact=True).fill(portal.staff_email)
    page.get_by_label("Password", exact=True).fill(portal.staff_password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/staff/clients")
    page.goto(portal.url(f"/staff/clients/{person['id']}"))
    form = page.locator("[data-superbill-form]")

    form.get_by_label("Superbill from").fill("2026-12-02")
    form.get_by_label("to", exact=True).fill("2026-12-31")
    form.get_by_role("button", name="Generate superbill").click()
    expect(form.locator("[data-error-for=from]")).to_contain_text("No issued services")
    form.get_by_label("Superbill from").fill("2026-12-01")
    form.get_by_role("button", name="Generate superbill").click()

    expect(page.locator("[data-billing-documents-status]")).to_contain_text("Superbill generated")
    expect(page.locator("[data-staff-documents] li")).to_have_count(3)
    page.locator("[data-superbill-form]").scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "billing-staff-documents.png"))
    with page.expect_download() as downloaded:
        page.get_by_role("button", name=re.compile("^Download Superbill")).first.click()
    assert downloaded.value.suggested_filename.startswith("superbill-")
