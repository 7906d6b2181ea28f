"""The file mailbox: one whole file per email, however often it is sent."""

import datetime as dt
import uuid
from email.message import EmailMessage

import pytest
from messaging.adapters.mail import FileMailbox, MailError, compose_message
from messaging.domain.invitation_email import render_invitation
from messaging.domain.outbound_email import OutboundEmail
from portalkit.clock import UTC

NOW = dt.datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def message(delivery):
    email = OutboundEmail.queue(
        practice_id="p",
        cause_event_id=str(uuid.uuid4()),
        correlation_id="c",
        template="invitation",
        recipient=delivery.to,
        content=render_invitation(delivery),
        now=NOW,
    )
    return compose_message(email, "Portal <no-reply@portal.example>", NOW)


def test_sending_the_same_email_twice_leaves_one_whole_file(tmp_path, message, delivery):
    mailbox = FileMailbox(tmp_path / "mail")
    email_id = message["Message-ID"][1 : -len("@portal>")]

    mailbox.send(message)
    mailbox.send(message)

    assert [p.name for p in (tmp_path / "mail").iterdir()] == [f"{email_id}.eml"]
    stored = mailbox.read(email_id)
    assert stored["Message-ID"] == message["Message-ID"]
    assert stored.get_body(("html",)) is not None
    assert delivery.accept_url in mailbox.text_of(email_id)


def test_a_message_without_a_portal_message_id_is_refused_for_good(tmp_path):
    stray = EmailMessage()
    stray["Message-ID"] = "<../../etc/passwd@portal>"
    stray.set_content("hi")

    with pytest.raises(MailError) as refused:
        FileMailbox(tmp_path).send(stray)

    assert refused.value.permanent
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_is_a_mail_error_to_retry(tmp_path, message):
    blocked = tmp_path / "mail"
    blocked.write_text("a file where the folder should be")

    with pytest.raises(MailError) as failed:
        FileMailbox(blocked).send(message)

    assert not failed.value.permanent


def test_reading_an_unknown_or_odd_id_finds_nothing(tmp_path):
    mailbox = FileMailbox(tmp_path)

    assert mailbox.text_of(str(uuid.uuid4())) is None
    assert mailbox.read("../secrets") is None
