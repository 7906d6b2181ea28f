"""In a real browser, through the real stack: staff copy the adult intake, add a yes/no question and a
question shown only after a yes, see the server's objection next to the question it is about, save it as
version 2 and give it to a client, whose copy has the new questions (read through the client's API);
then they start a fortnightly PHQ-9 for the client and stop it again."""

import secrets
import sys
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).parent))  # the staff forms story's helpers (tests run in importlib mode)
from test_browser_staff_forms import ClientApi, screenshot, staff_signs_in

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def test_staff_edit_a_copy_of_the_adult_intake_and_the_client_gets_the_new_version(
    portal, client_account, browser_page: Page
) -> None:
    page = browser_page
    client = client_account("Dana")
    title = f"Intake with pets {secrets.token_hex(2)}"  # not "Adult intake…": other stories pick that by label

    # Given staff on the form library who copy the adult intake and open the copy
    staff_signs_in(page, portal)
    page.goto(portal.url("/staff/forms"))
    page.get_by_role("button", name="Make a copy of Adult intake").click()
    expect(page.get_by_text("Copied: “Adult intake (our version)”")).to_be_visible()
    page.get_by_role("button", name="Edit Adult intake (our version)").first.click()
    editor = page.locator("[data-template-editor]")
    expect(editor.get_by_role("heading", name="Edit “Adult intake (our version)”")).to_be_focused()
    expect(editor).to_contain_text("Version 1. Saving makes version 2")
    editor.get_by_label("Title").fill(title)

    # When they add a yes/no question, then a short text shown only when it is answered yes
    questions = editor.locator("[data-questions] > li")
    count = questions.count()
    editor.get_by_role("button", name="Add a question").click()
    pet = questions.nth(count)
    pet.get_by_label("Type").select_option(label="Yes or no")
    pet.get_by_label("Question", exact=True).fill("Do you live with a pet?")
    pet.get_by_label("An answer is required").check()
    editor.get_by_role("button", name="Add a question").click()
    name = questions.nth(count + 1)
    name.get_by_label("Question", exact=True).fill("What is your pet called?")
    name.get_by_label("Show this question").select_option(label="Do you live with a pet?")
    expect(name.get_by_label("only when the answer is")).to_have_value("0")  # Yes

    # And a choice whose two options share a value, which the server refuses beside that question
    editor.get_by_role("button", name="Add a question").click()
    choice = questions.nth(count + 2)
    choice.get_by_label("Type").select_option(label="One choice")
    choice.get_by_label("Question", exact=True).fill("Which pet?")
    choice.get_by_label("Options").fill("dog | Dog\ndog | Cat")
    editor.get_by_role("button", name="Save as a new version").click()
    expect(choice.get_by_text("A choice needs options with different values.")).to_be_visible()
    screenshot(page, "10-editor-error")

    # Then, the choice removed and the new question moved up and back down, it saves as version 2
    editor.get_by_role("button", name=f"Remove question {count + 3}", exact=True).click()
    expect(questions).to_have_count(count + 2)
    editor.get_by_role("button", name=f"Move question {count + 2} up", exact=True).click()
    expect(questions.nth(count)).to_contain_text("Short text")
    editor.get_by_role("button", name=f"Move question {count + 1} down", exact=True).click()
    expect(questions.nth(count)).to_contain_text("Yes or no")
    editor.get_by_role("button", name="Save as a new version").click()
    expect(editor.get_by_text("Saved as version 2.")).to_be_visible()
    expect(editor).to_contain_text("Version 2. Saving makes version 3")
    row = page.locator("tbody tr", has_text=title)
    expect(row.locator('[data-label="Version"]')).to_have_text("2")
    screenshot(page, "11-editor-saved")

    # When they give it to the client from the client's page
    page.goto(portal.url(f"/staff/clients/{client['id']}"))
    forms = page.locator("[data-forms]")
    forms.get_by_label(title).check()
    forms.get_by_role("button", name="Assign", exact=True).click()
    expect(forms.get_by_text(f"Assigned: {title}.")).to_be_visible()

    # Then the client's copy is version 2, with the pet question and the one its yes shows
    person = ClientApi(portal, client)
    mine = requests.get(portal.url("/api/v1/assignments"), headers=person.headers, timeout=10).json()
    given = next(a for a in mine["items"] if a["title"] == title)
    version = requests.get(portal.url(f"/api/v1/assignments/{given['id']}"), headers=person.headers, timeout=10).json()[
        "template_version"
    ]
    assert version["number"] == 2
    by_text = {item["text"]: item for item in version["items"]}
    asked = by_text["Do you live with a pet?"]
    assert asked["type"] == "yes_no" and asked["required"] is True
    shown_after = by_text["What is your pet called?"]
    assert shown_after["type"] == "short_text"
    assert shown_after["enable_when"] == {"item": asked["link_id"], "equals": True}
    assert "Which pet?" not in by_text
    assert [item["text"] for item in version["items"]][-2:] == ["Do you live with a pet?", "What is your pet called?"]


def test_staff_make_a_consent_of_their_own_and_edit_its_document(portal, browser_page: Page) -> None:
    page = browser_page
    title = f"Consent to video sessions {secrets.token_hex(2)}"

    # Given staff who start a new consent and leave its document empty
    staff_signs_in(page, portal)
    page.goto(portal.url("/staff/forms"))
    page.get_by_role("button", name="New form").click()
    editor = page.locator("[data-template-editor]")
    expect(editor.get_by_role("heading", name="New form")).to_be_focused()
    editor.get_by_label("Kind").select_option(label="Consent")
    editor.get_by_label("Title").fill(title)
    editor.get_by_role("button", name="Save new form").click()

    # Then the server's objection is shown beside the document
    expect(editor.locator('[data-error-for="document"]')).to_have_text(
        "A consent needs the document the client reads and signs."
    )

    # When they write it and save, it is version 1; an edit is version 2, and nobody had signed it yet
    document = editor.get_by_label("Document the client reads and signs")
    document.fill("Sessions may take place by video.\n\nI agree to this.")
    editor.get_by_role("button", name="Save new form").click()
    expect(editor.get_by_text(f"Saved “{title}” as version 1.")).to_be_visible()
    expect(page.locator("tbody tr", has_text=title)).to_contain_text("Your own")
    document.fill("Sessions may take place by video, on a secure service.\n\nI agree to this.")
    editor.get_by_role("button", name="Save as a new version").click()
    expect(editor.get_by_text("Saved as version 2.")).to_contain_text("nobody was asked to sign again")
    screenshot(page, "15-consent-saved")


def test_the_editor_places_a_long_option_beside_its_question_and_asks_before_dropping_edits(
    portal, browser_page: Page
) -> None:
    page = browser_page
    title = f"Check-in {secrets.token_hex(2)}"
    staff_signs_in(page, portal)
    page.goto(portal.url("/staff/forms"))
    page.get_by_role("button", name="New form").click()
    editor = page.locator("[data-template-editor]")
    editor.get_by_label("Title").fill(title)

    # When a choice's label is longer than the server takes, the message is beside that question
    editor.get_by_role("button", name="Add a question").click()
    choice = editor.locator("[data-questions] > li").first
    choice.get_by_label("Type").select_option(label="One choice")
    choice.get_by_label("Question", exact=True).fill("How was your week?")
    choice.get_by_label("Options").fill("good | Good\nlong | " + "very " * 70)
    editor.get_by_role("button", name="Save new form").click()
    expect(choice.get_by_text("Choice 2 label: Length must be between 1 and 300.")).to_be_visible()
    expect(editor.locator("[data-editor-status]")).to_have_text("Check the fields marked above.")
    screenshot(page, "16-editor-nested-error")

    # When they close with the edit unsaved, they are asked; keeping editing keeps it
    editor.get_by_role("button", name="Close").click()
    expect(editor.get_by_text("This form has changes that are not saved. Discard them?")).to_be_visible()
    screenshot(page, "17-editor-discard-question")
    editor.get_by_role("button", name="Keep editing").click()
    expect(editor.get_by_label("Title")).to_have_value(title)

    # And once saved, Close asks nothing; a new edit asked again can be discarded
    choice.get_by_label("Options").fill("good | Good\nhard | Hard")
    editor.get_by_role("button", name="Save new form").click()
    expect(editor.get_by_text(f"Saved “{title}” as version 1.")).to_be_visible()
    editor.get_by_label("Title").fill(f"{title} (draft)")
    editor.get_by_role("button", name="Close").click()
    editor.get_by_role("button", name="Discard changes").click()
    expect(editor).to_be_hidden()
    expect(page.locator("tbody tr", has_text=title)).not_to_contain_text("(draft)")


def test_staff_start_a_fortnightly_phq9_for_a_client_and_stop_it(portal, client_account, browser_page: Page) -> None:
    page = browser_page
    client = client_account("Emery")

    # Given staff on the client's page, with no repeating assessment yet
    staff_signs_in(page, portal)
    page.goto(portal.url(f"/staff/clients/{client['id']}"))
    recurring = page.locator("[data-recurring]")
    expect(recurring.get_by_text("None yet.")).to_be_visible()

    # When they start PHQ-9 every 2 weeks from today
    recurring.get_by_label("Assessment", exact=True).select_option(label="PHQ-9")
    recurring.get_by_label("How often").select_option(label="Every 2 weeks")
    recurring.get_by_role("button", name="Start repeating").click()

    # Then it runs, and the first PHQ-9 is given at once
    expect(recurring.get_by_text("Started: PHQ-9 every 2 weeks; the first was given now.")).to_be_visible()
    schedule = recurring.locator("[data-schedule]")
    expect(schedule).to_contain_text("Running")
    expect(schedule).to_contain_text("Next on")
    expect(page.locator("[data-assignments] tr", has_text="PHQ-9").get_by_text("Pending")).to_be_visible()
    screenshot(page, "12-recurring-running")

    # When they stop it, after confirming inside the page
    schedule.get_by_role("button", name="Stop PHQ-9 every 2 weeks").click()
    expect(recurring.get_by_text("Stop PHQ-9 every 2 weeks? No more will be given")).to_be_visible()
    screenshot(page, "13-recurring-stop-confirmation")
    recurring.get_by_role("button", name="Stop repeating").click()

    # Then it shows as stopped, and the API agrees
    expect(recurring.get_by_text("Stopped: PHQ-9 every 2 weeks.")).to_be_visible()
    expect(schedule).to_contain_text("Stopped on")
    expect(schedule.get_by_role("button")).to_have_count(0)
    screenshot(page, "14-recurring-stopped")
    listed = portal.staff_session().get(portal.url(f"/api/v1/staff/clients/{client['id']}/recurring-assessments"))
    [stopped] = listed.json()["items"]
    assert stopped["every_days"] == 14 and stopped["template"] == "phq-9" and stopped["active"] is False
