"""In a real browser, through the real stack: a client on a phone sets their profile's picture (a photo,
zoomed to the square they want) and sees it in the profile picker; staff see it in the client list and on
the client's page; it is a 256-pixel square."""

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def photo() -> bytes:
    image = Image.new("RGB", (640, 480), (40, 120, 90))
    image.paste((230, 180, 60), (200, 120, 440, 360))
    out = io.BytesIO()
    image.save(out, format="JPEG")
    return out.getvalue()


def test_a_client_sets_a_picture_seen_in_the_picker_and_by_staff(portal, client_account, browser_page: Page):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    guardian = client_account("Sloane")

    portal.sign_in_page(page, guardian["email"], guardian["password"], "/dashboard")
    page.goto(portal.url("/profiles"))
    picture = page.get_by_role("region", name="Picture of the profile open now")
    picture.get_by_label("Photo").set_input_files({"name": "me.jpg", "mimeType": "image/jpeg", "buffer": photo()})
    picture.get_by_label("Zoom").fill("200")
    picture.get_by_role("button", name="Save picture").click()
    expect(picture).to_contain_text("Your picture is saved.")

    own = page.get_by_role("button", name=f"Sloane {guardian['last_name']}")
    expect(own.locator("img.avatar__picture")).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "profile-picture-picker.png"), full_page=True)

    staff = portal.staff_session()
    stored = staff.get(portal.url(f"/api/v1/staff/clients/{guardian['id']}/picture"))
    assert stored.status_code == 200
    assert Image.open(io.BytesIO(stored.content)).size == (256, 256)
    staff_page = page.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    portal.sign_in_page(staff_page, portal.staff_email, portal.staff_password, "/staff/clients")
    row = staff_page.locator(f"tr[data-client-id='{guardian['id']}']")
    expect(row.locator("img.avatar__picture")).to_be_visible()
    staff_page.goto(portal.url(f"/staff/clients/{guardian['id']}"))
    expect(staff_page.locator("[data-client-avatar] img")).to_be_visible()
    staff_page.context.close()
