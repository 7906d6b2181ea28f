"""In a real browser on a phone, through the real stack: the dashboard asks the client to add their
insurance; on the Billing page they fill in the primary policy with photos of the card's front and back,
see it listed, and the dashboard task is gone; staff can open the photo."""

import re
import sys
from pathlib import Path

import pytest
import requests
from playwright.sync_api import expect

sys.path.insert(0, str(Path(__file__).parent))  # the billing story's helpers (tests run in importlib mode)
from test_billing_flow import client_headers
from test_browser_billing import PHONE, screenshot, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n"


def test_a_client_adds_insurance_with_photos_on_a_phone(portal, client_account, browser_page, insurance_offered):
    page = browser_page
    page.set_viewport_size(PHONE)
    person = client_account("Morgan")
    sign_in(page, portal, person["email"], person["password"], "/dashboard")

    expect(page.locator("[data-pending-tasks]")).to_contain_text("Add your insurance details")
    page.get_by_role("link", name=re.compile("Add your insurance details")).click()
    page.wait_for_url("**/billing#insurance")
    form = page.locator("[data-policy-form]")
    form.get_by_label("Insurance company").fill("Blue Harbor Health")
    form.get_by_label("Member ID").fill("XJH123456789")
    form.get_by_label("Group number").fill("GRP-0042")
    form.get_by_label("Subscriber's name").fill("Morgan Reyes")
    form.get_by_label("Subscriber's date of birth").fill("1988-04-12")
    form.get_by_label("Photo of the card's front").set_input_files(
        {"name": "front.png", "mimeType": "image/png", "buffer": PNG}
    )
    form.get_by_label("Photo of the card's back").set_input_files(
        {"name": "back.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    form.get_by_role("button", name="Save insurance").click()

    expect(form.locator("[data-policy-status]")).to_contain_text("Primary insurance saved.")
    listed = page.locator('[data-policy="primary"]')
    expect(listed).to_contain_text("Blue Harbor Health")
    expect(listed).to_contain_text("card photos: front and back")
    screenshot(page, "insurance-phone")
    page.goto(portal.url("/dashboard"))
    expect(page.locator("[data-pending-tasks]")).not_to_contain_text("Add your insurance details")
    staff = portal.staff_session()
    photo = staff.get(portal.url(f"/api/v1/staff/clients/{person['id']}/insurance/primary/photos/back"))
    assert (photo.status_code, photo.content) == (200, PDF)


def test_staff_see_a_clients_insurance_open_the_photo_and_mark_it_verified(
    portal, client_account, browser_page, insurance_offered
):
    page = browser_page
    person = client_account("Taylor")
    headers = client_headers(portal, person)
    policy = {
        "payer": "Cedar Mutual",
        "member_id": "CM-555",
        "group_number": "",
        "plan": "HMO",
        "subscriber_name": "Pat Lane",
        "subscriber_relationship": "parent",
        "subscriber_date_of_birth": "1970-01-05",
    }
    saved = requests.put(portal.url("/api/v1/billing/insurance/primary"), json=policy, headers=headers, timeout=10)
    assert saved.status_code == 200, saved.text
    photo = requests.put(
        portal.url("/api/v1/billing/insurance/primary/photos/front"),
        files={"file": ("front.png", PNG, "image/png")},
        headers=headers,
        timeout=10,
    )
    assert photo.status_code == 200, photo.text

    sign_in(page, portal, portal.staff_email, portal.staff_password, "/staff/clients")
    page.goto(portal.url(f"/staff/clients/{person['id']}"))
    section = page.locator("[data-staff-insurance]")
    listed = section.locator('[data-staff-policy="primary"]')
    expect(listed).to_contain_text("Primary: Cedar Mutual · HMO")
    expect(listed).to_contain_text("Subscriber Pat Lane (parent)")
    href = listed.get_by_role("link", name="Card front").get_attribute("href")
    assert page.request.get(portal.url(href)).body() == PNG
    listed.get_by_role("button", name="Mark verified").click()

    expect(section.locator("[data-staff-insurance-status]")).to_contain_text("Primary insurance marked verified.")
    expect(listed).to_contain_text("Verified")
    screenshot(page, "insurance-staff")
