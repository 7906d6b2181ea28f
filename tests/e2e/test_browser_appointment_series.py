"""In a real browser, through the real stack, on staff's appointments page: booking in the evening,
outside the clinician's weekly hours, is asked about first and goes ahead when staff say so (as moving
one appointment there is); a weekly series is moved as a whole to another time and stays at that time
on the practice's clock."""

import datetime as dt
import secrets
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests
from playwright.sync_api import Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
NEW_YORK = ZoneInfo("America/New_York")
pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"appointment-series-{name}.png"), full_page=True)


def days_ahead_at(days, hour):
    return dt.datetime.combine(dt.datetime.now(NEW_YORK).date() + dt.timedelta(days=days), dt.time(hour), NEW_YORK)


@pytest.fixture
def clinician(portal, staff_account):
    """A clinician of their own who sees clients every day 9-12 (the other tests book the owner, at
    times of their own: one clinician each keeps the days these tests choose free)."""
    member = staff_account("clinician")
    login = requests.post(
        portal.url("/api/v1/auth/login"), json={"email": member["email"], "password": member["password"]}, timeout=10
    )
    assert login.status_code == 200, login.text
    me = requests.get(
        portal.url("/api/v1/me"), headers={"Authorization": f"Bearer {login.json()['access_token']}"}, timeout=10
    )
    name = f"Kai Ortega-{secrets.token_hex(3)}"
    windows = [{"weekday": day, "starts": "09:00", "ends": "12:00"} for day in range(7)]
    saved = portal.staff_session().put(
        portal.url(f"/api/v1/staff/clinicians/{me.json()['account_id']}/availability"),
        json={"display_name": name, "windows": windows},
    )
    assert saved.status_code == 204, saved.text
    return name


@pytest.fixture
def staff_page(portal, browser_page):
    """The owner, signed in on the appointments page."""
    page = browser_page
    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email", exact=True).fill(portal.staff_email)
    page.get_by_label("Password", exact=True).fill(portal.staff_password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/staff/clients")
    page.goto(portal.url("/staff/appointments"))
    return page


def fill_booking(page, person, clinician, start, repeat=None):
    # The page read the practice's clients when it opened, before the test's client existed.
    page.reload()
    form = page.get_by_role("region", name="Book an appointment")
    form.get_by_label("Client").select_option(label=f"{person['last_name']}, {person['first_name']}")
    form.get_by_label("Clinician").select_option(label=clinician)
    form.get_by_label("Start (practice time)").fill(start.strftime("%Y-%m-%dT%H:%M"))
    if repeat:
        form.get_by_label("Repeat").select_option(label="Every week")
        form.get_by_label("How many times").fill(str(repeat))
    return form


def starts_of(portal, person, start, days):
    items = (
        portal.staff_session()
        .get(
            portal.url("/api/v1/staff/appointments"),
            params={
                "client_id": person["id"],
                "from": start.isoformat(),
                "to": (start + dt.timedelta(days=days)).isoformat(),
            },
        )
        .json()["items"]
    )
    return [dt.datetime.fromisoformat(a["starts_at"]).astimezone(NEW_YORK).strftime("%H:%M") for a in items]


def test_an_evening_booking_is_asked_about_first(portal, client_account, clinician, staff_page):
    page = staff_page
    person = client_account("Morgan")
    evening = days_ahead_at(3, 19)

    form = fill_booking(page, person, clinician, evening)
    form.get_by_role("button", name="Book").click()
    question = form.get_by_role("group", name=f"Outside {clinician}'s weekly hours")
    expect(question).to_be_visible()
    expect(question).to_contain_text("Book anyway?")
    screenshot(page, "outside-hours")
    question.get_by_role("button", name="Choose another time").click()
    expect(question).to_be_hidden()
    assert starts_of(portal, person, evening - dt.timedelta(hours=1), 1) == []

    form.get_by_role("button", name="Book").click()
    question.get_by_role("button", name="Book anyway").click()
    expect(form.get_by_text(f"Booked. Outside {clinician}'s weekly hours")).to_be_visible()
    assert starts_of(portal, person, evening - dt.timedelta(hours=1), 1) == ["19:00"]


def test_a_weekly_series_is_moved_as_a_whole(portal, client_account, clinician, staff_page):
    page = staff_page
    person = client_account("Harper")
    first = days_ahead_at(2, 10)

    form = fill_booking(page, person, clinician, first, repeat=4)
    form.get_by_role("button", name="Book").click()
    expect(form.get_by_text("Booked 4 appointments.")).to_be_visible()

    calendar = page.get_by_role("region", name="The next two weeks")
    calendar.get_by_role("listitem").filter(has_text=person["last_name"]).first.get_by_role(
        "button", name="Move"
    ).click()
    page.get_by_label("Which appointments").select_option(label="All still ahead")
    page.get_by_label("New start (practice time)").fill(first.replace(hour=11).strftime("%Y-%m-%dT%H:%M"))
    expect(page.get_by_text("The others keep their day")).to_be_visible()
    screenshot(page, "move-series")
    page.get_by_role("button", name="Move", exact=True).last.click()

    expect(calendar.get_by_text("4 appointments were moved.")).to_be_visible()
    assert starts_of(portal, person, first - dt.timedelta(hours=1), 29) == ["11:00"] * 4


def test_moving_one_appointment_into_the_evening_is_asked_about_first(portal, client_account, clinician, staff_page):
    page = staff_page
    person = client_account("Rowan")
    morning = days_ahead_at(4, 10)
    form = fill_booking(page, person, clinician, morning)
    form.get_by_role("button", name="Book").click()
    expect(form.get_by_text("Booked.")).to_be_visible()

    calendar = page.get_by_role("region", name="The next two weeks")
    calendar.get_by_role("listitem").filter(has_text=person["last_name"]).get_by_role("button", name="Move").click()
    page.get_by_label("New start (practice time)").fill(morning.replace(hour=19).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Move", exact=True).last.click()
    question = page.get_by_role("group", name=f"Outside {clinician}'s weekly hours")
    expect(question).to_contain_text("Move anyway?")
    screenshot(page, "move-outside-hours")
    question.get_by_role("button", name="Choose another time").click()
    expect(question).to_be_hidden()
    assert starts_of(portal, person, morning - dt.timedelta(hours=1), 1) == ["10:00"]

    page.get_by_role("button", name="Move", exact=True).last.click()
    question.get_by_role("button", name="Move anyway").click()
    expect(
        calendar.get_by_text("The appointment was moved. It is outside the clinician's weekly hours.")
    ).to_be_visible()
    assert starts_of(portal, person, morning - dt.timedelta(hours=1), 1) == ["19:00"]
