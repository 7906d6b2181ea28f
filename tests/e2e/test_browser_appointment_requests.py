"""In a real browser, through the real stack: a client on a phone asks to cancel an appointment less
than a day away (told first that it would be a late cancellation) and the practice declines with a
message; the client then asks to reschedule, proposing a time, and staff move the appointment to it."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}
NEW_YORK = ZoneInfo("America/New_York")
pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"appointment-requests-{name}.png"), full_page=True)


def sign_in(page: Page, portal, email, password, lands_on) -> None:
    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"**{lands_on}")


def test_a_client_asks_to_cancel_then_to_reschedule_and_staff_answer(portal, client_account, browser_page):
    page = browser_page
    page.set_viewport_size(PHONE)
    staff = portal.staff_session()
    owner_id = staff.get(portal.url("/api/v1/me")).json()["account_id"]
    person = client_account("Harper")
    starts_at = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=20)).replace(second=0, microsecond=0)
    booked = staff.post(
        portal.url("/api/v1/staff/appointments"),
        json={
            "clinician_id": owner_id,
            "client_id": person["id"],
            "type_name": "Session",
            "duration_minutes": 50,
            "mode": "video",
            "starts_at": starts_at.isoformat(),
        },
    )
    assert booked.status_code == 201, booked.text

    # The client asks to cancel and is told first that it would be late
    sign_in(page, portal, person["email"], person["password"], "/dashboard")
    page.goto(portal.url("/appointments"))
    upcoming = page.get_by_role("region", name="Upcoming")
    upcoming.get_by_role("button", name="Ask to cancel").click()
    expect(page.get_by_text("counts as a late cancellation")).to_be_visible()
    page.get_by_label("Reason").fill("My car broke down")
    screenshot(page, "01-cancel-asked")
    page.get_by_role("button", name="Send cancellation request").click()
    expect(upcoming.get_by_text("You asked to cancel this appointment.")).to_be_visible()

    # Staff decline with a message, in their page
    # (a browser of their own: cookies are per browser)
    staff_page = page.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    staff_page.set_default_timeout(15000)
    sign_in(staff_page, portal, portal.staff_email, portal.staff_password, "/staff/clients")
    staff_page.goto(portal.url("/staff/appointments"))
    requests_region = staff_page.get_by_role("region", name="Requests from clients")
    item = requests_region.get_by_role("listitem").filter(has_text=person["last_name"])
    expect(item).to_contain_text("My car broke down")
    item.get_by_label("Message to the client").fill("We can do video instead")
    item.get_by_role("button", name="Decline").click()
    expect(requests_region.get_by_text("The request was declined.")).to_be_visible()

    # The client reads the answer and asks to move it to the next day at 10:00 practice time
    page.reload()
    expect(upcoming).to_contain_text("was declined: “We can do video instead”")
    upcoming.get_by_role("button", name="Ask to reschedule").click()
    wanted = dt.datetime.combine(dt.datetime.now(NEW_YORK).date() + dt.timedelta(days=3), dt.time(10), NEW_YORK)
    page.get_by_label("Time 1").fill(wanted.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Send reschedule request").click()
    expect(upcoming.get_by_text("You asked to reschedule this appointment.")).to_be_visible()

    # Staff move it to the proposed time; the client sees the new time and the message
    staff_page.reload()
    item = requests_region.get_by_role("listitem").filter(has_text=person["last_name"])
    item.get_by_label("Message to the client").fill("Done, see you then")
    item.get_by_role("button", name="Move to").click()
    expect(requests_region.get_by_text("The appointment was moved.")).to_be_visible()
    page.reload()
    expect(upcoming).to_contain_text("was approved: “Done, see you then”")
    expect(upcoming).to_contain_text("10:00")
    screenshot(page, "02-moved")
    mine = staff.get(
        portal.url("/api/v1/staff/appointments"),
        params={
            "client_id": person["id"],
            "from": wanted.isoformat(),
            "to": (wanted + dt.timedelta(hours=1)).isoformat(),
        },
    ).json()["items"]
    assert [a["starts_at"] for a in mine] == [wanted.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")]
