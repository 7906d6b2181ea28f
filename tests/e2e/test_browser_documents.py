"""In a real browser, through the real stack: a client on a phone uploads a file from the Documents page;
staff see it on the client's page, download it and share a document asking for an acknowledgement; the
client's dashboard shows it waiting, the client downloads it and confirms having read it."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"documents-{name}.png"), full_page=True)


def test_a_client_uploads_and_staff_share_a_document_the_client_reads(portal, client_account, browser_page):
    client_page = browser_page
    client_page.set_viewport_size(PHONE)
    person = client_account("Harper")
    staff_page = client_page.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    staff_page.set_default_timeout(15000)

    # The client uploads a picture of their insurance card, on a phone
    portal.sign_in_page(client_page, person["email"], person["password"], "/dashboard")
    client_page.get_by_role("link", name="Documents").first.click()
    client_page.wait_for_url("**/documents")
    uploads = client_page.get_by_role("region", name="My uploads")
    card = {"name": "card.png", "mimeType": "image/png", "buffer": PNG}
    uploads.get_by_label("File").set_input_files(card)
    uploads.get_by_label("What is it? (optional)").fill("Insurance card")
    uploads.get_by_role("button", name="Upload").click()
    expect(uploads).to_contain_text("Uploaded “Insurance card”")
    expect(uploads.locator("[data-uploads]")).to_contain_text("Insurance card")
    renamed = {"name": "letter.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" + b"\x00" * 200}
    uploads.get_by_label("File").set_input_files(renamed)
    uploads.get_by_role("button", name="Upload").click()
    expect(uploads).to_contain_text("Programs and scripts cannot be sent")

    # Staff see it on the client's page and share a plan to acknowledge
    portal.sign_in_page(staff_page, portal.staff_email, portal.staff_password, "/staff/clients")
    staff_page.goto(portal.url(f"/staff/clients/{person['id']}"))
    documents = staff_page.get_by_role("region", name="Documents")
    expect(documents).to_contain_text("Insurance card")
    expect(documents).to_contain_text("Uploaded by the client")
    with staff_page.expect_download() as downloading:
        documents.get_by_role("button", name="Download Insurance card").click()
    assert downloading.value.suggested_filename == "card.png"
    plan = {"name": "care plan.pdf", "mimeType": "application/pdf", "buffer": PDF}
    documents.get_by_label("Share a file with the client").set_input_files(plan)
    documents.get_by_label("Title (optional)").fill("Care plan")
    documents.get_by_label("Ask the client to confirm they have read it").check()
    documents.get_by_role("button", name="Share", exact=True).click()
    expect(documents).to_contain_text("Shared “Care plan” with the client.")
    expect(documents).to_contain_text("Waiting for the client's acknowledgement")
    screenshot(staff_page, "staff-client-documents")

    # The client's dashboard shows it waiting; the client downloads it and confirms
    client_page.goto(portal.url("/dashboard"))
    card_section = client_page.get_by_role("region", name="Documents")
    expect(card_section).to_contain_text("1 document from your practice is waiting for you.")
    card_section.get_by_role("link", name="See your documents").click()
    client_page.wait_for_url("**/documents")
    shared = client_page.get_by_role("region", name="Documents from your practice")
    expect(shared).to_contain_text("Please read and acknowledge")
    with client_page.expect_download() as downloading:
        shared.get_by_role("button", name="Download Care plan").click()
    assert downloading.value.suggested_filename == "care plan.pdf"
    shared.get_by_role("button", name="I have read Care plan").click()
    expect(shared).to_contain_text("Thank you: your practice can see you have read “Care plan”.")
    expect(shared).to_contain_text("Acknowledged")
    screenshot(client_page, "client-documents")

    staff_page.reload()
    expect(staff_page.get_by_role("region", name="Documents")).to_contain_text("Acknowledged")
    staff_page.context.close()
