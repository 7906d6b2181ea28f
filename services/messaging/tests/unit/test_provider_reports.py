"""The email provider's webhook: a report counts only when signed with the shared secret over its
timestamp and raw body, within 300 seconds; a bounce marks the email bounced whatever came before, a
late delivery never undoes it, and each report counts once."""

import datetime as dt
import json
import uuid

import pytest
from messaging.domain import provider_reports
from messaging.domain.outbound_email import BOUNCED, SENT, OutboundEmail, RenderedEmail
from messaging.domain.provider_reports import BadReport, parse, signature, verify
from portalkit.clock import UTC

SECRET = "whsec-test-only"
NOW = dt.datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def stamp(moment=NOW):
    return str(int(moment.timestamp()))


def report(kind="bounce", email_id=None, **extra):
    body = {"id": f"evt_{uuid.uuid4().hex}", "type": kind, "message_id": f"<{email_id or uuid.uuid4()}@portal>"}
    if kind == "bounce":
        body["bounce_type"] = "hard"
    return json.dumps({**body, **extra}).encode()


def test_a_report_signed_with_the_secret_is_accepted():
    body = report()
    verify(SECRET, stamp(), signature(SECRET, stamp(), body), body, NOW)


@pytest.mark.parametrize(
    ("timestamp", "signed", "code"),
    [
        (None, "v1=00", "unsigned-report"),
        (stamp(), None, "unsigned-report"),
        ("yesterday", "v1=00", "bad-timestamp"),
        (stamp(), signature("another secret", stamp(), report()), "bad-signature"),
        (stamp(NOW - dt.timedelta(seconds=301)), None, "stale-report"),
        (stamp(NOW + dt.timedelta(seconds=301)), None, "stale-report"),
    ],
)
def test_a_report_not_signed_as_it_must_be_is_refused(timestamp, signed, code):
    body = report()
    if signed is None and code == "stale-report":
        signed = signature(SECRET, timestamp, body)

    with pytest.raises(BadReport) as refused:
        verify(SECRET, timestamp, signed, body, NOW)

    assert refused.value.code == code


def test_a_changed_body_breaks_the_signature():
    body = report()
    signed = signature(SECRET, stamp(), body)

    with pytest.raises(BadReport, match="does not match"):
        verify(SECRET, stamp(), signed, body.replace(b"hard", b"soft"), NOW)


def test_a_report_just_inside_the_tolerance_is_accepted():
    body = report()
    then = stamp(NOW - dt.timedelta(seconds=300))
    verify(SECRET, then, signature(SECRET, then, body), body, NOW)


def test_parse_reads_the_email_id_and_keeps_only_a_short_code():
    email_id = str(uuid.uuid4())

    bounce = parse(report(email_id=email_id, code="5.1.1", occurred_at="2026-01-05T08:59:00Z"))
    quoted = parse(report(code="550 ana@example.com: no such user"))

    assert (bounce.kind, bounce.email_id, bounce.bounce_type, bounce.code) == ("bounce", email_id, "hard", "5.1.1")
    assert bounce.occurred_at == dt.datetime(2026, 1, 5, 8, 59, tzinfo=UTC)
    assert quoted.code is None


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        json.dumps({"id": "evt_1", "type": "opened", "message_id": f"<{uuid.uuid4()}@portal>"}).encode(),
        json.dumps({"id": "evt_1", "type": "delivered", "message_id": "<someone-else@example.com>"}).encode(),
        json.dumps({"id": "evt_1", "type": "bounce", "message_id": f"<{uuid.uuid4()}@portal>"}).encode(),
        json.dumps({"type": "delivered", "message_id": f"<{uuid.uuid4()}@portal>"}).encode(),
    ],
)
def test_a_report_that_says_nothing_usable_is_refused(body):
    with pytest.raises(BadReport) as refused:
        parse(body)

    assert refused.value.code == "bad-report"


def sent_email():
    content = RenderedEmail("Subject", "text", "<p>html</p>")
    email = OutboundEmail.queue(
        practice_id="practice-a",
        cause_event_id=str(uuid.uuid4()),
        correlation_id="c",
        template="invitation",
        recipient="ana@example.com",
        content=content,
        now=NOW,
    )
    email.mark_sent(NOW)
    return email


def test_a_late_delivery_never_undoes_a_bounce():
    email = sent_email()

    assert email.record_bounce("hard", NOW) is True
    assert email.record_delivered(NOW + dt.timedelta(minutes=1)) is False
    assert (email.status, email.delivered_at, email.bounce_kind) == (BOUNCED, None, "hard")


def test_a_bounce_after_a_delivery_still_marks_the_email_bounced_once():
    email = sent_email()

    assert email.record_delivered(NOW) is True
    assert email.status == SENT
    assert email.record_bounce("soft", NOW) is True
    assert email.record_bounce("hard", NOW) is False
    assert (email.status, email.bounce_kind) == (BOUNCED, "soft")


def test_the_headers_are_named_as_documented():
    assert (provider_reports.TIMESTAMP_HEADER, provider_reports.SIGNATURE_HEADER) == (
        "Webhook-Timestamp",
        "Webhook-Signature",
    )
