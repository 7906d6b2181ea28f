"""In a real browser: before the practice's idle timeout ends a session, the page asks "Are you still
there?"; staying keeps the session, and a page left alone signs out and says why. The page's clock
is Playwright's and the services' the shared offset file: nobody waits fifteen minutes."""

import datetime as dt
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def pass_time(page: Page, portal, minutes: int) -> None:
    portal.shift_clock(dt.timedelta(minutes=minutes))
    page.clock.run_for(minutes * 60_000)


def test_the_page_warns_before_the_idle_timeout_and_signs_out_when_left_alone(
    portal, clock, client_account, browser_page: Page
) -> None:
    page = browser_page
    client = client_account("Indigo")
    page.clock.install()
    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email", exact=True).fill(client["email"])
    page.get_by_label("Password", exact=True).fill(client["password"])
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/dashboard")
    expect(page.get_by_role("heading", name="Welcome, Indigo")).to_be_visible()

    # Given twelve quiet minutes of the practice's fifteen, the page asks
    pass_time(page, portal, 12)
    warning = page.get_by_role("alertdialog", name="Are you still there?")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("you will be signed out in")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "idle-01-warning.png"))

    # When the client stays, the session goes on past the fifteen minutes from signing in
    warning.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden()
    pass_time(page, portal, 10)
    expect(warning).to_be_hidden()
    assert page.url.endswith("/dashboard")

    # Then left alone again, the page signs out by itself and says why
    pass_time(page, portal, 5)
    page.wait_for_url("**/sign-in?reason=idle*")
    expect(page.get_by_text("You were signed out because the portal was not used for a while")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "idle-02-signed-out.png"))
    cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
    me = requests.get(portal.url("/api/v1/me"), cookies=cookies, timeout=10)
    assert me.status_code == 401
