"""In a real browser, through the real stack: the practice owner uploads the practice's logo on the
settings page, sees it previewed and then in the header; a client opening the practice's sign-in
page sees it too. The logo is removed again after."""

from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
pytestmark = [pytest.mark.e2e, pytest.mark.browser]
LOGO = "/api/v1/staff/practice/logo"


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"practice-logo-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def logo_file(tmp_path: Path) -> Path:
    """A wide two-colour logo, as a practice would have one made."""
    image = Image.new("RGB", (900, 300), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse((30, 30, 270, 270), fill=(47, 107, 102))
    draw.rectangle((320, 110, 870, 190), fill=(196, 120, 60))
    path = tmp_path / "harbour-logo.png"
    image.save(path, format="PNG")
    return path


@pytest.fixture
def no_logo_after(portal):
    yield
    assert portal.staff_session().delete(portal.url(LOGO)).status_code == 200


def staff_signs_in(page: Page, portal) -> None:
    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email", exact=True).fill(portal.staff_email)
    page.get_by_label("Password", exact=True).fill(portal.staff_password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/staff/clients")


def natural_width(page: Page, selector: str) -> int:
    return int(page.locator(selector).evaluate("image => image.complete ? image.naturalWidth : 0"))


def test_the_owner_uploads_a_logo_and_the_sign_in_page_shows_it(
    portal, no_logo_after, tmp_path, browser_page: Page
) -> None:
    page = browser_page
    me = portal.staff_session().get(portal.url("/api/v1/me")).json()
    practice_id, practice_name = me["practice_id"], me["practice_name"]

    # Given the owner on the settings page of a practice without a logo
    staff_signs_in(page, portal)
    page.get_by_role("link", name="Settings").click()
    page.wait_for_url("**/staff/settings")
    expect(page.locator("[data-logo-none]")).to_be_visible()
    expect(page.locator("[data-practice-logo]")).to_be_hidden()

    # When a file that is not an image is chosen and sent, it is refused beside the field
    not_image = tmp_path / "notes.png"
    not_image.write_text("<html>not a picture</html>")
    page.get_by_label("Image", exact=True).set_input_files(str(not_image))
    page.get_by_role("button", name="Upload logo").click()
    expect(page.locator('[data-error-for="logo"]')).to_contain_text("PNG, JPEG or WebP")

    # When they choose the logo, it is previewed before anything is sent
    page.get_by_label("Image", exact=True).set_input_files(str(logo_file(tmp_path)))
    expect(page.get_by_role("img", name="The chosen image, not yet uploaded")).to_be_visible()

    # And they upload it: the preview and the header show the server's copy
    page.get_by_role("button", name="Upload logo").click()
    expect(page.locator("[data-logo-status]")).to_contain_text("Logo uploaded")
    header_logo = page.locator("[data-practice-logo]")
    expect(header_logo).to_be_visible()
    assert header_logo.get_attribute("src").startswith(f"/api/v1/practices/{practice_id}/logo?v=")
    expect(page.get_by_role("button", name="Remove logo")).to_be_visible()
    page.wait_for_function("document.querySelector('[data-logo-preview]').naturalWidth > 0")
    assert natural_width(page, "[data-logo-preview]") == 400
    screenshot(page, "settings")

    # Then a client opening the practice's sign-in page sees the logo at the top
    page.context.clear_cookies()
    page.goto(portal.url(f"/sign-in?practice={practice_id}"))
    logo = page.locator("[data-practice-logo]")
    expect(logo).to_be_visible()
    page.wait_for_function("document.querySelector('[data-practice-logo]').naturalWidth > 0")
    assert natural_width(page, "[data-practice-logo]") == 400
    expect(logo).to_have_attribute("alt", f"{practice_name} logo")
    screenshot(page, "sign-in")
