"""In a real browser, through the real stack: a guardian opens a minor's profile and switches back,
a client changes the address they sign in with by the link mailed to it, and staff add an address
to a client and make it the one invitations go to."""

import secrets
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"profiles-{name}.png"), full_page=True)


def signs_in(page: Page, portal, email: str, password: str, lands_on: str) -> None:
    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"**{lands_on}")


def a_minor_with_a_guardian(portal, guardian) -> dict[str, str]:
    staff = portal.staff_session()
    suffix = secrets.token_hex(3)
    minor = {"first_name": "Pip", "last_name": f"Fielding-{suffix}", "email": f"pip.{suffix}@example.test"}
    created = staff.post(portal.url("/api/v1/staff/clients"), json=minor)
    assert created.status_code == 201, created.text
    linked = staff.post(
        portal.url(f"/api/v1/staff/clients/{created.json()['id']}/links"),
        json={"account_email": guardian["email"], "kind": "guardian"},
    )
    assert linked.status_code == 201, linked.text
    return {**minor, "id": created.json()["id"]}


def test_a_guardian_opens_the_minors_profile_and_switches_back(portal, client_account, browser_page: Page) -> None:
    page = browser_page
    guardian = client_account("Rowan")
    minor = a_minor_with_a_guardian(portal, guardian)

    # Given a guardian signed in on their own profile
    signs_in(page, portal, guardian["email"], guardian["password"], "/dashboard")
    expect(page.get_by_role("heading", name="Welcome, Rowan")).to_be_visible()

    # When they switch to the minor's profile
    page.get_by_role("link", name="Switch profile").click()
    page.wait_for_url("**/profiles")
    expect(page.get_by_text("As guardian of a minor")).to_be_visible()
    expect(page.get_by_text(f"Pip {minor['last_name']}")).to_be_visible()
    screenshot(page, "01-picker")
    page.get_by_role("button", name=f"Pip {minor['last_name']}").click()

    # Then the dashboard is the minor's
    page.wait_for_url("**/dashboard")
    expect(page.get_by_role("heading", name="Welcome, Pip")).to_be_visible()
    screenshot(page, "02-minor-dashboard")

    # And they can switch back to their own
    page.get_by_role("link", name="Switch profile").click()
    page.get_by_role("button", name=f"Rowan {guardian['last_name']}").click()
    page.wait_for_url("**/dashboard")
    expect(page.get_by_role("heading", name="Welcome, Rowan")).to_be_visible()


def test_a_client_changes_their_sign_in_email_by_the_mailed_link(
    portal, client_account, new_email, browser_page: Page
) -> None:
    page = browser_page
    person = client_account("Wren")
    new_address = new_email("wren.new")

    # Given a client on their security page
    signs_in(page, portal, person["email"], person["password"], "/dashboard")
    page.goto(portal.url("/security"))

    # When they ask to sign in with a new address
    section = page.locator("[data-email-change]")
    section.get_by_label("New email").fill(new_address)
    section.get_by_label("Current password").fill(person["password"])
    section.get_by_role("button", name="Send the link").click()
    expect(page.get_by_text("Check your new inbox")).to_be_visible()
    screenshot(page, "03-security-email-change")
    page.get_by_role("button", name="Sign out", exact=True).click()
    page.wait_for_url("**/sign-in")

    # And confirm it from the link mailed to the new address
    link = portal.link_in(portal.wait_for_mail_about(new_address, "new sign-in address"), "/email-change")
    page.goto(link)
    screenshot(page, "04-email-change-link")
    page.get_by_role("button", name="Confirm my new email").click()
    expect(page.get_by_role("heading", name="Your sign-in email has changed")).to_be_visible()
    screenshot(page, "05-email-changed")

    # Then the new address signs in, and the used link says so
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Password", exact=True).fill(person["password"])
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/dashboard")
    page.goto(link)
    page.get_by_role("button", name="Confirm my new email").click()
    expect(page.get_by_role("heading", name="This link has already been used")).to_be_visible()


def test_staff_add_an_email_and_make_it_the_default(portal, client_account, new_email, browser_page: Page) -> None:
    page = browser_page
    person = client_account("Juno")
    spare = new_email("juno.spare")

    # Given a member of staff on the client's page
    signs_in(page, portal, portal.staff_email, portal.staff_password, "/staff/clients")
    page.goto(portal.url(f"/staff/clients/{person['id']}"))
    expect(page.get_by_role("heading", name=f"Juno {person['last_name']}")).to_be_visible()

    # When they add an address and make it the default
    page.get_by_label("Another email").fill(spare)
    page.get_by_role("button", name="Add email").click()
    expect(page.get_by_text(f"{spare} was added.")).to_be_visible()
    page.get_by_role("button", name=f"Make {spare} the default").click()

    # Then invitations go to it, and the old address can be removed
    expect(page.get_by_text(f"Invitations now go to {spare}.")).to_be_visible()
    expect(page.get_by_role("button", name=f"Make {person['email']} the default")).to_be_visible()
    expect(page.get_by_role("heading", name="People who can open this profile")).to_be_visible()
    expect(page.locator("[data-links-list]").get_by_text(person["email"])).to_be_visible()
    screenshot(page, "06-staff-client-emails")


def test_a_parent_without_a_profile_of_their_own_picks_one_right_after_signing_in(
    portal, client_account, browser_page: Page
) -> None:
    page = browser_page
    parent = client_account("Morgan")
    first, second = a_minor_with_a_guardian(portal, parent), a_minor_with_a_guardian(portal, parent)
    staff = portal.staff_session()
    links = staff.get(portal.url(f"/api/v1/staff/clients/{parent['id']}/links")).json()["items"]
    own = next(link for link in links if link["kind"] == "self")
    assert staff.delete(portal.url(f"/api/v1/staff/clients/{parent['id']}/links/{own['id']}")).status_code == 204

    # Given a parent whose sign-in reaches only their two children's profiles
    # When they sign in, the portal asks whose portal to open before anything else
    signs_in(page, portal, parent["email"], parent["password"], "/profiles")
    expect(page.get_by_role("button", name=f"Pip {first['last_name']}")).to_be_visible()
    expect(page.get_by_role("button", name=f"Pip {second['last_name']}")).to_be_visible()
    expect(page.get_by_role("button", name=f"Morgan {parent['last_name']}")).to_have_count(0)
    screenshot(page, "04-picker-after-sign-in")

    # Then the one they pick is the dashboard they see
    page.get_by_role("button", name=f"Pip {second['last_name']}").click()
    page.wait_for_url("**/dashboard")
    expect(page.get_by_role("heading", name="Welcome, Pip")).to_be_visible()
    me = page.evaluate("fetch('/api/v1/me', {headers: {Accept: 'application/json'}}).then(r => r.json())")
    assert me["profile_id"] == second["id"]
