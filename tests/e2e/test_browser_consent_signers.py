"""On a phone-sized screen, in a real browser, through the real stack: each partner signs their couple's
consent from their own account (the first is told it waits for the other, and is not asked again, on
the consent and on the dashboard), and a guardian signs a minor's consent with a drawn signature, after
the minor's own account was told that a parent or guardian signs it. Staff name which partner of a
couple signs: the other is shown it is someone else's to do."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}
CONSENT = "Informed consent for therapy"
pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"consent-signers-{name}.png"), full_page=True)


def a_phone(browser: Browser) -> Page:
    page = browser.new_context(viewport=PHONE).new_page()
    page.set_default_timeout(15_000)
    return page


def a_profile_reached_by(portal, first_name: str, kind: str, *people) -> dict[str, str]:
    """A client profile that `people` (accounts) open as `kind` (partner or guardian)."""
    staff = portal.staff_session()
    email = f"{first_name.split()[0].lower()}.{people[0]['last_name'].lower()}@example.test"
    profile = {"first_name": first_name, "last_name": people[0]["last_name"], "email": email}
    created = staff.post(portal.url("/api/v1/staff/clients"), json=profile)
    assert created.status_code == 201, created.text
    for person in people:
        linked = staff.post(
            portal.url(f"/api/v1/staff/clients/{created.json()['id']}/links"),
            json={"account_email": person["email"], "kind": kind},
        )
        assert linked.status_code == 201, linked.text
    return {**profile, "id": created.json()["id"], "name": f"{first_name} {people[0]['last_name']}"}


def link(portal, profile, person, kind: str) -> None:
    linked = portal.staff_session().post(
        portal.url(f"/api/v1/staff/clients/{profile['id']}/links"),
        json={"account_email": person["email"], "kind": kind},
    )
    assert linked.status_code == 201, linked.text


def assign_consent(portal, client_id: str) -> str:
    answer = portal.staff_session().post(
        portal.url(f"/api/v1/staff/clients/{client_id}/assignments"), json={"template": "informed-consent"}
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def opens_the_consent(page: Page, portal, person, profile_name: str | None = None) -> None:
    """Signs in, opens the profile named (when the person has several), then the consent."""
    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email", exact=True).fill(person["email"])
    page.get_by_label("Password", exact=True).fill(person["password"])
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/dashboard")
    if profile_name:
        page.get_by_role("link", name="Switch profile").click()
        page.get_by_role("button", name=profile_name).click()
        page.wait_for_url("**/dashboard")
    page.get_by_role("link", name=CONSENT).click()
    page.wait_for_url("**/tasks/*")
    expect(page.get_by_role("heading", name=CONSENT, level=1)).to_be_visible()


def signs(page: Page, name: str) -> None:
    page.get_by_label("Type your full name").fill(name)
    page.get_by_label("I have read this document and I agree to it.").check()
    page.get_by_role("button", name="Sign", exact=True).click()


def draws_a_signature(page: Page) -> None:
    pad = page.locator("[data-signature-canvas]")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    assert box is not None
    left, top, width, height = box["x"], box["y"], box["width"], box["height"]
    page.mouse.move(left + width * 0.1, top + height * 0.7)
    page.mouse.down()
    for x, y in [(0.25, 0.3), (0.4, 0.75), (0.55, 0.3), (0.7, 0.7), (0.9, 0.4)]:
        page.mouse.move(left + width * x, top + height * y, steps=5)
    page.mouse.up()


def staff_view(portal, assignment_id: str) -> dict:
    answer = portal.staff_session().get(portal.url(f"/api/v1/staff/assignments/{assignment_id}"))
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_each_partner_signs_the_couples_consent_and_the_second_completes_it(portal, client_account, browser_page):
    robin, sky = client_account("Robin"), client_account("Sky")
    couple = a_profile_reached_by(portal, "Robin and Sky", "partner", robin, sky)
    assignment_id = assign_consent(portal, couple["id"])
    first, second = a_phone(browser_page.context.browser), a_phone(browser_page.context.browser)

    # The first partner signs: the consent waits for the other, and asks nothing more of them
    opens_the_consent(first, portal, robin, couple["name"])
    signs(first, f"Robin {robin['last_name']}")
    expect(first.get_by_role("heading", name="Waiting for your partner's signature")).to_be_visible()
    expect(first.locator("[data-signature-list]")).to_contain_text(f"Robin {robin['last_name']}")
    expect(first.locator("[data-signature-list]")).to_contain_text("(you)")
    expect(first.get_by_role("button", name="Sign", exact=True)).to_be_hidden()
    screenshot(first, "01-first-partner-waiting")
    first.reload()
    expect(first.get_by_role("heading", name="Waiting for your partner's signature")).to_be_visible()
    expect(first.get_by_role("button", name="Sign", exact=True)).to_be_hidden()
    assert staff_view(portal, assignment_id)["status"] == "pending"
    # ... and their dashboard says so instead of listing it as something to do
    first.goto(portal.url("/dashboard"))
    expect(first.locator("[data-pending-tasks]")).to_contain_text("You signed. Waiting for the other signature")
    expect(first.get_by_text("You're all caught up")).to_be_visible()
    screenshot(first, "01b-first-partner-dashboard")

    # The other partner sees the first signature, and signs
    opens_the_consent(second, portal, sky, couple["name"])
    expect(second.get_by_role("heading", name="Your partner has signed")).to_be_visible()
    expect(second.locator("[data-signature-list]")).to_contain_text(f"Robin {robin['last_name']}")
    expect(second.locator("[data-signature-list]")).not_to_contain_text("(you)")
    screenshot(second, "02-second-partner-to-sign")
    signs(second, f"Sky {sky['last_name']}")
    expect(second.get_by_role("heading", name="Signed", exact=True)).to_be_visible()
    expect(second.locator("[data-done-signatures]")).to_contain_text(f"Robin {robin['last_name']}")
    expect(second.locator("[data-done-signatures]")).to_contain_text(f"Sky {sky['last_name']}")
    screenshot(second, "03-second-partner-completed")

    # The practice sees both signatures; the first partner's page now says it is signed
    staff = staff_view(portal, assignment_id)
    assert staff["status"] == "completed"
    assert [s["full_name"] for s in staff["signatures"]] == [f"Robin {robin['last_name']}", f"Sky {sky['last_name']}"]
    first.goto(portal.url(f"/tasks/{assignment_id}"))
    expect(first.get_by_role("heading", name="Signed", exact=True)).to_be_visible()
    expect(first.get_by_role("link", name="Download the signed document (PDF)")).to_be_visible()


def test_a_guardian_signs_the_minors_consent_with_a_drawn_signature(portal, client_account, browser_page):
    guardian, minor = client_account("Rowan"), client_account("Pip")
    link(portal, minor, guardian, "guardian")
    assignment_id = assign_consent(portal, minor["id"])
    minor_name = f"Pip {minor['last_name']}"

    # The minor's own account is told who signs, in words
    own = a_phone(browser_page.context.browser)
    opens_the_consent(own, portal, minor)
    signs(own, minor_name)
    expect(own.get_by_text("A parent or guardian signs this consent for this profile.")).to_be_visible()
    expect(own.get_by_text("guardian-must-sign")).to_have_count(0)
    expect(own.get_by_role("button", name="Sign", exact=True)).to_be_disabled()
    screenshot(own, "04-minor-refused")

    # The guardian, on the minor's profile, signs as their guardian, with a drawing
    page = a_phone(browser_page.context.browser)
    opens_the_consent(page, portal, guardian, minor_name)
    expect(page.get_by_text(f"You are signing as the parent or guardian of {minor_name}.")).to_be_visible()
    draws_a_signature(page)
    expect(page.get_by_role("button", name="Clear drawing")).to_be_enabled()
    screenshot(page, "05-guardian-drawn-signature")
    signs(page, f"Rowan {guardian['last_name']}")
    expect(page.get_by_role("heading", name="Signed", exact=True)).to_be_visible()
    expect(page.get_by_text(f"Signed by Rowan {guardian['last_name']} on")).to_be_visible()
    screenshot(page, "06-guardian-signed")
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Download the signed document (PDF)").click()
    pdf = Path(waiting.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF") and b"/Subtype /Image" in pdf  # the drawing is on the signed document

    signatures = staff_view(portal, assignment_id)["signatures"]
    assert [(s["full_name"], s["has_drawing"]) for s in signatures] == [(f"Rowan {guardian['last_name']}", True)]


def test_a_keyboard_user_signs_without_drawing(portal, client_account, browser_page):
    person = client_account("Indy")
    assignment_id = assign_consent(portal, person["id"])
    page = a_phone(browser_page.context.browser)
    opens_the_consent(page, portal, person)

    page.get_by_label("Type your full name").focus()
    page.keyboard.type(f"Indy {person['last_name']}")
    page.keyboard.press("Tab")  # past the pad (not focusable) and its Clear button (off until something is drawn)
    expect(page.get_by_label("I have read this document and I agree to it.")).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Sign", exact=True)).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Signed", exact=True)).to_be_visible()
    assert [s["has_drawing"] for s in staff_view(portal, assignment_id)["signatures"]] == [False]


def staff_assign_a_consent_naming(page: Page, portal, profile_id: str, signer_email: str) -> None:
    """On the desktop, staff open the profile's page, tick the consent and who signs it, and assign."""
    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email", exact=True).fill(portal.staff_email)
    page.get_by_label("Password", exact=True).fill(portal.staff_password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/staff/clients")
    page.goto(portal.url(f"/staff/clients/{profile_id}"))
    forms = page.locator("[data-forms]")
    expect(forms.get_by_role("group", name="Who completes or signs (optional)")).to_be_visible()
    forms.get_by_label(CONSENT, exact=True).check()
    forms.get_by_label(signer_email).check()
    forms.get_by_role("button", name="Assign", exact=True).click()
    expect(forms.get_by_text(f"Assigned: {CONSENT}.")).to_be_visible()
    expect(forms.locator("[data-assignment-signers]")).to_have_text(f"For {signer_email}")
    screenshot(page, "07-staff-named-the-signer")


def test_staff_name_the_partner_who_signs_and_the_other_is_told_it_is_not_theirs(portal, client_account, browser_page):
    robin, sky = client_account("Robin"), client_account("Sky")
    couple = a_profile_reached_by(portal, "Robin and Sky", "partner", robin, sky)
    staff_assign_a_consent_naming(browser_page, portal, couple["id"], sky["email"])

    # The partner not named finds it on the dashboard as someone else's, and is not offered to sign
    other = a_phone(browser_page.context.browser)
    opens_the_consent(other, portal, robin, couple["name"])
    expect(other.get_by_role("heading", name="Someone else completes this")).to_be_visible()
    expect(other.get_by_role("button", name="Sign", exact=True)).to_be_hidden()
    screenshot(other, "08-not-named-partner")
    other.goto(portal.url("/dashboard"))
    expect(other.locator("[data-pending-tasks]")).to_contain_text("Someone else on this profile completes this")
    expect(other.get_by_text("You're all caught up")).to_be_visible()

    # The named partner signs alone, and that completes it
    named = a_phone(browser_page.context.browser)
    opens_the_consent(named, portal, sky, couple["name"])
    signs(named, f"Sky {sky['last_name']}")
    expect(named.get_by_role("heading", name="Signed", exact=True)).to_be_visible()
