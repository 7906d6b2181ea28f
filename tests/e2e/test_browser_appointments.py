"""In a real browser, through the real stack: a client on a phone sees the next appointment first on
the dashboard, opens Appointments, gets a private calendar link and turns it off, and books an open
slot; staff book an appointment for a client on the staff page, move it and cancel it."""

import datetime as dt
import re
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
    page.screenshot(path=str(SCREENSHOTS / f"appointments-{name}.png"), full_page=True)


def sign_in(page: Page, portal, email, password, lands_on) -> None:
    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"**{lands_on}")


def in_ten_days_at(hour):
    day = dt.datetime.now(NEW_YORK).date() + dt.timedelta(days=10)
    return dt.datetime.combine(day, dt.time(hour), NEW_YORK)


@pytest.fixture
def clinic(portal):
    """The owner sees clients every day 9-12 as "Dana Reyes"; a bookable 50-minute video session."""
    staff = portal.staff_session()
    owner_id = staff.get(portal.url("/api/v1/me")).json()["account_id"]
    windows = [{"weekday": day, "starts": "09:00", "ends": "12:00"} for day in range(7)]
    staff.put(
        portal.url(f"/api/v1/staff/clinicians/{owner_id}/availability"),
        json={"display_name": "Dana Reyes", "windows": windows},
    )
    kind = staff.post(
        portal.url("/api/v1/staff/appointment-types"),
        json={"name": "Video session", "duration_minutes": 50, "buffer_minutes": 10, "mode": "video"},
    )
    return {"staff": staff, "clinician_id": owner_id, "type_id": kind.json()["id"]}


def test_a_client_sees_subscribes_and_books_on_a_phone(portal, client_account, clinic, browser_page):
    page = browser_page
    page.set_viewport_size(PHONE)
    person = client_account("Rowan")
    booked = clinic["staff"].post(
        portal.url("/api/v1/staff/appointments"),
        json={
            "clinician_id": clinic["clinician_id"],
            "client_id": person["id"],
            "type_name": "Session",
            "duration_minutes": 50,
            "mode": "in_person",
            "location": "12 Main St, Room 3",
            "starts_at": in_ten_days_at(16).isoformat(),
        },
    )
    assert booked.status_code == 201, booked.text

    sign_in(page, portal, person["email"], person["password"], "/dashboard")
    next_card = page.get_by_role("region", name="Your next appointment")
    expect(next_card).to_contain_text("With Dana Reyes")
    expect(next_card).to_contain_text("12 Main St, Room 3")
    screenshot(page, "dashboard")

    next_card.get_by_role("link", name="All appointments").click()
    page.wait_for_url("**/appointments")
    upcoming = page.get_by_role("region", name="Upcoming")
    expect(upcoming.get_by_role("listitem")).to_have_count(1)
    with page.expect_download() as download:
        upcoming.get_by_role("link", name="Add the appointment").click()
    assert "BEGIN:VCALENDAR" in Path(download.value.path()).read_text()

    page.get_by_role("button", name="Get a calendar link").click()
    expect(page.get_by_label("Your private calendar link")).to_have_value(
        re.compile(r"/api/v1/calendar-feeds/[\w-]{43}$")
    )
    screenshot(page, "calendar-link")
    page.get_by_role("button", name="Turn off the calendar link").click()
    page.get_by_role("button", name="Turn it off").click()
    expect(page.get_by_text("Your calendar link is off.")).to_be_visible()

    booking = page.get_by_role("region", name="Book an appointment")
    first_day = booking.get_by_role("group").first
    first_time = first_day.get_by_role("button").first
    first_time.focus()
    page.keyboard.press("Enter")
    booking.get_by_role("button", name="Book this time").click()
    expect(booking.get_by_text("Booked:")).to_be_visible()
    expect(upcoming.get_by_role("listitem")).to_have_count(2)
    screenshot(page, "client-page")


def test_staff_book_move_and_cancel_on_the_staff_page(portal, client_account, clinic, browser_page):
    page = browser_page
    person = client_account("Quinn")
    sign_in(page, portal, portal.staff_email, portal.staff_password, "/staff/clients")
    page.get_by_role("link", name="Appointments").click()
    page.wait_for_url("**/staff/appointments")

    form = page.get_by_role("region", name="Book an appointment")
    form.get_by_label("Client").select_option(label=f"{person['last_name']}, {person['first_name']}")
    form.get_by_label("Clinician").select_option(label="Dana Reyes")
    start = in_ten_days_at(9) - dt.timedelta(days=7)
    form.get_by_label("Start (practice time)").fill(start.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_label("Where").select_option(label="In person")
    form.get_by_label("Place (in person)").fill("Room 2")
    form.get_by_role("button", name="Book").click()
    expect(form.get_by_text("Booked.")).to_be_visible()

    calendar = page.get_by_role("region", name="The next two weeks")
    row = calendar.get_by_role("listitem").filter(has_text=person["last_name"])
    expect(row).to_contain_text("Room 2")
    screenshot(page, "staff-page")

    row.get_by_role("button", name="Move").click()
    page.get_by_label("New start (practice time)").fill((start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Move", exact=True).last.click()
    expect(calendar.get_by_text("The appointment was moved.")).to_be_visible()

    row.get_by_role("button", name="Client cancelled").click()
    expect(row).to_contain_text("Cancelled")
    staff_view = (
        clinic["staff"]
        .get(
            portal.url("/api/v1/staff/appointments"),
            params={
                "client_id": person["id"],
                "from": start.isoformat(),
                "to": (start + dt.timedelta(days=1)).isoformat(),
            },
        )
        .json()["items"]
    )
    assert [(a["status"], a["starts_at"][11:16]) for a in staff_view] == [
        ("cancelled", (start + dt.timedelta(hours=2)).astimezone(dt.UTC).strftime("%H:%M"))
    ]


def test_join_video_shows_from_ten_minutes_before_the_start(portal, client_account, clinic, browser_page):
    page = browser_page
    page.set_viewport_size(PHONE)
    person = client_account("Ellis")
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for starts_at in (now + dt.timedelta(minutes=8), now + dt.timedelta(hours=3)):
        booked = clinic["staff"].post(
            portal.url("/api/v1/staff/appointments"),
            json={
                "clinician_id": clinic["clinician_id"],
                "client_id": person["id"],
                "type_name": "Session",
                "duration_minutes": 30,
                "mode": "video",
                "starts_at": starts_at.isoformat(),
            },
        )
        assert booked.status_code == 201, booked.text

    sign_in(page, portal, person["email"], person["password"], "/dashboard")
    join = page.get_by_role("region", name="Your next appointment").get_by_role("link", name="Join video")
    expect(join).to_have_attribute("href", re.compile(r"^/api/v1/appointments/[\w-]+/video$"))
    entered = page.request.get(portal.url(join.get_attribute("href")), max_redirects=0)
    assert entered.status == 303 and re.match(r"^https://meet\.jit\.si/[0-9a-f]{48}$", entered.headers["location"])
    screenshot(page, "dashboard-join")

    page.goto(portal.url("/appointments"))
    items = page.get_by_role("region", name="Upcoming").get_by_role("listitem")
    expect(items).to_have_count(2)
    soon, later = items.all()
    expect(soon.get_by_role("link", name="Join video")).to_be_visible()
    expect(later.get_by_role("link", name="Join video")).to_have_count(0)
    expect(later).to_contain_text("You can join the video from")


def test_the_owner_changes_the_booking_horizon_and_a_clinician_only_reads_it(
    portal, clinic, staff_account, browser_page
):
    page = browser_page
    sign_in(page, portal, portal.staff_email, portal.staff_password, "/staff/clients")
    page.goto(portal.url("/staff/appointments"))
    settings = page.get_by_role("region", name="Scheduling settings")
    expect(settings.get_by_label("Practice time zone")).to_have_value("America/New_York")
    settings.get_by_label("Clients book at most (days ahead)").fill("45")
    settings.get_by_role("button", name="Save scheduling settings").click()
    expect(settings.get_by_text("Saved.")).to_be_visible()
    assert clinic["staff"].get(portal.url("/api/v1/staff/scheduling/settings")).json()["booking_horizon_days"] == 45

    settings.get_by_label("Practice time zone").fill("Mars/Olympus")
    settings.get_by_role("button", name="Save scheduling settings").click()
    expect(settings.get_by_text("Choose a time zone such as America/New_York.")).to_be_visible()

    clinician = staff_account("clinician")
    page.get_by_role("button", name="Sign out", exact=True).click()
    page.wait_for_url("**/sign-in")  # the page's own move there, before ours
    sign_in(page, portal, clinician["email"], clinician["password"], "/staff/clients")
    page.goto(portal.url("/staff/appointments"))
    expect(page.get_by_text("Only the practice owner or an admin can change these settings.")).to_be_visible()
    expect(settings.get_by_label("Clients book at most (days ahead)")).to_be_disabled()


def test_a_client_away_from_the_practice_sees_each_time_also_in_their_own(
    portal, client_account, clinic, browser_page_in_zone
):
    page = browser_page_in_zone
    page.set_viewport_size(PHONE)
    # Given a 7 PM New York appointment and a client whose phone is set to London time
    person = client_account("Ellis")
    start = in_ten_days_at(19)
    booked = clinic["staff"].post(
        portal.url("/api/v1/staff/appointments"),
        json={
            "clinician_id": clinic["clinician_id"],
            "client_id": person["id"],
            "type_name": "Session",
            "duration_minutes": 50,
            "mode": "video",
            "starts_at": start.isoformat(),
        },
    )
    assert booked.status_code == 201, booked.text
    in_london = start.astimezone(ZoneInfo("Europe/London"))
    london_time = f"{in_london.hour % 12 or 12}:{in_london.minute:02d} {'PM' if in_london.hour >= 12 else 'AM'}"

    # When they sign in and open their appointments
    sign_in(page, portal, person["email"], person["password"], "/dashboard")

    # Then the dashboard and the Appointments page give the practice's time and theirs
    next_card = page.get_by_role("region", name="Your next appointment")
    expect(next_card).to_contain_text("7:00 PM")
    expect(next_card).to_contain_text(f"{london_time} your time")
    next_card.get_by_role("link", name="All appointments").click()
    page.wait_for_url("**/appointments")
    upcoming = page.get_by_role("region", name="Upcoming")
    expect(upcoming).to_contain_text(f"{london_time} your time")
    expect(page.get_by_text("Your device is set to")).to_be_visible()
    screenshot(page, "client-in-another-zone")


def test_a_clinician_not_named_yet_is_your_clinician_on_a_phone(portal, client_account, staff_account, browser_page):
    page = browser_page
    page.set_viewport_size(PHONE)
    person = client_account("Sasha")
    clinician = staff_account("clinician")
    staff = portal.staff_session()
    members = staff.get(portal.url("/api/v1/staff/clinicians")).json()["items"]
    clinician_id = next(m["account_id"] for m in members if m["email"] == clinician["email"])
    booked = staff.post(
        portal.url("/api/v1/staff/appointments"),
        json={
            "clinician_id": clinician_id,
            "client_id": person["id"],
            "type_name": "Session",
            "duration_minutes": 50,
            "mode": "in_person",
            "location": "Room 4",
            "starts_at": in_ten_days_at(16).isoformat(),
        },
    )
    assert booked.status_code == 201, booked.text

    sign_in(page, portal, person["email"], person["password"], "/dashboard")
    expect(page.get_by_role("region", name="Your next appointment")).to_contain_text("With your clinician")
    page.goto(portal.url("/appointments"))
    item = page.get_by_role("region", name="Upcoming").get_by_role("listitem")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("With your clinician")
    expect(item).not_to_contain_text(clinician_id)
    screenshot(page, "unnamed-clinician")
