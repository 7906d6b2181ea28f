"""In a real browser, through the real stack: what the front desk does for a client's portal — read
a sign-in PIN over the phone, turn the account off and on again, and invite several clients at once
from a filtered list."""

import re
import secrets
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def password_login(portal, email: str, password: str) -> requests.Response:
    return requests.post(portal.url("/api/v1/auth/login"), json={"email": email, "password": password}, timeout=10)


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"staff-actions-{name}.png"), full_page=True)


def staff_signs_in(page: Page, portal) -> None:
    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email", exact=True).fill(portal.staff_email)
    page.get_by_label("Password", exact=True).fill(portal.staff_password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/staff/clients")


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in")


def test_staff_read_a_pin_to_a_client_who_signs_in_with_it(portal, client_account, browser_page: Page) -> None:
    page = browser_page
    client = client_account("Emery")

    # Given a member of staff on the client's page
    staff_signs_in(page, portal)
    page.goto(portal.url(f"/staff/clients/{client['id']}"))
    expect(page.get_by_role("heading", name=f"Emery {client['last_name']}")).to_be_visible()

    # When they create a sign-in PIN, it is shown once with its expiry
    page.get_by_role("button", name="Create a sign-in PIN").click()
    expect(page.get_by_text("Read this PIN to the client")).to_be_visible()
    pin = page.locator("[data-pin-value]").inner_text().replace(" ", "")
    assert pin.isdigit() and len(pin) == 6
    expect(page.get_by_text("Works once, until")).to_be_visible()
    screenshot(page, "01-pin-issued")
    sign_out(page)

    # Then the client signs in with their email and the PIN
    page.get_by_role("link", name="Sign in with a PIN from your practice").click()
    page.wait_for_url("**/sign-in/pin")
    page.get_by_label("Email", exact=True).fill(client["email"])
    page.get_by_label("PIN", exact=True).fill(pin)
    screenshot(page, "02-pin-sign-in")
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/dashboard")
    expect(page.get_by_role("heading", name="Welcome, Emery")).to_be_visible()


def test_staff_turn_a_clients_access_off_and_on_again(portal, client_account, browser_page: Page) -> None:
    page = browser_page
    client = client_account("Finley")
    # The client is signed in elsewhere (an API session)
    login = password_login(portal, client["email"], client["password"])
    assert login.status_code == 200, login.text
    elsewhere = {"Authorization": f"Bearer {login.json()['access_token']}"}
    assert requests.get(portal.url("/api/v1/me"), headers=elsewhere).status_code == 200

    staff_signs_in(page, portal)
    page.goto(portal.url(f"/staff/clients/{client['id']}"))
    access = page.get_by_role("switch", name="Portal access")
    expect(access).to_have_attribute("aria-checked", "true")

    # When staff turn access off and confirm
    access.click()
    expect(page.get_by_text("Turn off portal access for Finley")).to_be_visible()
    screenshot(page, "03-disable-confirmation")
    page.get_by_role("button", name="Disable account").click()
    expect(page.get_by_text(f"Portal access for Finley {client['last_name']} is off.")).to_be_visible()
    expect(access).to_have_attribute("aria-checked", "false")
    screenshot(page, "04-disabled")

    # Then the client's session ends at once and the right password no longer signs in
    ended = requests.get(portal.url("/api/v1/me"), headers=elsewhere)
    assert ended.status_code == 401 and ended.json()["code"] == "session-ended"
    again = password_login(portal, client["email"], client["password"])
    assert again.status_code == 401

    # When staff turn it back on (and a cancelled attempt changes nothing)
    access.click()
    page.get_by_role("button", name="Cancel").click()
    expect(access).to_have_attribute("aria-checked", "false")
    access.click()
    page.get_by_role("button", name="Re-enable account").click()
    expect(access).to_have_attribute("aria-checked", "true")
    # The timeline follows the account through events: the page keeps asking for a few seconds
    expect(page.locator("[data-timeline]").get_by_text("Re-enabled by you")).to_be_visible(timeout=20_000)
    expect(page.locator("[data-timeline]").get_by_text("Disabled by you")).to_be_visible()
    screenshot(page, "05-re-enabled")

    # Then the client can sign in again
    back = password_login(portal, client["email"], client["password"])
    assert back.status_code == 200, back.text


def test_staff_filter_the_list_and_invite_the_selected_clients(portal, browser_page: Page) -> None:
    page = browser_page
    family = f"Grove-{secrets.token_hex(3)}"
    staff = portal.staff_session()
    names = []
    for first in ("Harper", "Indigo"):
        person = {"first_name": first, "last_name": family, "email": f"{first.lower()}.{family.lower()}@example.test"}
        assert staff.post(portal.url("/api/v1/staff/clients"), json=person).status_code == 201
        names.append(f"{first} {family}")

    # Given the client list filtered to clients not invited yet
    staff_signs_in(page, portal)
    not_invited = page.get_by_role("button", name=re.compile(r"^Not invited"))
    not_invited.click()
    expect(not_invited).to_have_attribute("aria-pressed", "true")
    for name in names:
        expect(page.get_by_role("row", name=name)).to_be_visible()
    expect(page.locator("tbody tr[data-status]:not([data-status='not_invited'])")).to_have_count(0)

    # When staff select the two new clients and invite them together
    for name in names:
        page.get_by_role("checkbox", name=f"Select {name}").check()
    expect(page.get_by_text("2 clients selected")).to_be_visible()
    screenshot(page, "06-bulk-selection")
    page.get_by_role("button", name="Invite selected").click()
    expect(page.get_by_text("2 invitations sent.")).to_be_visible()

    # Then they have left the "Not invited" list and show under "Invited"
    for name in names:
        expect(page.get_by_role("row", name=name)).to_have_count(0)
    page.get_by_role("button", name=re.compile(r"^Invited")).click()
    for name in names:
        row = page.get_by_role("row", name=name)
        expect(row.get_by_text("Invited", exact=True)).to_be_visible()
    screenshot(page, "07-invited-filter")
    for first in ("harper", "indigo"):
        portal.wait_for_mail(f"{first}.{family.lower()}@example.test")


def test_staff_give_a_reset_link_that_the_client_opens_to_choose_a_password(
    portal, client_account, browser_page: Page
) -> None:
    page = browser_page
    client = client_account("Jordan")
    new_password = f"harbour light meadow {secrets.token_hex(3)}"

    # Given staff creating a reset link with the default expiry (48 hours)
    staff_signs_in(page, portal)
    page.goto(portal.url(f"/staff/clients/{client['id']}"))
    page.get_by_role("button", name="Create reset link").click()
    expect(page.get_by_label("Reset link")).to_have_value(re.compile(r"/reset-password/[A-Za-z0-9_\-]+$"))
    link = page.get_by_label("Reset link").input_value()
    screenshot(page, "08-reset-link")
    sign_out(page)

    # When the client opens it on a phone and chooses a new password twice
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(link)
    page.get_by_label("New password", exact=True).fill(new_password)
    page.get_by_label("Confirm password", exact=True).fill(new_password)
    screenshot(page, "09-reset-password-phone")
    page.get_by_role("button", name="Save my new password").click()
    expect(page.get_by_role("heading", name="Your password has been changed")).to_be_visible()

    # Then the link is spent: opening it again says so and what to do next
    page.goto(link)
    page.get_by_label("New password", exact=True).fill(new_password)
    page.get_by_label("Confirm password", exact=True).fill(new_password)
    page.get_by_role("button", name="Save my new password").click()
    expect(page.get_by_role("heading", name="This link has already been used")).to_be_visible()
    screenshot(page, "10-reset-link-used-phone")
    signed_in = password_login(portal, client["email"], new_password)
    assert signed_in.status_code == 200


def test_a_client_reviews_security_and_signs_out_another_session(portal, client_account, browser_page: Page) -> None:
    page = browser_page
    client = client_account("Kai")
    other = password_login(portal, client["email"], client["password"])
    other_device = {"Authorization": f"Bearer {other.json()['access_token']}"}

    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email", exact=True).fill(client["email"])
    page.get_by_label("Password", exact=True).fill(client["password"])
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/dashboard")
    page.get_by_role("link", name="Security").click()
    page.wait_for_url("**/security")
    expect(page.get_by_role("heading", name="Recent sign-ins")).to_be_visible()
    expect(page.get_by_text("This device")).to_be_visible()
    screenshot(page, "11-security")

    # When the client signs out the other session
    page.locator("[data-sessions] li", has_not_text="This device").get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("was signed out.")).to_be_visible()

    # Then that session's very next call fails
    ended = requests.get(portal.url("/api/v1/me"), headers=other_device)
    assert ended.status_code == 401 and ended.json()["code"] == "session-ended"


def test_the_long_client_page_opens_with_links_to_each_of_its_parts(portal, client_account, browser_page: Page) -> None:
    page = browser_page
    client = client_account("Sasha")
    staff_signs_in(page, portal)
    page.goto(portal.url(f"/staff/clients/{client['id']}"))

    parts = page.get_by_role("navigation", name="On this page")
    expect(parts.get_by_role("link", name="Details", exact=True)).to_be_visible()
    expect(parts.get_by_role("link", name="Forms and assessments")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "staff-actions-client-page-parts.png"))
    parts.get_by_role("link", name="Documents", exact=True).click()

    expect(page).to_have_url(re.compile(r"#documents-title$"))
    expect(page.get_by_role("heading", name="Documents", exact=True)).to_be_in_viewport()
