"""In a real browser, through the real stack: the ways back in besides the password — an emailed
link (only its button signs in, so a mail scanner opening it spends nothing), the code from the same
email, a forgotten password reset by code — and the email confirmation a new account needs first."""

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
    page.screenshot(path=str(SCREENSHOTS / f"sign-in-ways-{name}.png"), full_page=True)


def ask_for_a_sign_in_link(page: Page, portal, email: str) -> None:
    page.goto(portal.url("/sign-in"))
    page.get_by_role("link", name="Email me a sign-in link").click()
    page.wait_for_url("**/sign-in/link")
    page.locator('[data-step="request"]').get_by_label("Email").fill(email)
    page.get_by_role("button", name="Email me a link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()


def test_a_client_signs_in_with_the_button_behind_an_emailed_link(portal, client_account, browser_page: Page) -> None:
    page = browser_page
    client = client_account("Avery")

    # Given a client who asked for a sign-in link
    ask_for_a_sign_in_link(page, portal, client["email"])
    screenshot(page, "01-link-requested")
    link = portal.link_in(portal.wait_for_mail_about(client["email"], "sign-in link"), "/sign-in/link")

    # When a mail scanner opens the link first, nothing is spent
    assert requests.get(link, timeout=10).status_code == 200

    # Then the client opens it, sees a button, and only pressing it signs them in
    page.goto(link)
    expect(page.get_by_role("heading", name="Sign in to your portal")).to_be_visible()
    screenshot(page, "02-link-opened")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard")
    expect(page.get_by_role("heading", name="Welcome, Avery")).to_be_visible()

    # And the same link does not work twice, with a page saying what to do next
    page.goto(link)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="This link has already been used")).to_be_visible()
    expect(page.get_by_role("link", name="Email me a new link")).to_be_visible()
    screenshot(page, "03-link-used")


def test_a_client_signs_in_with_the_code_from_the_same_email(portal, client_account, browser_page: Page) -> None:
    page = browser_page
    client = client_account("Blair")
    ask_for_a_sign_in_link(page, portal, client["email"])
    code = portal.code_in(portal.wait_for_mail_about(client["email"], "sign-in link"))

    # A wrong code first is refused on the page
    page.get_by_label("6-digit code").fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("That code does not match")).to_be_visible()

    page.get_by_label("6-digit code").fill(code)
    screenshot(page, "04-code-entry")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard")
    expect(page.get_by_role("heading", name="Welcome, Blair")).to_be_visible()


def test_a_client_who_forgot_the_password_chooses_a_new_one_with_an_emailed_code(
    portal, client_account, browser_page: Page
) -> None:
    page = browser_page
    client = client_account("Casey")
    new_password = f"morning tide compass {secrets.token_hex(3)}"

    # Given the sign-in page, the client follows "Forgot password?"
    page.goto(portal.url("/sign-in"))
    page.get_by_role("link", name="Forgot password?").click()
    page.wait_for_url("**/forgot-password")
    page.get_by_label("Email").fill(client["email"])
    page.get_by_role("button", name="Email me a code").click()
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()

    # When they type the code and a new password twice
    code = portal.code_in(portal.wait_for_mail_about(client["email"], "reset code"))
    page.get_by_label("6-digit code").fill(code)
    page.get_by_label("New password", exact=True).fill(new_password)
    expect(page.get_by_text("Strength: Strong")).to_be_visible()
    page.get_by_label("Confirm password", exact=True).fill(new_password)
    screenshot(page, "05-forgot-password")
    page.get_by_role("button", name="Save my new password").click()

    # Then the password is changed, and the new one signs them in
    expect(page.get_by_role("heading", name="Your password has been changed")).to_be_visible()
    screenshot(page, "06-password-changed")
    page.get_by_role("link", name="Sign in").click()
    expect(page.get_by_label("Email")).to_have_value(client["email"])
    page.get_by_label("Password", exact=True).fill(new_password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard")
    old = password_login(portal, client["email"], client["password"])
    assert old.status_code == 401


def test_a_new_account_confirms_its_email_before_it_can_be_used(portal, client_account, browser_page: Page) -> None:
    page = browser_page
    client = client_account("Devon", verified=False)

    # Given an account whose address is not confirmed, signing in asks the client to check their email
    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email").fill(client["email"])
    page.get_by_label("Password", exact=True).fill(client["password"])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    sent_before = len(portal.mail_to(client["email"]))

    # When they ask for the email again
    page.get_by_role("button", name="Send the email again").click()
    expect(page.get_by_text(f"We sent a new link to {client['email']}")).to_be_visible()
    screenshot(page, "07-check-your-email")
    message = portal.wait_for_mail_about(client["email"], "Confirm your email", count=2)
    assert len(portal.mail_to(client["email"])) > sent_before
    link = portal.link_in(message, "/verify-email")

    # Then the newest link opens a page whose button confirms the address
    page.goto(link)
    expect(page.get_by_role("heading", name="Confirm your email address")).to_be_visible()
    screenshot(page, "08-verify-email")
    page.get_by_role("button", name="Verify my email").click()
    expect(page.get_by_role("heading", name="Your email is confirmed")).to_be_visible()
    screenshot(page, "09-email-confirmed")

    # And they can now sign in
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Password", exact=True).fill(client["password"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard")
    expect(page.get_by_role("heading", name="Welcome, Devon")).to_be_visible()
