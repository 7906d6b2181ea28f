"""In a real browser, through the real stack: a client opens Notifications, is told email is how they
hear of portal news, asks for texts without a usable number and is told what is wrong, then chooses both
with a number; the choice is there again after a reload. A new number is confirmed on the page with the
code texted to it: a short or wrong code is refused beside the field, "Send a new code" waits a minute
between codes, and the right code shows "Confirmed"."""

import datetime as dt
import secrets

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


def test_a_client_confirms_their_mobile_number_with_the_code_texted_to_it(portal, client_account, browser_page, clock):
    page = browser_page
    person = client_account("Wren")
    phone = f"+1555{secrets.randbelow(10**7):07d}"
    portal.sign_in_page(page, person["email"], person["password"], "/dashboard")
    page.goto(portal.url("/notifications"))

    page.get_by_label("Text message (SMS)").check()
    page.get_by_label("Mobile number for texts").fill(phone)
    page.get_by_role("button", name="Save").click()

    expect(page.locator("[data-form-status]")).to_contain_text(f"We texted a code to {phone}")
    expect(page.locator("[data-mobile-state]")).to_have_text(f"Not confirmed yet: enter the code we texted to {phone}.")
    section = page.get_by_role("region", name="Confirm your mobile number")
    expect(section).to_be_visible()
    code_box = page.get_by_label("Code we texted you")
    expect(code_box).to_be_focused()
    code = portal.texted_code(portal.wait_for_texts(phone)[-1])

    code_box.fill("12")
    page.get_by_role("button", name="Confirm number").click()
    expect(page.locator("[data-error-for=code]")).to_have_text("Enter the 6-digit code we texted you.")
    code_box.fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Confirm number").click()
    expect(page.locator("[data-error-for=code]")).to_contain_text("This code is not right")
    expect(code_box).to_have_attribute("aria-invalid", "true")
    page.get_by_role("button", name="Send a new code").click()
    expect(page.locator("[data-code-status]")).to_contain_text("We have texted enough codes for now. Try again in")

    clock.shift_clock(dt.timedelta(seconds=61))
    page.get_by_role("button", name="Send a new code").click()
    expect(page.locator("[data-code-status]")).to_contain_text(f"We texted a new code to {phone}")
    new_code = portal.texted_code(portal.wait_for_texts(phone, 2)[-1])
    code_box.fill(new_code)
    page.get_by_role("button", name="Confirm number").click()

    expect(page.locator("[data-mobile-state]")).to_have_text("Confirmed")
    expect(page.locator("[data-form-status]")).to_contain_text(f"Confirmed. We will text {phone} from now on.")
    expect(section).to_be_hidden()
    page.reload()
    expect(page.locator("[data-mobile-state]")).to_have_text("Confirmed")
    expect(page.get_by_role("region", name="Confirm your mobile number")).to_be_hidden()
