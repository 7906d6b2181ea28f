"""In a real browser, through the real stack: a client stuck signing in sees whom to call. The
portal's links to the sign-in page carry the practice, whose name and phone the page shows; the
other ways in keep it. The practice's phone is put back after."""

import secrets

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
SETTINGS = "/api/v1/staff/practice/settings"


@pytest.fixture
def practice_phone(portal):
    """A new phone for the demo practice, and its id; the phone it had is put back after."""
    staff = portal.staff_session()
    before = staff.get(portal.url(SETTINGS))
    assert before.status_code == 200, before.text
    saved = before.json()
    phone = f"555-{secrets.randbelow(9000) + 1000}"
    changed = staff.patch(portal.url(SETTINGS), json={"contact_phone": phone})
    assert changed.status_code == 200, changed.text
    yield saved["practice_id"], saved["name"], phone
    restored = portal.staff_session().patch(portal.url(SETTINGS), json={"contact_phone": saved["contact_phone"]})
    assert restored.status_code == 200, restored.text


def test_the_sign_in_pages_show_whom_to_call(portal, practice_phone, browser_page: Page) -> None:
    page = browser_page
    practice_id, name, phone = practice_phone
    assert portal.staff_session().get(portal.url("/api/v1/me")).json()["practice_id"] == practice_id

    # Given a client who opens the sign-in page from a link of their practice
    page.goto(portal.url(f"/sign-in?practice={practice_id}"))

    # Then the page names the practice and the number to call
    contact = page.locator("[data-practice-contact]")
    expect(contact).to_contain_text(f"{name} · Need help signing in? Call {phone}")
    expect(contact.get_by_role("link", name=phone)).to_have_attribute("href", f"tel:{phone.replace('-', '')}")

    # When they choose to sign in with a PIN from the practice, the number is still there to call
    page.get_by_role("link", name="Sign in with a PIN from your practice").click()
    page.wait_for_url(f"**/sign-in/pin?practice={practice_id}")
    expect(page.locator("[data-practice-contact]")).to_contain_text(f"Call {phone}")
