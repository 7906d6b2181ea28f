"""The rules of requested uploads, of the practice's file size limit message and of reading clamd's answer."""

import datetime as dt

import pytest
from messaging.adapters.virus_scanner import _verdict
from messaging.domain.attachments import InvalidAttachment, checked_file, too_large
from messaging.domain.upload_requests import InvalidRequest, RequestClosed, RequestStatus, UploadRequest
from messaging.service.file_intake import ScannerUnavailable, Verdict
from portalkit.clock import UTC

NOW = dt.datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def asked(title="Please upload a photo ID", note=None, due_on=None):
    return UploadRequest.ask("practice-a", "client-1", "staff-1", (title, note), due_on, NOW)


def test_a_request_is_open_with_its_wording_cleaned():
    request = asked("  Please upload a photo ID\x07 ", note="  \n ", due_on=NOW.date())

    assert (request.title, request.note, request.status) == ("Please upload a photo ID", None, RequestStatus.OPEN)
    assert request.is_open


@pytest.mark.parametrize(
    ("wording", "due_on", "field"),
    [
        (("   ", None), None, "title"),
        (("x" * 201, None), None, "title"),
        (("ID", "y" * 1001), None, "note"),
        (("ID", None), dt.date(2026, 1, 4), "due_on"),
    ],
)
def test_bad_wording_or_a_past_due_date_is_named(wording, due_on, field):
    with pytest.raises(InvalidRequest) as refused:
        asked(*wording, due_on=due_on)
    assert refused.value.field == field


def test_a_request_is_fulfilled_or_cancelled_once():
    fulfilled, cancelled = asked(), asked()
    fulfilled.fulfil("document-1", NOW)
    cancelled.cancel("staff-2", NOW)

    assert (fulfilled.status, fulfilled.document_id, fulfilled.fulfilled_at) == (
        RequestStatus.FULFILLED,
        "document-1",
        NOW,
    )
    assert (cancelled.status, cancelled.cancelled_by) == (RequestStatus.CANCELLED, "staff-2")
    for closed in (fulfilled, cancelled):
        with pytest.raises(RequestClosed):
            closed.fulfil("document-2", NOW)
        with pytest.raises(RequestClosed):
            closed.cancel("staff-1", NOW)


def test_the_limit_is_told_in_megabytes():
    assert too_large(10 * 1024 * 1024) == "A file can be at most 10 MB."
    assert too_large(3 * 1024 * 1024 // 2) == "A file can be at most 1.5 MB."
    with pytest.raises(InvalidAttachment, match="at most 1 MB"):
        checked_file("big.pdf", b"%PDF-" + b"x" * 1024 * 1024, 1024 * 1024, "documents")


def test_clamd_answers_are_read_as_verdicts():
    assert _verdict("stream: OK") == Verdict()
    assert _verdict("stream: Win.Test.EICAR_HDB-1 FOUND") == Verdict("Win.Test.EICAR_HDB-1")
    assert not _verdict("stream: Eicar-Test-Signature FOUND").clean
    for nonsense in ("INSTREAM size limit exceeded. ERROR", "", "PONG"):
        with pytest.raises(ScannerUnavailable):
            _verdict(nonsense)


def test_an_open_request_past_its_due_date_is_reminded_once():
    due = asked(due_on=dt.date(2026, 1, 9))
    on_the_day = dt.datetime(2026, 1, 9, 23, 59, tzinfo=UTC)
    day_after = dt.datetime(2026, 1, 10, 0, 1, tzinfo=UTC)

    assert not due.remind(on_the_day)
    assert due.reminded_at is None
    assert due.remind(day_after)
    assert due.reminded_at == day_after
    assert not due.remind(day_after + dt.timedelta(days=3))
    assert due.reminded_at == day_after


def test_no_reminder_without_a_due_date_or_once_closed():
    later = dt.datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
    undated, fulfilled, cancelled = asked(), asked(due_on=NOW.date()), asked(due_on=NOW.date())
    fulfilled.fulfil("document-1", NOW)
    cancelled.cancel("staff-2", NOW)

    assert [request.remind(later) for request in (undated, fulfilled, cancelled)] == [False, False, False]
    assert [request.overdue(later.date()) for request in (undated, fulfilled, cancelled)] == [False, False, False]


def test_the_reminder_says_the_date_and_the_link_and_never_what_was_asked():
    from messaging.domain.account_emails import render_account_email
    from messaging.domain.upload_reminder import reminder_email, reminder_text

    link = "https://portal.example/documents#request-r1"
    email = render_account_email(reminder_email("ana@example.test", "Ana Lima", "Harbour", link, dt.date(2026, 1, 9)))
    text = reminder_text("+15555550123", "Harbour", link, dt.date(2026, 1, 9), NOW)

    assert email.subject == "Harbour is still waiting for a file from you"
    assert "Friday 9 January 2026" in email.text_body and link in email.text_body
    assert text.body == f"Harbour is still waiting for a file you were asked for by 9 Jan. Sign in: {link}"
