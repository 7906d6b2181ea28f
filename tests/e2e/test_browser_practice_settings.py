"""In a real browser, through the real stack: the practice owner changes the practice's settings —
turns the Messages feature off, invitations to 7 days and the time zone to Denver — and the portal
follows: a new invitation expires in 7 days, and the client's home no longer shows Messages. Settings
are put back after."""

import datetime as dt
import secrets
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
pytestmark = [pytest.mark.e2e, pytest.mark.browser]
SETTINGS = "/api/v1/staff/practice/settings"
# The gateway keeps a practice's features this long (GatewaySettings.feature_cache_seconds).
FEATURE_CACHE = dt.timedelta(seconds=11)
# What the test may change; only these are put back, the rest stays as the practice had it.
CHANGED = ("features", "invitation_expiry_hours", "invitation_reminder_hours", "staff_pin_expiry_minutes", "time_zone")


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"practice-settings-{name}.png"), full_page=True)


@pytest.fixture
def practice_settings(portal):
    """The demo practice's settings, as they were before the test and put back after it."""
    staff = portal.staff_session()
    before = staff.get(portal.url(SETTINGS))
    assert before.status_code == 200, before.text
    saved = before.json()
    yield saved
    keep = {name: saved[name] for name in CHANGED}
    restored = portal.staff_session().patch(portal.url(SETTINGS), json=keep)
    assert restored.status_code == 200, restored.text


def staff_signs_in(page: Page, portal) -> None:
    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email", exact=True).fill(portal.staff_email)
    page.get_by_label("Password", exact=True).fill(portal.staff_password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/staff/clients")


def test_staff_turn_a_feature_off_and_invitations_to_seven_days(
    portal, clock, practice_settings, client_account, new_email, browser_page: Page
) -> None:
    page = browser_page
    client = client_account("Oren")

    # Given the owner on the practice settings page, with every setting shown
    staff_signs_in(page, portal)
    page.get_by_role("link", name="Settings").click()
    page.wait_for_url("**/staff/settings")
    expect(page.get_by_label("Practice name")).to_have_value(practice_settings["name"])
    expect(page.get_by_label("Messages", exact=True)).to_be_checked()

    # When a choice breaks a rule, it is refused beside its field and nothing is saved: a number out
    # of range (checked in the page), a reminder after the expiry (checked by identity)
    page.get_by_label("Sign-in PIN (minutes)").fill("90")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator("#staff_pin_expiry_minutes-error")).to_have_text("Enter a whole number from 5 to 60.")
    page.get_by_label("Sign-in PIN (minutes)").fill(str(practice_settings["staff_pin_expiry_minutes"]))
    page.get_by_label("Invitation expiry").select_option(label="1 day")
    page.get_by_label("Reminder").select_option(label="2 days before it expires")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator("#invitation_reminder_hours-error")).to_contain_text("before the invitation expires")
    screenshot(page, "01-refused")

    # When they turn Messages off and invitations to 7 days, and save
    page.get_by_label("Reminder").select_option(label="1 day before it expires")
    page.get_by_label("Messages", exact=True).uncheck()
    page.get_by_label("Invitation expiry").select_option(label="7 days")
    expect(page.get_by_label("Time zone")).to_have_value(practice_settings["time_zone"])
    page.get_by_label("Time zone").select_option("America/Denver")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    assert portal.staff_session().get(portal.url(SETTINGS)).json()["time_zone"] == "America/Denver"
    screenshot(page, "02-saved")

    # Then a new invitation expires in 7 days
    staff = portal.staff_session()
    person = {"first_name": "Pax", "last_name": f"Weekly-{secrets.token_hex(3)}", "email": new_email("pax")}
    created = staff.post(portal.url("/api/v1/staff/clients"), json=person)
    sent = staff.post(portal.url(f"/api/v1/staff/clients/{created.json()['id']}/invitations"), json={})
    assert sent.status_code == 201, sent.text
    lifetime = dt.datetime.fromisoformat(sent.json()["expires_at"]) - dt.datetime.fromisoformat(sent.json()["sent_at"])
    assert lifetime == dt.timedelta(days=7)
    assert staff.get(portal.url(SETTINGS)).json()["features"]["messages"] is False

    # And, once the gateway's copy of the features is renewed, the client's home shows no Messages
    clock.shift_clock(FEATURE_CACHE)
    page.get_by_role("button", name="Sign out", exact=True).click()
    page.wait_for_url("**/sign-in")
    page.get_by_label("Email", exact=True).fill(client["email"])
    page.get_by_label("Password", exact=True).fill(client["password"])
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/dashboard")
    expect(page.get_by_role("heading", name="Appointments")).to_be_visible()
    expect(page.get_by_role("heading", name="Messages")).to_have_count(0)
    screenshot(page, "03-client-home-without-messages")
