"""On a phone-sized screen, in a real browser, through the real stack: a client fills the intake form
over two sittings on two devices (the draft follows them), signs the informed consent and downloads
the signed PDF, completes PHQ-9 with an answer to item 9 that brings the crisis resources up first,
and sees each task move to "Completed" on the dashboard."""

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}
pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"client-tasks-{name}.png"), full_page=True)


def sign_in(page: Page, portal, person) -> None:
    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email", exact=True).fill(person["email"])
    page.get_by_label("Password", exact=True).fill(person["password"])
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/dashboard")


def assign(portal, client_id, template, due_on=None):
    answer = portal.staff_session().post(
        portal.url(f"/api/v1/staff/clients/{client_id}/assignments"),
        json={"template": template} | ({"due_on": due_on.isoformat()} if due_on else {}),
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


def group(page: Page, question: str):
    return page.get_by_role("group", name=question)


def open_task(page: Page, title: str) -> None:
    page.get_by_role("link", name=title).click()
    page.wait_for_url("**/tasks/*")
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()


def a_client_opening_their_task(page: Page, portal, client_account, first_name: str, template: str, title: str):
    """A new client, on a phone, signed in and on the page of the task `template` just assigned to them."""
    page.set_viewport_size(PHONE)
    person = client_account(first_name)
    assign(portal, person["id"], template)
    sign_in(page, portal, person)
    open_task(page, title)
    return person


def test_a_client_fills_the_intake_form_over_two_sittings_on_two_devices(portal, client_account, browser_page):
    page = browser_page
    page.set_viewport_size(PHONE)
    person = client_account("Morgan")
    assign(portal, person["id"], "adult-intake")

    # The dashboard lists the form to fill
    sign_in(page, portal, person)
    pending = page.locator("[data-pending-tasks]")
    expect(pending.get_by_role("link", name="Adult intake")).to_be_visible()
    screenshot(page, "01-dashboard-pending")

    # First sitting: a few answers, saved as they are typed
    open_task(page, "Adult intake")
    page.get_by_label("Date of birth").fill("1990-04-12")
    page.get_by_label("Home address").fill("12 Orchard Lane\nSpringfield")
    page.get_by_label("Best phone number").fill("555-0142")
    group(page, "May the practice leave a voicemail at this number?").get_by_label("Yes").check()
    expect(page.get_by_text("Saved", exact=True)).to_be_visible()
    screenshot(page, "02-intake-first-sitting")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in")

    # Second sitting, on another device: the answers are there
    other = page.context.browser.new_context(viewport=PHONE)
    phone = other.new_page()
    phone.set_default_timeout(15_000)
    sign_in(phone, portal, person)
    open_task(phone, "Adult intake")
    expect(phone.get_by_label("Date of birth")).to_have_value("1990-04-12")
    expect(phone.get_by_label("Best phone number")).to_have_value("555-0142")
    expect(group(phone, "May the practice leave a voicemail at this number?").get_by_label("Yes")).to_be_checked()

    # A question shown only for a "yes" appears once it is answered so
    medications = phone.get_by_label("Which medications, and at what dose?")
    expect(medications).to_be_hidden()
    group(phone, "Are any medications taken currently?").get_by_label("Yes").check()
    expect(medications).to_be_visible()

    # Sending it with answers missing names each one beside its question, the first focused
    phone.get_by_role("button", name="Submit").click()
    expect(phone.get_by_text("questions still need an answer")).to_be_visible()
    expect(phone.get_by_label("Name", exact=True)).to_be_focused()
    expect(phone.get_by_label("Name", exact=True)).to_have_attribute("aria-invalid", "true")
    screenshot(phone, "03-intake-missing-answers")

    phone.get_by_label("Name", exact=True).fill("Jordan Lee")
    phone.get_by_label("Relationship to you").fill("Sibling")
    phone.get_by_label("Phone number", exact=True).fill("555-0199")
    phone.get_by_label("What would you like help with?").fill("Sleep and stress at work.")
    group(phone, "How much is this affecting your daily life right now?").get_by_label("6", exact=True).check()
    group(phone, "Has there been therapy or counselling before?").get_by_label("No").check()
    medications.fill("Sertraline 50 mg")
    phone.get_by_label("Type your full name to confirm the answers are accurate").fill(f"Morgan {person['last_name']}")
    phone.get_by_role("button", name="Submit").click()

    # Done: read-only answers, no way to change them
    expect(phone.get_by_role("heading", name="Completed", exact=True)).to_be_visible()
    expect(phone.get_by_role("button", name="Submit")).to_be_hidden()
    answers = phone.locator("[data-answer-list]")
    expect(answers.get_by_text("Sertraline 50 mg")).to_be_visible()
    expect(answers.get_by_text("Sibling")).to_be_visible()
    screenshot(phone, "04-intake-completed")

    # And the dashboard moves it to "Completed"
    phone.goto(portal.url("/dashboard"))
    expect(phone.locator("[data-completed-tasks]").get_by_role("link", name="Adult intake")).to_be_visible()
    expect(phone.locator("[data-pending-tasks]")).to_be_hidden()
    expect(phone.get_by_text("You're all caught up")).to_be_visible()
    screenshot(phone, "05-dashboard-completed")
    other.close()


def test_a_client_signs_the_consent_and_downloads_the_signed_pdf(portal, client_account, browser_page):
    page = browser_page
    person = a_client_opening_their_task(
        page, portal, client_account, "Ellis", "informed-consent", "Informed consent for therapy"
    )

    # The document's text is on the page, exactly
    expect(page.locator("[data-document-text]")).to_contain_text("Confidentiality and its limits")
    expect(page.locator("[data-document-text]")).to_contain_text("call or text 988")

    # Signing needs the name and the agreement
    page.get_by_role("button", name="Sign", exact=True).click()
    expect(page.get_by_text("Type your full name to sign.")).to_be_visible()
    expect(page.get_by_text("Tick the box to say you agree.")).to_be_visible()
    page.get_by_label("Type your full name").fill(f"Ellis {person['last_name']}")
    page.get_by_label("I have read this document and I agree to it.").check()
    screenshot(page, "06-consent-to-sign")
    page.get_by_role("button", name="Sign", exact=True).click()

    expect(page.get_by_role("heading", name="Signed", exact=True)).to_be_visible()
    expect(page.get_by_text(f"Signed by Ellis {person['last_name']} on")).to_be_visible()
    screenshot(page, "07-consent-signed")
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Download the signed document (PDF)").click()
    pdf = Path(waiting.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")

    page.goto(portal.url("/dashboard"))
    expect(
        page.locator("[data-completed-tasks]").get_by_role("link", name="Informed consent for therapy")
    ).to_be_visible()


def test_phq9_with_item_9_above_zero_shows_the_crisis_resources_first(portal, client_account, browser_page):
    page = browser_page
    a_client_opening_their_task(page, portal, client_account, "Sasha", "phq-9", "Patient Health Questionnaire (PHQ-9)")

    questions = page.locator("fieldset.choice-group")
    expect(questions).to_have_count(10)  # nine items and the difficulty question
    for n in range(8):
        questions.nth(n).get_by_label("Not at all").check()
    questions.nth(8).get_by_label("Several days").check()
    screenshot(page, "08-phq9-answered")
    page.get_by_role("button", name="Submit").click()

    alert = page.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("988")
    expect(page.get_by_role("heading", name="Completed", exact=True)).to_be_visible()
    # The crisis resources come before anything else on the page
    first = page.locator("main > :not([hidden])").first
    expect(first).to_have_attribute("role", "alert")
    # The practice does not show clients their scores (the default)
    expect(page.locator("[data-score]")).to_be_hidden()
    screenshot(page, "09-phq9-crisis-resources")

    page.goto(portal.url("/dashboard"))
    done = page.locator("[data-completed-tasks]").get_by_role("link", name="Patient Health Questionnaire (PHQ-9)")
    expect(done).to_be_visible()

    # Reopened later, the questionnaire brings the crisis resources up first again
    done.click()
    expect(page.get_by_role("heading", name="Completed", exact=True)).to_be_visible()
    expect(page.locator("main > :not([hidden])").first).to_have_attribute("role", "alert")
    expect(page.get_by_role("alert")).to_contain_text("988")


@pytest.fixture
def scores_shown_to_clients(portal):
    """The demo practice shows clients their scores for the test; back to the default (hidden) afterwards."""

    def show(on: bool) -> None:
        answer = portal.staff_session().patch(
            portal.url("/api/v1/staff/forms/settings"), json={"show_scores_to_clients": on}
        )
        assert answer.status_code == 200, answer.text

    show(True)
    yield
    show(False)


def test_gad7_shows_the_score_when_the_practice_shows_scores_and_forms_refusals_beside_the_questions(
    portal, client_account, browser_page, scores_shown_to_clients
):
    page = browser_page
    a_client_opening_their_task(
        page, portal, client_account, "Devon", "gad-7", "Generalized Anxiety Disorder scale (GAD-7)"
    )
    questions = page.locator("fieldset.choice-group")
    for n in range(7):
        questions.nth(n).get_by_label("More than half the days").check()

    # When forms refuses answers the page let through, its messages stand beside the questions it names
    refusal = {
        "code": "validation-failed",
        "title": "Some fields are missing or not valid.",
        "errors": {"gad7.5": ["Choose one of the options."], "gad7.2": ["Choose one of the options."]},
    }
    path = "**/api/v1/assignments/*/submit"
    page.route(path, lambda route: route.fulfill(status=422, json=refusal, content_type="application/problem+json"))
    page.get_by_role("button", name="Submit").click()
    expect(questions.nth(1).get_by_text("Choose one of the options.")).to_be_visible()
    expect(questions.nth(4).get_by_text("Choose one of the options.")).to_be_visible()
    expect(questions.nth(1).get_by_label("Not at all")).to_be_focused()
    page.unroute(path)

    # Sent for real: 7 times 2 = 14, moderate, shown because the practice shows scores
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("heading", name="Completed", exact=True)).to_be_visible()
    expect(page.locator("[data-score]")).to_contain_text("Score 14 of 21")
    expect(page.locator("[data-score]")).to_contain_text("Moderate")
    expect(page.get_by_role("alert")).to_be_hidden()
    screenshot(page, "10-gad7-score")


def test_the_dashboard_marks_a_task_past_its_due_date_as_overdue(portal, client_account, browser_page):
    page = browser_page
    page.set_viewport_size(PHONE)
    person = client_account("Taylor")
    today = dt.date.today()
    assign(portal, person["id"], "adult-intake", due_on=today + dt.timedelta(days=1))
    assign(portal, person["id"], "gad-7", due_on=today + dt.timedelta(days=10))

    # Three days later, by the phone's calendar
    page.clock.install(time=dt.datetime.combine(today + dt.timedelta(days=3), dt.time(9, 0)))
    sign_in(page, portal, person)

    tasks = page.locator("[data-pending-tasks] li")
    expect(tasks).to_have_count(2)
    expect(tasks.nth(0)).to_contain_text("Adult intake")
    expect(tasks.nth(0)).to_contain_text("Was due")
    expect(tasks.nth(0).get_by_text("Overdue")).to_be_visible()
    expect(tasks.nth(1)).to_contain_text("Generalized Anxiety Disorder scale (GAD-7)")
    expect(tasks.nth(1).get_by_text("Overdue")).to_have_count(0)
    screenshot(page, "11-dashboard-overdue")
