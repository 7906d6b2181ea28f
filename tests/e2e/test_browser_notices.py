"""In a real browser, through the real stack: staff open a client's page, find "Notices" in its "On this page" row,
and read the client's notices in plain words: the invitation email sent, then bounced once the provider reports it;
the words for a notice withheld (no consent to electronic notices), a failed text and one still waiting, and older
notices a page at a time (an answer of messaging's shape served to the page, since the real stack makes every
client consent when they accept)."""

import json
import secrets
import time
from pathlib import Path

import pytest
import requests
from messaging.domain.provider_reports import signature
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
WEBHOOK = "/api/v1/messaging/webhooks/email"


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"notices-{name}.png"), full_page=True)


def bounce(portal, message_id):
    report = {"id": f"evt_{secrets.token_hex(6)}", "type": "bounce", "bounce_type": "hard", "message_id": message_id}
    raw = json.dumps(report).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "Webhook-Timestamp": timestamp,
        "Webhook-Signature": signature(portal.stack.env["EMAIL_WEBHOOK_SECRET"], timestamp, raw),
    }
    answer = requests.post(portal.url(WEBHOOK), data=raw, headers=headers, timeout=10)
    assert answer.json() == {"outcome": "taken"}, answer.text


def test_staff_read_a_clients_notices_in_plain_words(portal, client_account, browser_page):
    page = browser_page
    person = client_account("Wren")
    invitation = portal.mail_to(person["email"])[0]
    portal.sign_in_page(page, portal.staff_email, portal.staff_password, "/staff/clients")

    page.goto(portal.url(f"/staff/clients/{person['id']}"))
    page.get_by_role("navigation", name="On this page").get_by_role("link", name="Notices").click()
    card = page.get_by_role("region", name="Notices")
    sent = card.locator("[data-notice-status=sent]")
    expect(sent).to_contain_text("Invitation to the portal")
    expect(sent).to_contain_text(f"By email to {person['email'][0]}***@example.test")
    expect(card).not_to_contain_text(person["email"])

    bounce(portal, str(invitation["Message-ID"]))
    page.reload()
    bounced = card.locator("[data-notice-status=bounced]")
    expect(bounced).to_contain_text("Invitation to the portal")
    expect(bounced).to_contain_text("Bounced: the address refused mail")
    screenshot(page, "bounced")


def served(items, total, offset):
    return {"items": items, "total": total, "limit": 20, "offset": offset}


def notice(number, kind, channel, status, reason=None, recipient=None):
    at = f"2026-01-{20 - number // 2:02d}T09:{number % 60:02d}:00Z"
    template = f"sms_{kind}" if channel == "sms" else kind
    return {
        "id": f"n{number}",
        "kind": kind,
        "template": template,
        "channel": channel,
        "status": status,
        "reason": reason,
        "recipient": recipient,
        "at": at,
        "sent_at": at if status == "sent" else None,
    }


def test_every_outcome_has_its_words_and_older_notices_come_on_demand(portal, client_account, browser_page):
    page = browser_page
    person = client_account("Isolde")
    first = [
        notice(0, "new_secure_message", None, "withheld", "no consent to electronic notices"),
        notice(1, "document_shared", "sms", "failed", "the provider refused the text", "***0123"),
        notice(2, "upload_reminder", "email", "pending", None, "i***@example.test"),
    ]
    first += [notice(n, "document_shared", "email", "sent", None, "i***@example.test") for n in range(3, 20)]
    older = [notice(20, "billing_payment_failed", "email", "bounced", "soft", "i***@example.test")]
    asked = []

    def answer(route):
        offset = int(route.request.url.split("offset=")[1])
        asked.append(offset)
        route.fulfill(json=served(first if offset == 0 else older, 21, offset))

    page.route("**/api/v1/staff/clients/*/notices*", answer)
    portal.sign_in_page(page, portal.staff_email, portal.staff_password, "/staff/clients")
    page.goto(portal.url(f"/staff/clients/{person['id']}"))

    card = page.get_by_role("region", name="Notices")
    withheld = card.locator("[data-notice=n0]")
    expect(withheld).to_contain_text("New secure message")
    expect(withheld).to_contain_text("Not sent: the client has not agreed to electronic notices")
    failed = card.locator("[data-notice=n1]")
    expect(failed).to_contain_text("Failed: it could not be sent (the provider refused the text)")
    expect(failed).to_contain_text("By text to ***0123")
    expect(card.locator("[data-notice=n2]")).to_contain_text("Reminder of a file asked for")
    expect(card.locator("[data-notice=n2]")).to_contain_text("Waiting to be sent")
    expect(card.locator("[data-notice]")).to_have_count(20)

    card.get_by_role("button", name="Show older notices").click()
    expect(card.locator("[data-notice]")).to_have_count(21)
    expect(card.locator("[data-notice=n20]")).to_contain_text("Bounced: the mailbox could not take it for now")
    expect(card.get_by_role("button", name="Show older notices")).to_be_hidden()
    assert asked == [0, 20]
    screenshot(page, "outcomes")
