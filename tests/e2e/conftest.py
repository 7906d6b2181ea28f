"""The whole portal as real processes, on a RabbitMQ vhost and databases of this test run's own.

`E2E_DATABASE_URL` (or `DATABASE_URL`) pointing at PostgreSQL runs the stack on PostgreSQL, one
temporary database per service; without it every service gets its own SQLite file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email
import email.policy
import os
import re
import secrets
import sys
import time
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from portal_stack import Stack, throwaway_stack  # noqa: E402
from portalkit.clamd_testing import clamd_test_server  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
INVITATION_LINK = re.compile(r"https?://[^\s\"'<>]+/invitations/[A-Za-z0-9_\-]+")


def wait_for_count(read: Callable[[], list[Any]], count: int, timeout: float, what: str) -> list[Any]:
    """What `read` gives once it holds `count` items (asked every 0.1 s for `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    while True:
        found = read()
        if len(found) >= count or time.monotonic() > deadline:
            assert len(found) >= count, f"{len(found)} of {count} {what} after {timeout} s"
            return found
        time.sleep(0.1)


class Portal:
    """What a test sees of the running portal."""

    def __init__(self, stack: Stack, mail_dir: Path, clock_file: Path, staff_password: str) -> None:
        self.stack = stack
        self.base_url = stack.env["PUBLIC_BASE_URL"]
        self.mail_dir = mail_dir
        self.clock_file = clock_file
        self.staff_email = "owner@demo.test"
        self.staff_password = staff_password
        self._offset = 0.0

    def url(self, path: str) -> str:
        return self.base_url + path

    def staff_session(self) -> requests.Session:
        return self.session_of(self.staff_email, self.staff_password)

    def sign_in_page(self, page: Any, email: str, password: str, lands_on: str) -> None:
        """Signs `email` in on the sign-in page of a browser `page` and waits for the page it lands on."""
        page.goto(self.url("/sign-in"))
        page.get_by_label("Email", exact=True).fill(email)
        page.get_by_label("Password", exact=True).fill(password)
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_url(f"**{lands_on}")

    def session_of(self, email: str, password: str) -> requests.Session:
        """An API session signed in as `email`, with the access token as a bearer header (no cookies)."""
        session = requests.Session()
        answer = session.post(self.url("/api/v1/auth/login"), json={"email": email, "password": password})
        assert answer.status_code == 200, answer.text
        session.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"
        session.cookies.clear()
        return session

    def mail_to(self, address: str) -> list[EmailMessage]:
        """Emails to `address`, in the order they were written to the mailbox."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns):
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if address.lower() in str(message["To"]).lower():
                messages.append(message)
        return messages

    def wait_for_mail(self, to: str, count: int = 1, timeout: float = 30) -> list[EmailMessage]:
        return wait_for_count(lambda: self.mail_to(to), count, timeout, f"emails to {to}")

    @staticmethod
    def invitation_link(message: EmailMessage) -> str:
        body = message.get_body(preferencelist=("plain",))
        assert body is not None
        match = INVITATION_LINK.search(body.get_content())
        assert match, "no invitation link in the email"
        return match.group(0)

    def wait_for_mail_about(self, to: str, subject_part: str, count: int = 1, timeout: float = 30) -> EmailMessage:
        """The newest email to `to` whose subject holds `subject_part`, once `count` of them arrived."""
        deadline = time.monotonic() + timeout
        while True:
            matching = [m for m in self.mail_to(to) if subject_part.lower() in str(m["Subject"]).lower()]
            if len(matching) >= count or time.monotonic() > deadline:
                assert len(matching) >= count, f"{len(matching)} of {count} emails about {subject_part!r} to {to}"
                return matching[-1]
            time.sleep(0.1)

    def texts_to(self, phone: str) -> list[str]:
        """Texts to `phone` (E.164) written by the messaging worker's file backend (<VAR_DIR>/sms), oldest first."""
        folder = Path(self.stack.env["VAR_DIR"]) / "sms"
        files = sorted(folder.glob("*.txt"), key=lambda p: p.stat().st_mtime_ns) if folder.exists() else []
        return [text for text in (f.read_text() for f in files) if text.startswith(f"To: {phone}\n")]

    def wait_for_texts(self, phone: str, count: int = 1, timeout: float = 30) -> list[str]:
        return wait_for_count(lambda: self.texts_to(phone), count, timeout, f"texts to {phone}")

    @staticmethod
    def texted_code(text: str) -> str:
        match = re.search(r": (\d{6}) is your code", text)
        assert match, "no code in the text"
        return match.group(1)

    @staticmethod
    def link_in(message: EmailMessage, path: str) -> str:
        """The first link in the email's text whose path starts with `path` (e.g. "/verify-email")."""
        match = re.search(rf"https?://[^\s\"'<>]+{re.escape(path)}/[A-Za-z0-9_\-]+", text_of(message))
        assert match, f"no {path} link in the email"
        return match.group(0)

    @staticmethod
    def code_in(message: EmailMessage) -> str:
        match = re.search(r"Your code: (\d{6})", text_of(message))
        assert match, "no code in the email"
        return match.group(1)

    def verify_email(self, address: str) -> None:
        """Open the verification email sent to `address` and confirm it, as the person would."""
        link = self.link_in(self.wait_for_mail_about(address, "Confirm your email"), "/verify-email")
        answer = requests.post(self.url("/api/v1/auth/verify-email"), json={"token": self.token_of(link)})
        assert answer.status_code == 200, answer.text

    @staticmethod
    def token_of(link: str) -> str:
        return link.rsplit("/", 1)[1]

    def shift_clock(self, delta: dt.timedelta) -> None:
        """Move every process's clock forward (CLOCK_OFFSET_FILE); nobody sleeps."""
        self._offset += delta.total_seconds()
        self.clock_file.write_text(str(self._offset))

    def reset_clock(self) -> None:
        self._offset = 0.0
        self.clock_file.write_text("0")


@pytest.fixture(scope="session")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    home = tmp_path_factory.mktemp("portal")
    database_base = os.environ.get("E2E_DATABASE_URL") or os.environ.get("DATABASE_URL") or "sqlite://"
    staff_password = secrets.token_urlsafe(12)
    settings = {
        "CLOCK_OFFSET_FILE": str(home / "clock-offset"),
        "DEMO_PASSWORD": staff_password,
        "DEV_MAILBOX": "true",
        "SWEEP_INTERVAL_SECONDS": "0.5",
        # messaging's sweep for requested uploads past their due date (one reminder each).
        "MESSAGING_UPLOAD_REMINDER_INTERVAL": "0.5",
        # Tests change the practice's features and move the clock back and forth; every service asks
        # identity each time rather than keep a copy whose age a moved clock makes meaningless (the
        # copies' expiry is unit-tested in each service).
        "FEATURE_CACHE_SECONDS": "0",
        # The email provider's webhook (messaging) is signed with this; tests sign their reports with it.
        "EMAIL_WEBHOOK_SECRET": secrets.token_hex(16),
        # Every file messaging receives is scanned by a local stand-in for ClamAV's daemon (it speaks clamd's
        # protocol and finds the EICAR test string): ClamAV's own needs signatures from its mirrors.
        "MESSAGING_VIRUS_SCAN": "clamav",
    }
    with (
        clamd_test_server() as (clamd_address, _),
        throwaway_stack(home, database_base, settings | {"MESSAGING_CLAMD_ADDRESS": clamd_address}) as stack,
    ):
        portal = Portal(stack, home / "mail", home / "clock-offset", staff_password)
        portal.reset_clock()
        # Autopay and insurance on put "Enroll in autopay" and "Add your insurance details" on every
        # client's dashboard: off, except in the tests of billing that turn them on (autopay_offered,
        # insurance_offered); Good Faith Estimates too (estimates_offered), like the other billing parts.
        features = {"autopay": False, "insurance": False, "estimates": False}
        off = portal.staff_session().patch(portal.url("/api/v1/staff/practice/settings"), json={"features": features})
        assert off.status_code == 200, off.text
        yield portal


def offering(portal: Portal, clock: Portal, feature: str) -> Iterator[None]:
    """The demo practice offers `feature` during the test; the clock moves past the services' copies of
    the practice's features (10 s) so that every service sees the change at once."""

    def offer(on: bool) -> None:
        settings = portal.staff_session().patch(
            portal.url("/api/v1/staff/practice/settings"), json={"features": {feature: on}}
        )
        assert settings.status_code == 200, settings.text
        clock.shift_clock(dt.timedelta(seconds=11))

    offer(True)
    yield
    offer(False)


@pytest.fixture
def autopay_offered(portal: Portal, clock: Portal) -> Iterator[None]:
    yield from offering(portal, clock, "autopay")


@pytest.fixture
def insurance_offered(portal: Portal, clock: Portal) -> Iterator[None]:
    yield from offering(portal, clock, "insurance")


@pytest.fixture
def receipts_offered(portal: Portal, clock: Portal) -> Iterator[None]:
    yield from offering(portal, clock, "receipts")


@pytest.fixture
def estimates_offered(portal: Portal, clock: Portal) -> Iterator[None]:
    yield from offering(portal, clock, "estimates")


def text_of(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())


@pytest.fixture
def clock(portal: Portal) -> Iterator[Portal]:
    """The portal, with its clock put back after the test."""
    yield portal
    portal.reset_clock()


@contextlib.contextmanager
def open_browser_page(**context_options: object) -> Iterator[object]:
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait as long as actions do: on a loaded 2-core machine a page's answer can take
    # more than Playwright's default 5 s.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context_options})
        page = context.new_page()
        page.set_default_timeout(15000)
        yield page
        context.close()
        browser.close()


@pytest.fixture
def browser_page(portal: Portal) -> Iterator[object]:
    with open_browser_page() as page:
        yield page


@pytest.fixture
def browser_page_in_zone(portal: Portal) -> Iterator[object]:
    """A page of a device whose clock is set to London time, in US English."""
    with open_browser_page(timezone_id="Europe/London", locale="en-US") as page:
        yield page


def unique_email(label: str) -> str:
    return f"{label}.{secrets.token_hex(4)}@example.test"


@pytest.fixture
def new_email() -> object:
    return unique_email


@pytest.fixture
def client_account(portal: Portal) -> object:
    """Makes a client with a portal account through the API: added, invited, accepted and (unless
    `verified=False`) with the email confirmed. Returns {id, email, password, first_name, last_name}."""

    def make(first_name: str = "Sam", verified: bool = True) -> dict[str, str]:
        staff = portal.staff_session()
        address = unique_email(first_name.lower())
        last_name = f"Fielding-{secrets.token_hex(3)}"
        person = {"first_name": first_name, "last_name": last_name, "email": address}
        created = staff.post(portal.url("/api/v1/staff/clients"), json=person)
        assert created.status_code == 201, created.text
        client_id = created.json()["id"]
        assert staff.post(portal.url(f"/api/v1/staff/clients/{client_id}/invitations"), json={}).status_code == 201
        token = portal.token_of(portal.invitation_link(portal.wait_for_mail(address)[-1]))
        password = f"steady river lantern {secrets.token_hex(3)}"
        agreements = {"accept_terms": True, "accept_privacy": True, "accept_electronic_notices": True}
        accepted = requests.post(
            portal.url(f"/api/v1/invitations/{token}/accept"), json={"password": password, **agreements}, timeout=10
        )
        assert accepted.status_code == 201, accepted.text
        if verified:
            portal.verify_email(address)
        return {**person, "id": client_id, "password": password}

    return make


@pytest.fixture
def staff_account(portal: Portal) -> object:
    """Makes a member of the demo practice's staff with `role` (identity's create-staff command).
    Returns {email, password, role}."""

    def make(role: str) -> dict[str, str]:
        owner = portal.staff_session()
        practice_name = owner.get(portal.url("/api/v1/staff/practice/settings")).json()["name"]
        email, password = unique_email(role.replace("_", "-")), f"quiet harbour bell {secrets.token_hex(3)}"
        command = ["create-staff", "--practice-name", practice_name, "--email", email, "--password", password]
        portal.stack.run_cli("identity", *command, "--role", role)
        return {"email": email, "password": password, "role": role}

    return make
