"""In a real browser, through the real stack: staff invite a client, the client opens the link from
the email, creates an account, confirms their email address and signs in to their dashboard."""

import secrets
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
TIMEOUT_MS = 15_000


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"invitation-flow-{name}.png"), full_page=True)


def sign_in(page: Page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/sign-in")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()


@pytest.mark.e2e
@pytest.mark.browser
def test_staff_invite_a_client_who_creates_an_account_and_reaches_the_dashboard(portal, browser_page: Page) -> None:
    page = browser_page
    page.set_default_timeout(TIMEOUT_MS)
    client_email = f"robin.{secrets.token_hex(4)}@example.org"
    client_password = f"quiet harbour lantern {secrets.token_hex(3)}"

    # Given a member of staff signed in
    sign_in(page, portal.base_url, portal.staff_email, portal.staff_password)
    page.wait_for_url("**/staff/clients")
    expect(page.get_by_role("heading", name="Clients", exact=True)).to_be_visible()
    screenshot(page, "01-staff-clients")

    # When they add a client
    page.get_by_role("button", name="New client").click()
    page.get_by_label("First name").fill("Robin")
    page.get_by_label("Last name").fill("Ashdown")
    page.get_by_label("Email").fill(client_email)
    page.get_by_label("Date of birth").fill("1990-04-12")
    screenshot(page, "02-new-client-form")
    page.get_by_role("button", name="Add client").click()
    row = page.locator("tbody tr", has_text=client_email)
    expect(row).to_be_visible()
    expect(row.get_by_text("Not invited")).to_be_visible()

    # And send the invitation
    row.get_by_role("button", name="Send invitation").click()
    expect(row.get_by_text("Invited", exact=True)).to_be_visible()
    expect(row.get_by_role("button", name="Resend invitation")).to_be_visible()
    screenshot(page, "03-client-invited")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in")

    # Then the client receives an email with a link to create an account
    message = portal.wait_for_mail(client_email)[-1]
    link = portal.invitation_link(message)
    assert "/invitations/" in link

    # When the client opens it, chooses a password and accepts the agreements
    page.goto(link)
    expect(page.get_by_role("heading", name="Create your account")).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value(client_email)
    expect(page.get_by_text("a long phrase is best, 15 or more")).to_be_visible()
    page.get_by_label("Password", exact=True).fill(client_password)
    page.get_by_label("Confirm password").fill(client_password)
    page.get_by_role("checkbox", name="Terms of use").check()
    page.get_by_role("checkbox", name="Privacy notice").check()
    page.get_by_role("checkbox", name="notices electronically").check()
    screenshot(page, "04-create-account")
    page.get_by_role("button", name="Create account").click()

    # Then the account is ready, but signing in first asks them to confirm their email
    expect(page.get_by_role("heading", name="Your account is ready")).to_be_visible()
    screenshot(page, "05-account-ready")
    page.get_by_role("link", name="Sign in").click()
    page.wait_for_url("**/sign-in?email=*")
    expect(page.get_by_label("Email", exact=True)).to_have_value(client_email)
    page.get_by_label("Password", exact=True).fill(client_password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    screenshot(page, "06-check-your-email")

    # When they open the confirmation email and press the button
    message = portal.wait_for_mail_about(client_email, "Confirm your email")
    page.goto(portal.link_in(message, "/verify-email"))
    page.get_by_role("button", name="Verify my email").click()
    expect(page.get_by_role("heading", name="Your email is confirmed")).to_be_visible()

    # Then they can sign in with it
    page.get_by_role("link", name="Sign in").click()
    page.wait_for_url("**/sign-in?email=*")
    page.get_by_label("Password", exact=True).fill(client_password)
    page.get_by_role("button", name="Sign in", exact=True).click()

    # And their dashboard shows what is left to do
    page.wait_for_url("**/dashboard")
    expect(page.get_by_role("heading", name="Welcome, Robin")).to_be_visible()
    expect(page.get_by_role("heading", name="Tasks to complete")).to_be_visible()
    expect(page.get_by_text("You're all caught up")).to_be_visible()
    screenshot(page, "07-client-dashboard")
