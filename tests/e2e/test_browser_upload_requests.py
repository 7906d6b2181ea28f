"""In a real browser, through the real stack: staff ask a client for a file on the client's page; the
client finds it among the tasks on their dashboard, opens it on "My uploads" and sends a file against it;
staff see it received. An owner sets the practice's largest file on the Inbox page."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"upload-requests-{name}.png"), full_page=True)


def test_the_client_sends_the_file_staff_asked_for_from_my_uploads(portal, client_account, browser_page):
    client_page = browser_page
    client_page.set_viewport_size(PHONE)
    person = client_account("Tamsin")
    staff_page = client_page.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    staff_page.set_default_timeout(15000)

    # Staff ask for a photo ID on the client's page
    portal.sign_in_page(staff_page, portal.staff_email, portal.staff_password, "/staff/clients")
    staff_page.goto(portal.url(f"/staff/clients/{person['id']}"))
    documents = staff_page.get_by_role("region", name="Documents")
    documents.get_by_label("What do you need?").fill("Please upload a photo ID")
    documents.get_by_label("Note (optional)").fill("A passport or a driving licence.")
    documents.get_by_role("button", name="Ask for the file").click()
    expect(documents).to_contain_text("Asked the client for “Please upload a photo ID”.")
    expect(documents.locator("[data-upload-requests]")).to_contain_text("Waiting for the client")

    # The client finds it among the tasks and sends a file against it on My uploads
    portal.sign_in_page(client_page, person["email"], person["password"], "/dashboard")
    task = client_page.get_by_role("link", name=re.compile("Please upload a photo ID"))
    expect(task).to_contain_text("File to upload")
    task.click()
    client_page.wait_for_url("**/documents#request-*")
    uploads = client_page.get_by_role("region", name="My uploads")
    request = uploads.locator("[data-upload-request]")
    expect(request).to_contain_text("A passport or a driving licence.")
    expect(request).to_contain_text("Waiting for your file")
    screenshot(client_page, "client-open")
    photo_id = {"name": "passport.pdf", "mimeType": "application/pdf", "buffer": PDF}
    request.get_by_label("File for “Please upload a photo ID”").set_input_files(photo_id)
    request.get_by_role("button", name="Upload", exact=True).click()
    expect(uploads).to_contain_text("Sent “Please upload a photo ID”. Your practice can see it now.")
    expect(request).to_contain_text("Sent")
    expect(request.get_by_role("button", name="Upload", exact=True)).to_have_count(0)
    expect(uploads.locator("[data-uploads]")).to_contain_text("passport.pdf")
    client_page.goto(portal.url("/dashboard"))
    expect(client_page.locator("[data-tasks-empty]")).to_be_visible()

    # Staff see it received, and download it
    staff_page.reload()
    documents = staff_page.get_by_role("region", name="Documents")
    expect(documents.locator("[data-upload-requests]")).to_contain_text("Received")
    with staff_page.expect_download() as downloading:
        documents.locator("[data-upload-requests]").get_by_role(
            "button", name="Download Please upload a photo ID"
        ).click()
    assert downloading.value.suggested_filename == "passport.pdf"
    screenshot(staff_page, "staff-received")
    staff_page.context.close()


def test_an_owner_sets_the_largest_file_on_the_inbox_page(portal, browser_page):
    page = browser_page
    portal.sign_in_page(page, portal.staff_email, portal.staff_password, "/staff/clients")
    page.goto(portal.url("/staff/inbox"))
    limit = page.get_by_role("region", name="Largest file")
    expect(limit.get_by_label("Largest file, in MB")).to_have_value("10")
    try:
        limit.get_by_label("Largest file, in MB").fill("25")
        limit.get_by_role("button", name="Save largest file").click()
        expect(limit).to_contain_text("Between 1 MB and 10 MB")
        limit.get_by_label("Largest file, in MB").fill("2.5")
        limit.get_by_role("button", name="Save largest file").click()
        expect(limit).to_contain_text("Saved. Files can be at most 2.5 MB.")
        page.reload()
        expect(page.get_by_role("region", name="Largest file").get_by_label("Largest file, in MB")).to_have_value("2.5")
    finally:
        ceiling = {"upload_max_bytes": 10 * 1024 * 1024}
        portal.staff_session().put(portal.url("/api/v1/staff/messaging/settings/uploads"), json=ceiling)
