"""In a real browser, through the real stack: staff give a client PHQ-9 from the client's page, see the
risk flag the client's answer raised and mark it reviewed, read the submission with its score, download it as a PDF and
export it as FHIR, follow the scores over time on a chart, read a signed consent's evidence and
download its PDF, and manage the form library and the forms settings. The client's side is played
through the API."""

import json
import re
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"staff-forms-{name}.png"), full_page=True)


def staff_signs_in(page: Page, portal, email: str = "", password: str = "") -> None:
    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email", exact=True).fill(email or portal.staff_email)
    page.get_by_label("Password", exact=True).fill(password or portal.staff_password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/staff/clients")


class ClientApi:
    """The client, signed in through the API."""

    def __init__(self, portal, client) -> None:
        login = requests.post(
            portal.url("/api/v1/auth/login"),
            json={"email": client["email"], "password": client["password"]},
            timeout=10,
        )
        assert login.status_code == 200, login.text
        self.portal = portal
        self.headers = {"Authorization": f"Bearer {login.json()['access_token']}"}

    def pending(self, instrument: str) -> str:
        mine = requests.get(self.portal.url("/api/v1/assignments"), headers=self.headers, timeout=10).json()
        return next(a["id"] for a in mine["items"] if a["instrument"] == instrument and a["status"] == "pending")

    def submit_phq9(self, each: int, item_nine: int) -> dict:
        answers = {f"phq9.{n}": each for n in range(1, 9)} | {"phq9.9": item_nine}
        assignment = self.pending("phq-9")
        url = self.portal.url(f"/api/v1/assignments/{assignment}/submit")
        submitted = requests.post(url, json={"answers": answers}, headers=self.headers, timeout=10)
        assert submitted.status_code == 200, submitted.text
        return submitted.json()

    def sign(self, assignment_id: str, full_name: str) -> None:
        url = self.portal.url(f"/api/v1/assignments/{assignment_id}/sign")
        signed = requests.post(url, json={"full_name": full_name, "agree": True}, headers=self.headers, timeout=10)
        assert signed.status_code == 200, signed.text


def test_staff_assign_phq9_see_the_risk_flag_read_the_score_and_follow_the_chart(
    portal, client_account, browser_page: Page
) -> None:
    page = browser_page
    client = client_account("Avery")
    client_page = portal.url(f"/staff/clients/{client['id']}")

    # Given a member of staff on the client's page
    staff_signs_in(page, portal)
    page.goto(client_page)
    forms = page.locator("[data-forms]")
    expect(forms.get_by_role("heading", name="Forms and assessments")).to_be_visible()
    expect(forms.get_by_text("Nothing assigned yet.")).to_be_visible()

    # When they pick PHQ-9 and assign it
    forms.get_by_label("PHQ-9").check()
    forms.get_by_role("button", name="Assign", exact=True).click()
    expect(forms.get_by_text("Assigned: Patient Health Questionnaire (PHQ-9).")).to_be_visible()
    row = forms.locator("tbody tr", has_text="PHQ-9")
    expect(row.get_by_text("Pending")).to_be_visible()
    screenshot(page, "01-assigned")

    # And the client answers with item 9 above 0 (through the API)
    person = ClientApi(portal, client)
    submitted = person.submit_phq9(each=2, item_nine=1)
    assert "988" in submitted["crisis_resources"]

    # Then the client page shows it completed, with the risk badge
    page.reload()
    row = forms.locator("tbody tr", has_text="PHQ-9")
    expect(row.get_by_text("Completed")).to_be_visible()
    expect(row.get_by_text("Risk flagged")).to_be_visible()
    screenshot(page, "02-risk-flagged")

    # When they open the submission: the score, the severity, the risk notice and the answers
    row.get_by_role("link", name="Patient Health Questionnaire (PHQ-9)").click()
    page.wait_for_url("**/staff/assignments/*")
    expect(page.get_by_role("heading", name="Patient Health Questionnaire (PHQ-9)", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Needs your attention: possible risk")).to_be_visible()
    expect(page.locator("[data-score-total]")).to_have_text("17")
    expect(page.locator("[data-score-max]")).to_have_text(" of 27")
    expect(page.locator("[data-severity]")).to_contain_text("Moderately severe")
    item_nine = page.locator('[data-answer="phq9.9"]')
    expect(item_nine).to_contain_text("Thoughts that you would be better off dead")
    expect(item_nine).to_contain_text("Several days")
    expect(page.get_by_role("link", name=f"Avery {client['last_name']}")).to_be_visible()
    screenshot(page, "03-submission")

    # When the clinician marks the flag as reviewed, the notice says who and when, also after a reload
    page.get_by_role("button", name="Mark as reviewed").click()
    expect(page.get_by_text(f"Reviewed by {portal.staff_email} on")).to_be_visible()
    expect(page.get_by_role("button", name="Mark as reviewed")).to_be_hidden()
    page.reload()
    expect(page.get_by_text(f"Reviewed by {portal.staff_email} on")).to_be_visible()
    screenshot(page, "03b-risk-reviewed")

    # And the FHIR export downloads as a QuestionnaireResponse coded with LOINC
    with page.expect_download() as download:
        page.get_by_role("button", name="Export FHIR").click()
    exported = json.loads(Path(download.value.path()).read_text())
    assert exported["resourceType"] == "QuestionnaireResponse"
    assert "44249-1" in exported["questionnaire"]
    expect(page.get_by_text("The FHIR export was downloaded.")).to_be_visible()

    # And the submission downloads as a PDF named for it
    with page.expect_download() as download:
        page.get_by_role("button", name="Download PDF", exact=True).click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename.startswith("submission-")
    expect(page.get_by_text("The PDF was downloaded.")).to_be_visible()

    # When a second PHQ-9 is assigned and answered lower, the chart shows both points
    page.goto(client_page)
    expect(forms.locator("tbody tr", has_text="PHQ-9").get_by_text("Risk reviewed")).to_be_visible()
    forms.get_by_label("PHQ-9").check()
    forms.get_by_role("button", name="Assign", exact=True).click()
    expect(forms.get_by_text("Assigned: Patient Health Questionnaire (PHQ-9).")).to_be_visible()
    person.submit_phq9(each=1, item_nine=0)
    page.reload()
    chart = page.locator('[data-chart="phq-9"]')
    expect(chart.locator("circle")).to_have_count(2)
    expect(chart.locator(".score-chart__band")).to_have_count(5)
    expect(chart.get_by_role("img", name="PHQ-9 total scores over time")).to_be_visible()
    expect(chart.get_by_text("Latest: 8 of 27, mild")).to_be_visible()
    chart.get_by_text("PHQ-9 scores as a table").click()
    expect(chart.locator("tbody tr")).to_have_count(2)
    expect(chart.locator("tbody tr").first).to_contain_text("Mild")
    expect(chart.locator("tbody tr").last).to_contain_text("Risk flagged")
    expect(forms.locator("tbody tr", has_text="Risk reviewed")).to_have_count(1)  # the flag stays, reviewed
    screenshot(page, "04-chart")


def test_staff_read_a_signed_consents_evidence_download_its_pdf_and_withdraw_a_pending_form(
    portal, client_account, browser_page: Page
) -> None:
    page = browser_page
    client = client_account("Blair")
    staff = portal.staff_session()
    given = staff.post(
        portal.url(f"/api/v1/staff/clients/{client['id']}/assignments"), json={"template": "informed-consent"}
    )
    assert given.status_code == 201, given.text
    full_name = f"Blair {client['last_name']}"
    ClientApi(portal, client).sign(given.json()["id"], full_name)

    # Given staff on the client's page: the consent is completed; they assign two forms as a packet
    staff_signs_in(page, portal)
    page.goto(portal.url(f"/staff/clients/{client['id']}"))
    forms = page.locator("[data-forms]")
    expect(forms.locator("tbody tr", has_text="Informed consent for therapy").get_by_text("Completed")).to_be_visible()
    forms.get_by_label("Adult intake").check()
    forms.get_by_label("GAD-7").check()
    forms.get_by_role("button", name="Assign 2 as a packet").click()
    expect(forms.get_by_text("Assigned: ")).to_be_visible()
    expect(forms.locator("tbody tr")).to_have_count(3)

    # When they withdraw the intake form, after confirming
    intake = forms.locator("tbody tr", has_text="Adult intake")
    intake.get_by_role("button", name="Withdraw Adult intake").click()
    expect(forms.get_by_text("Withdraw “Adult intake”?")).to_be_visible()
    screenshot(page, "05-withdraw-confirmation")
    forms.get_by_role("button", name="Withdraw", exact=True).click()
    expect(intake.get_by_text("Withdrawn")).to_be_visible()
    expect(intake.get_by_role("button")).to_have_count(0)

    # Then the consent's page shows the signature evidence
    forms.locator("tbody tr", has_text="Informed consent for therapy").get_by_role("link").click()
    page.wait_for_url("**/staff/assignments/*")
    evidence = page.locator("[data-evidence]")
    expect(evidence.get_by_role("heading", name="Signature and evidence")).to_be_visible()
    expect(evidence).to_contain_text(full_name)
    expect(evidence).to_contain_text("IP address")
    expect(evidence).to_contain_text("python-requests")
    expect(evidence.locator(".evidence__hash")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    expect(evidence).to_contain_text("Needs re-signing")
    expect(page.get_by_role("heading", name="Document signed")).to_be_visible()
    screenshot(page, "06-consent-evidence")

    # And the signed PDF downloads
    with page.expect_download() as download:
        page.get_by_role("button", name="Download signed PDF").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename.endswith(".pdf")

    # And printing shows the submission without the page's controls
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    screenshot(page, "07-print")
    page.emulate_media(media="screen")


def test_the_front_desk_sees_the_status_of_a_submission_and_a_note_instead_of_the_answers(
    portal, client_account, staff_account, browser_page: Page
) -> None:
    page = browser_page
    client = client_account("Casey")
    given = portal.staff_session().post(
        portal.url(f"/api/v1/staff/clients/{client['id']}/assignments"), json={"template": "phq-9"}
    )
    assert given.status_code == 201, given.text
    ClientApi(portal, client).submit_phq9(each=1, item_nine=1)

    # Given a member of the front desk on the client's page: the status, no risk badge, no chart
    desk = staff_account("front_desk")
    staff_signs_in(page, portal, desk["email"], desk["password"])
    page.goto(portal.url(f"/staff/clients/{client['id']}"))
    forms = page.locator("[data-forms]")
    row = forms.locator("tbody tr", has_text="PHQ-9")
    expect(row.get_by_text("Completed")).to_be_visible()
    expect(row.get_by_text("Risk flagged")).to_have_count(0)
    expect(page.locator("[data-scores]")).to_be_hidden()

    # When they open it: the status and a note, no answers, no score, no export
    row.get_by_role("link").click()
    page.wait_for_url("**/staff/assignments/*")
    expect(page.get_by_text("Only clinicians, admins and the practice owner can read the answers")).to_be_visible()
    expect(page.locator("[data-overview]")).to_contain_text("Completed")
    expect(page.locator("[data-answers]")).to_be_hidden()
    expect(page.locator("[data-score]")).to_be_hidden()
    expect(page.get_by_role("button", name="Export FHIR")).to_be_hidden()
    screenshot(page, "09-front-desk")


def test_staff_copy_a_built_in_form_and_change_the_forms_settings(portal, browser_page: Page) -> None:
    page = browser_page
    staff = portal.staff_session()
    before = staff.get(portal.url("/api/v1/staff/forms/settings")).json()
    try:
        # Given staff on the form library, reached from the header
        staff_signs_in(page, portal)
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Forms").click()
        page.wait_for_url("**/staff/forms")
        expect(page.get_by_role("heading", name="Form library")).to_be_visible()
        phq9 = page.locator('[data-template-row="phq-9"]')
        expect(phq9).to_contain_text("Assessment (PHQ-9)")
        expect(phq9.get_by_role("button")).to_have_count(0)

        # When they copy the practice policies, the copy joins the library
        page.get_by_role("button", name="Make a copy of Practice policies: cancellation and communication").click()
        expect(
            page.get_by_text("Copied: “Practice policies: cancellation and communication (our version)”")
        ).to_be_visible()
        copy = page.locator("tbody tr", has_text="(our version)").first
        expect(copy).to_contain_text("Copy of Practice policies: cancellation and communication")

        # And they let clients see scores with their own crisis resources
        page.get_by_label("Show clients their own assessment scores").check()
        page.get_by_label("Crisis resources").fill("Call our on-call line at 555-0100, or call or text 988.")
        page.get_by_role("button", name="Save forms settings").click()
        expect(page.get_by_text("Forms settings saved.")).to_be_visible()
        screenshot(page, "08-library-and-settings")
        saved = staff.get(portal.url("/api/v1/staff/forms/settings")).json()
        assert saved["show_scores_to_clients"] is True
        assert saved["crisis_resources_text"].startswith("Call our on-call line")

        # Then emptying the text goes back to the default, shown as the placeholder
        page.get_by_label("Crisis resources").fill("")
        page.get_by_role("button", name="Save forms settings").click()
        expect(page.get_by_text("Forms settings saved.")).to_be_visible()
        expect(page.get_by_label("Crisis resources")).to_have_attribute("placeholder", re.compile("988"))
        assert staff.get(portal.url("/api/v1/staff/forms/settings")).json()["crisis_resources_is_default"] is True
    finally:
        staff.patch(
            portal.url("/api/v1/staff/forms/settings"),
            json={
                "show_scores_to_clients": before["show_scores_to_clients"],
                "crisis_resources_text": None
                if before["crisis_resources_is_default"]
                else before["crisis_resources_text"],
            },
        )
