"""In a real browser, through the real stack: a client on a phone writes to the practice from the
Messages page; staff find it in the Inbox (unread), answer and assign it to themselves; the client
reads the answer, the practice sees its message read, and the client retracts a message sent by
mistake, which staff then see only as retracted."""

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}
pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"messages-{name}.png"), full_page=True)


def sign_in(page: Page, portal, email, password, lands_on) -> None:
    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"**{lands_on}")


def test_a_client_and_staff_exchange_messages(portal, client_account, browser_page):
    client_page = browser_page
    client_page.set_viewport_size(PHONE)
    person = client_account("Ellis")
    staff_page = client_page.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    staff_page.set_default_timeout(15000)

    # The client writes from the Messages page, on a phone
    sign_in(client_page, portal, person["email"], person["password"], "/dashboard")
    client_page.get_by_role("link", name="Messages").click()
    client_page.wait_for_url("**/messages")
    client_page.get_by_role("button", name="New message").click()
    client_page.get_by_label("Subject").fill("Letter for my employer")
    client_page.get_by_label("Message", exact=True).fill(
        "Could you write a short letter <b>confirming</b> my sessions?"
    )
    client_page.get_by_role("button", name="Send", exact=True).click()
    conversation = client_page.get_by_role("region", name="Letter for my employer")
    expect(conversation).to_contain_text("Could you write a short letter <b>confirming</b> my sessions?")
    expect(conversation).to_contain_text("Sent")

    # Staff find it unread in the Inbox, answer it and take it on
    sign_in(staff_page, portal, portal.staff_email, portal.staff_password, "/staff/clients")
    staff_page.get_by_role("link", name="Inbox").click()
    staff_page.wait_for_url("**/staff/inbox")
    staff_page.get_by_label("Unread only").check()
    item = staff_page.get_by_role("button", name=f"Letter for my employer {person['first_name']} {person['last_name']}")
    expect(item).to_contain_text("1 new")
    item.click()
    thread = staff_page.get_by_role("region", name="Letter for my employer")
    expect(thread).to_contain_text("<b>confirming</b>")
    thread.get_by_label("Reply", exact=True).fill("Of course. It will be ready on Friday.")
    letter = {"name": "draft letter.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}
    thread.get_by_label("Attach a file (optional)").set_input_files(letter)
    thread.get_by_role("button", name="Send", exact=True).click()
    expect(thread).to_contain_text("Of course. It will be ready on Friday.")
    thread.get_by_label("Assigned to").select_option(label="Me")
    expect(thread).to_contain_text("Assigned to you.")
    staff_page.get_by_label("Unread only").uncheck()
    staff_page.get_by_label("Assigned to me").check()
    expect(staff_page.get_by_role("button", name=f"Letter for my employer {person['first_name']}")).to_be_visible()
    screenshot(staff_page, "staff-inbox")

    # The client's dashboard counts the answer; the client reads it; their own message shows as read;
    # a mistaken one is retracted
    client_page.goto(portal.url("/dashboard"))
    messages_card = client_page.get_by_role("region", name="Messages")
    expect(messages_card).to_contain_text("You have 1 unread message.")
    messages_card.get_by_role("link", name="Read your messages").click()
    client_page.wait_for_url("**/messages")
    client_page.get_by_role("button", name="Letter for my employer").click()
    expect(conversation).to_contain_text("Of course. It will be ready on Friday.")
    expect(conversation.locator(".bubble--mine").first).to_contain_text("Read")
    with client_page.expect_download() as downloading:
        conversation.get_by_role("button", name="Download draft letter.pdf").click()
    assert downloading.value.suggested_filename == "draft letter.pdf"
    conversation.get_by_label("Your reply").fill("Sorry, wrong conversation")
    conversation.get_by_role("button", name="Send", exact=True).click()
    expect(conversation).to_contain_text("Sorry, wrong conversation")
    conversation.get_by_role("button", name="Retract your message “Sorry, wrong conversation”").click()
    expect(conversation).to_contain_text("You retracted this message.")
    expect(conversation).not_to_contain_text("Sorry, wrong conversation")
    screenshot(client_page, "client-thread")

    staff_page.reload()
    staff_page.get_by_role("button", name=f"Letter for my employer {person['first_name']}").click()
    expect(thread).to_contain_text("This message was retracted.")
    expect(thread).not_to_contain_text("Sorry, wrong conversation")
    staff_page.context.close()


def test_outside_business_hours_the_client_gets_the_automatic_reply(portal, client_account, browser_page):
    page = browser_page
    person = client_account("Noor")
    closed_today = (dt.datetime.now(dt.UTC).weekday() + 3) % 7
    reply = "We read messages on weekdays. In an emergency call 911."
    try:
        sign_in(page, portal, portal.staff_email, portal.staff_password, "/staff/clients")
        page.goto(portal.url("/staff/inbox"))
        hours = page.get_by_role("region", name="Business hours and automatic reply")
        hours.get_by_label("Time zone").fill("UTC")
        hours.locator(f"[data-day='{closed_today}'] [data-open]").check()
        hours.get_by_label("Automatic reply").fill(reply)
        hours.get_by_role("button", name="Save business hours").click()
        expect(hours).to_contain_text("You are closed now")
        screenshot(page, "business-hours")
        page.context.clear_cookies()

        page.set_viewport_size(PHONE)
        sign_in(page, portal, person["email"], person["password"], "/dashboard")
        page.goto(portal.url("/messages"))
        page.get_by_role("button", name="New message").click()
        page.get_by_label("Subject").fill("Late question")
        page.get_by_label("Message", exact=True).fill("Is tomorrow still on?")
        page.get_by_role("button", name="Send", exact=True).click()
        conversation = page.get_by_role("region", name="Late question")
        automatic = conversation.locator(".bubble--theirs")
        expect(automatic).to_contain_text("Automatic reply")
        expect(automatic).to_contain_text(reply)
    finally:
        cleared = {"time_zone": "UTC", "hours": [], "auto_reply": None}
        assert portal.staff_session().put(portal.url("/api/v1/staff/messaging/settings"), json=cleared).ok
