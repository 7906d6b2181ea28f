"""How staff read a client's notices: the address only as a hint, a text's kind as its email's."""

import datetime as dt

import pytest
from messaging.domain.notice_history import NoticeEntry, recipient_hint
from portalkit.clock import UTC


@pytest.mark.parametrize(
    ("channel", "recipient", "hint"),
    [
        ("email", "ana.lima@example.test", "a***@example.test"),
        ("sms", "+15555550123", "***0123"),
        (None, None, None),
    ],
)
def test_the_address_is_a_hint(channel, recipient, hint):
    assert recipient_hint(channel, recipient) == hint


@pytest.mark.parametrize(
    ("template", "kind"),
    [
        ("document_shared", "document_shared"),
        ("sms_document_shared", "document_shared"),
        ("sms_payment_failed", "billing_payment_failed"),
        ("sms_request_answered", "appointment_request_answered"),
        ("sms_upload_reminder", "upload_reminder"),
    ],
)
def test_a_text_is_the_same_kind_of_notice_as_its_email(template, kind):
    at = dt.datetime(2026, 1, 5, tzinfo=UTC)
    assert NoticeEntry("n1", template, "sms", "sent", None, None, at, at).kind == kind
