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
