"""Through the gateway, against the real stack: staff issue a Good Faith Estimate to a self-pay client;
it is a task on the client's dashboard until the client acknowledges it (in the API and on the Billing
page in a browser); the PDF says what the estimate must; another client cannot read it."""

import io
import re

import pytest
import requests
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.e2e
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
        {"service_code": "90791", "description": "Intake assessment", "quantity": 1, "fee_cents": 20000},
        {"service_code": "90834", "description": "Psychotherapy, 45 min", "quantity": 25, "fee_cents": 15000}
        | {"diagnosis_codes": ["F41.1"]},
    ],
}
TASK = "Review your Good Faith Estimate"


def signed_in(portal, person):
    login = requests.post(
        portal.url("/api/v1/auth/login"), json={"email": person["email"], "password": person["password"]}, timeout=10
    )
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def pdf_text(content):
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split())


def issue_estimate(portal, client_id):
    staff = portal.staff_session()
    assert staff.patch(portal.url("/api/v1/staff/billing/settings"), json=PROFILE).status_code == 200
    draft = staff.post(portal.url(f"/api/v1/staff/clients/{client_id}/estimates"), json=ESTIMATE)
    assert draft.status_code == 201, draft.text
    issued = staff.post(portal.url(f"/api/v1/staff/estimates/{draft.json()['id']}/issue"))
    assert issued.status_code == 200, issued.text
    return issued.json()


def tasks_of(portal, headers):
    dashboard = requests.get(portal.url("/api/v1/dashboard"), headers=headers, timeout=10).json()
    return [task["title"] for task in dashboard["tasks"]]


def test_staff_issue_the_client_acknowledges_and_another_client_cannot_see_it(
    portal, client_account, estimates_offered
):
    person, other = client_account("Avery"), client_account("Blake")
    headers, other_headers = signed_in(portal, person), signed_in(portal, other)
    estimate = issue_estimate(portal, person["id"])

    [mine] = requests.get(portal.url("/api/v1/billing/estimates"), headers=headers, timeout=10).json()["items"]
    shown = requests.get(portal.url(mine["download_path"]), headers=headers, timeout=10)
    waiting = tasks_of(portal, headers)
    theirs = requests.get(portal.url(mine["download_path"]), headers=other_headers, timeout=10)
    body = {"document_sha256": mine["document_sha256"]}
    path = f"/api/v1/billing/estimates/{mine['id']}/acknowledge"
    stolen = requests.post(portal.url(path), json=body, headers=other_headers, timeout=10)
    done = requests.post(portal.url(path), json=body, headers=headers | {"User-Agent": "e2e-browser/1"}, timeout=10)

    assert mine["id"] == estimate["id"] and mine["status"] == "issued"
    assert shown.status_code == 200 and shown.headers["Content-Disposition"].startswith("attachment;")
    text = pdf_text(shown.content)
    for expected in [
        person["last_name"], "Primary service Weekly individual psychotherapy", "Provider NPI 1234567893",
        "Tax id (EIN) 12-3456789", "Period covered 2027-01-04 to 2027-06-28", "Total expected charges USD 3,950.00",
        "USD 400.00 or more above this estimate",
    ]:  # fmt: skip
        assert expected in text, expected
    assert TASK in waiting
    assert theirs.status_code == 404 and stolen.status_code == 404
    assert requests.get(portal.url("/api/v1/billing/estimates"), headers=other_headers, timeout=10).json() == {
        "items": []
    }
    assert done.status_code == 200, done.text
    acknowledgement = done.json()["acknowledgement"]
    assert acknowledgement["user_agent"] == "e2e-browser/1" and acknowledgement["ip"]
    assert acknowledgement["document_sha256"] == mine["document_sha256"]
    assert TASK not in tasks_of(portal, headers)
    staff_copy = portal.staff_session().get(portal.url(f"/api/v1/staff/estimates/{mine['id']}/pdf"))
    assert "Acknowledged by" in pdf_text(staff_copy.content)
    email = portal.wait_for_mail_about(person["email"], "sent you a Good Faith Estimate")
    notice = email.get_body(preferencelist=("plain",)).get_content()
    assert portal.url("/billing#estimates") in notice
    for private in ("3,950", "90834", "F41.1", "psychotherapy"):
        assert private not in notice


def test_with_estimates_off_the_client_paths_answer_feature_off(portal, client_account):
    person = client_account("Casey")

    answer = requests.get(portal.url("/api/v1/billing/estimates"), headers=signed_in(portal, person), timeout=10)

    assert answer.status_code == 403 and answer.json()["feature"] == "estimates"


@pytest.mark.browser
def test_the_client_acknowledges_the_estimate_on_the_billing_page(
    portal, client_account, estimates_offered, browser_page
):
    person = client_account("Devon")
    issue_estimate(portal, person["id"])
    page = browser_page
    portal.sign_in_page(page, person["email"], person["password"], "/dashboard")

    page.get_by_role("link", name=re.compile(TASK)).click()
    page.wait_for_url("**/billing#estimates")
    section = page.locator("[data-estimates-section]")
    expect(section.get_by_text("Waiting for your acknowledgement")).to_be_visible()
    with page.expect_download() as downloaded:
        section.get_by_role("button", name=re.compile("^Open the PDF of Good Faith Estimate")).click()
    with open(downloaded.value.path(), "rb") as saved:
        assert "Total expected charges USD 3,950.00" in pdf_text(saved.read())
    section.get_by_role("button", name=re.compile("^Acknowledge")).click()
    expect(section.get_by_text("Tick the box")).to_be_visible()
    section.get_by_label("I received this Good Faith Estimate and have read it").check()
    section.get_by_role("button", name=re.compile("^Acknowledge")).click()

    expect(section.get_by_text("Your acknowledgement is recorded")).to_be_visible()
    expect(section.get_by_text(re.compile("Acknowledged"))).to_be_visible()
    expect(section.get_by_role("button", name=re.compile("^Acknowledge"))).to_have_count(0)
    page.goto(portal.url("/dashboard"))
    expect(page.get_by_role("heading", name=re.compile("Tasks to complete"))).to_be_visible()
    expect(page.get_by_text(TASK)).to_have_count(0)


@pytest.mark.browser
def test_staff_draft_and_issue_an_estimate_on_the_client_page(portal, client_account, estimates_offered, browser_page):
    person = client_account("Emery")
    assert portal.staff_session().patch(portal.url("/api/v1/staff/billing/settings"), json=PROFILE).status_code == 200
    page = browser_page
    portal.sign_in_page(page, portal.staff_email, portal.staff_password, "/staff/clients")
    page.goto(portal.url(f"/staff/clients/{person['id']}"))
    form = page.locator("[data-estimate-form]")

    form.get_by_label("Primary service").fill("Weekly individual psychotherapy")
    form.get_by_label("Period from").fill("2027-01-04")
    form.get_by_label("to", exact=True).fill("2028-01-04")
    form.get_by_label("CPT code").fill("90834")
    form.get_by_label("Description").fill("Psychotherapy, 45 min")
    form.get_by_label("Sessions").fill("25")
    form.get_by_label("Fee each").fill("150.00")
    form.get_by_label("Diagnoses (ICD-10)").fill("F41.1")
    form.get_by_role("button", name="Save estimate as draft").click()
    expect(form.locator("[data-error-for=period_end]")).to_contain_text("at most 12 months")
    form.get_by_label("to", exact=True).fill("2027-06-28")
    form.get_by_role("button", name="Save estimate as draft").click()
    expect(page.locator("[data-estimates-status]")).to_contain_text("Draft of $3,750.00 saved")
    page.get_by_role("button", name=re.compile("^Issue Good Faith Estimate v1")).click()

    expect(page.locator("[data-estimates-status]")).to_contain_text("Estimate issued")
    expect(page.locator("[data-staff-estimate=issued]")).to_contain_text("Issued, not yet acknowledged")
    [mine] = requests.get(
        portal.url("/api/v1/billing/estimates"), headers=signed_in(portal, person), timeout=10
    ).json()["items"]
    assert mine["total_cents"] == 375000 and mine["lines"][0]["diagnosis_codes"] == ["F41.1"]
