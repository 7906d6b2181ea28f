"""In a real browser, through the real stack: a client turns on two-step sign-in with an
authenticator app (the QR code drawn by identity, the ten recovery codes shown once), then signs in
with the password and a code from the app; another signs in with a recovery code instead.

Codes are computed here with pyotp from the key the page shows, on the portal's (shifted) clock."""

import time
from pathlib import Path

import pyotp
import pytest
import requests
from playwright.sync_api import Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"two-step-{name}.png"), full_page=True)


def app_code(portal, secret: str, steps_ahead: int = 0) -> str:
    """What the authenticator app shows now (or `steps_ahead` 30-second steps later). The code
    used to turn the app on is spent for its window; the next step's code is accepted (±1 step)."""
    return pyotp.TOTP(secret).at(time.time() + portal._offset + 30 * steps_ahead)


def password_sign_in(page: Page, portal, person) -> None:
    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email", exact=True).fill(person["email"])
    page.get_by_label("Password", exact=True).fill(person["password"])
    page.get_by_role("button", name="Sign in", exact=True).click()


def test_a_client_sets_up_the_app_and_then_signs_in_with_a_code(portal, client_account, browser_page: Page) -> None:
    page = browser_page
    client = client_account("Noor")
    password_sign_in(page, portal, client)
    page.wait_for_url("**/dashboard")

    # Given the security page, the client sets up an authenticator app from the QR code
    page.get_by_role("link", name="Security").click()
    two_step = page.locator("[data-two-step]")
    expect(two_step.get_by_text("Off. Add a second step")).to_be_visible()
    page.get_by_role("button", name="Set up authenticator app").click()
    qr = page.get_by_role("img", name="QR code to scan with your authenticator app")
    expect(qr).to_be_visible()
    assert qr.get_attribute("src").startswith("data:image/svg+xml;base64,")
    assert qr.evaluate("image => image.decode().then(() => true)")  # a picture the browser could draw
    secret = page.locator("[data-totp-secret]").inner_text()
    screenshot(page, "01-app-set-up")
    page.get_by_label("Code from the app").fill(app_code(portal, secret))
    page.get_by_role("button", name="Turn on").click()

    # Then the ten recovery codes are shown once
    expect(page.get_by_text("Your recovery codes")).to_be_visible()
    codes = page.locator("[data-recovery-codes] li").all_inner_texts()
    assert len(codes) == 10 and len(set(codes)) == 10
    screenshot(page, "02-recovery-codes")
    page.get_by_role("button", name="I have saved them").click()
    expect(two_step.get_by_text("On, with authenticator app. Recovery codes left: 10.")).to_be_visible()
    expect(page.get_by_role("button", name="Turn off two-step sign-in")).to_be_visible()

    # When they sign out and sign in again with their password, a code is asked for
    page.get_by_role("button", name="Sign out", exact=True).click()
    page.wait_for_url("**/sign-in")
    password_sign_in(page, portal, client)
    expect(page.get_by_role("heading", name="Confirm it's you")).to_be_visible()
    expect(page.get_by_role("radio", name="Authenticator app")).to_be_checked()
    expect(page.get_by_role("radio", name="Text me a code")).to_be_hidden()
    screenshot(page, "03-challenge")

    # Then a wrong code is refused beside the field, and the app's code lets them in
    accepted = {app_code(portal, secret, steps) for steps in (-1, 0, 1, 2)}
    page.get_by_label("Code", exact=True).fill("000000" if "000000" not in accepted else "111111")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("That code is not right.")).to_be_visible()
    page.get_by_label("Code", exact=True).fill(app_code(portal, secret, 1))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/dashboard")
    expect(page.get_by_role("heading", name="Welcome, Noor")).to_be_visible()


def test_a_client_without_their_phone_signs_in_with_a_recovery_code(portal, client_account, browser_page: Page) -> None:
    page = browser_page
    client = client_account("Ines")
    codes = turn_on_app_through_the_gateway(portal, client)

    # Given the challenge after the password, the client chooses a recovery code
    password_sign_in(page, portal, client)
    expect(page.get_by_role("heading", name="Confirm it's you")).to_be_visible()
    page.get_by_role("radio", name="Recovery code").check()
    expect(page.get_by_text("Enter one of the recovery codes you saved")).to_be_visible()
    page.get_by_label("Code", exact=True).fill(codes[3].upper())
    page.get_by_role("button", name="Confirm").click()

    # Then they are in, and that code is spent
    page.wait_for_url("**/dashboard")
    page.goto(portal.url("/security"))
    expect(page.get_by_text("Recovery codes left: 9.")).to_be_visible()
    expect(page.locator("[data-sign-ins]").get_by_text("Recovery code").first).to_be_visible()
    screenshot(page, "04-security-after-recovery-code")


def turn_on_app_through_the_gateway(portal, person) -> list[str]:
    login = requests.post(
        portal.url("/api/v1/auth/login"), json={"email": person["email"], "password": person["password"]}, timeout=10
    )
    bearer = {"Authorization": f"Bearer {login.json()['access_token']}"}
    started = requests.post(portal.url("/api/v1/me/2fa/totp"), headers=bearer, timeout=10)
    assert started.status_code == 200, started.text
    confirmed = requests.post(
        portal.url("/api/v1/me/2fa/totp/confirm"),
        json={"code": app_code(portal, started.json()["secret"])},
        headers=bearer,
        timeout=10,
    )
    assert confirmed.status_code == 200, confirmed.text
    return confirmed.json()["recovery_codes"]


def test_staff_reset_the_two_step_sign_in_of_a_client_who_lost_their_phone(
    portal, client_account, browser_page: Page
) -> None:
    page = browser_page
    client = client_account("Lior")
    turn_on_app_through_the_gateway(portal, client)

    # Given a member of staff on the client's page
    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email", exact=True).fill(portal.staff_email)
    page.get_by_label("Password", exact=True).fill(portal.staff_password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/staff/clients")
    page.goto(portal.url(f"/staff/clients/{client['id']}"))

    # When they reset the client's two-step sign-in, after confirming
    page.get_by_role("button", name="Reset two-step sign-in").click()
    expect(page.get_by_text("Their password alone signs them in again")).to_be_visible()
    page.locator("[data-two-step-confirm]").get_by_role("button", name="Reset two-step sign-in").click()
    expect(page.get_by_text("Two-step sign-in is off for Lior")).to_be_visible()
    expect(page.get_by_text("Two-step sign-in reset").first).to_be_visible()
    screenshot(page, "05-staff-reset")

    # Then the client's password is enough again
    login = requests.post(
        portal.url("/api/v1/auth/login"), json={"email": client["email"], "password": client["password"]}, timeout=10
    )
    assert "access_token" in login.json()
