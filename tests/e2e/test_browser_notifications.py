"""In a real browser, through the real stack: a client opens Notifications, is told email is how they
hear of portal news, asks for texts without a usable number and is told what is wrong, then chooses both
with a number; the choice is there again after a reload."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def test_a_client_chooses_texts_and_email_on_the_notifications_page(portal, client_account, browser_page):
    page = browser_page
    person = client_account("Sorrel")
    portal.sign_in_page(page, person["email"], person["password"], "/dashboard")

    page.get_by_role("link", name="Notifications").first.click()
    page.wait_for_url("**/notifications")
    expect(page.get_by_role("heading", name="Notifications")).to_be_visible()
    expect(page.get_by_label("Email", exact=True)).to_be_checked()

    page.get_by_label("Text message (SMS)").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-error-for=mobile]")).to_contain_text("Enter the mobile number")
    page.get_by_label("Mobile number for texts").fill("0770 090")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-error-for=mobile]")).to_contain_text("international form")

    page.get_by_label("Both email and text message").check()
    page.get_by_label("Mobile number for texts").fill("+44 7700 900123")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-form-status]")).to_contain_text("Saved")

    page.reload()
    expect(page.get_by_label("Both email and text message")).to_be_checked()
    expect(page.get_by_label("Mobile number for texts")).to_have_value("+447700900123")
