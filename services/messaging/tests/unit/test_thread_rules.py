"""The rules of a thread's messages: what is kept of a text, how it is shown, who may take one back and
until when, and what waits unread for which side."""

import datetime as dt

import pytest
from messaging.domain.threads import (
    CannotRetract,
    InvalidMessage,
    Message,
    Side,
    Thread,
    as_html,
    clean_text,
)
from portalkit.clock import UTC

NOW = dt.datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def thread():
    return Thread.start("practice-a", "client-1", "  Next week ", None, Side.CLIENT, NOW)


def test_a_text_loses_invisible_characters_and_outer_space_but_keeps_its_lines():
    assert clean_text("  Hello\r\nthere\u202e\x00 ") == "Hello\nthere"


@pytest.mark.parametrize("text", ["", "   \n\t", "\u200b"])
def test_an_empty_text_is_refused(text):
    with pytest.raises(InvalidMessage) as refused:
        clean_text(text)
    assert refused.value.field == "text"


def test_a_text_longer_than_the_limit_is_refused_and_one_at_the_limit_is_kept():
    assert len(clean_text("x" * 5000)) == 5000
    with pytest.raises(InvalidMessage):
        clean_text("x" * 5001)


def test_markup_is_shown_as_text():
    assert as_html("<b>hi</b> & 'you'\nbye") == "&lt;b&gt;hi&lt;/b&gt; &amp; &#x27;you&#x27;<br>bye"


def test_a_subject_is_one_line(thread):
    assert Thread.start("p", "c", "Two\nlines", None, Side.STAFF, NOW).subject == "Two lines"
    assert thread.subject == "Next week"


def test_the_sender_retracts_until_five_minutes_after_sending(thread):
    message = Message.write(thread, Side.CLIENT, "acc-1", "oops", NOW)

    original = message.retract(Side.CLIENT, "acc-1", NOW + dt.timedelta(minutes=5))

    assert (original, message.body, message.retracted_at) == ("oops", None, NOW + dt.timedelta(minutes=5))


@pytest.mark.parametrize(
    ("side", "actor", "later", "code"),
    [
        (Side.CLIENT, "acc-1", dt.timedelta(minutes=5, seconds=1), "retract-window-closed"),
        (Side.STAFF, "acc-1", dt.timedelta(0), "not-your-message"),
        (Side.CLIENT, "acc-2", dt.timedelta(0), "not-your-message"),
    ],
)
def test_nobody_else_and_not_later(thread, side, actor, later, code):
    message = Message.write(thread, Side.CLIENT, "acc-1", "kept", NOW)

    with pytest.raises(CannotRetract) as refused:
        message.retract(side, actor, NOW + later)

    assert refused.value.code == code
    assert message.body == "kept"


def test_a_message_waits_for_the_other_side_until_read_or_retracted(thread):
    from_client = Message.write(thread, Side.CLIENT, "acc-1", "hi", NOW)
    auto_reply = Message.write(thread, Side.PRACTICE, None, "We are closed", NOW)

    assert (from_client.waits_for(Side.STAFF), from_client.waits_for(Side.CLIENT)) == (True, False)
    assert (auto_reply.waits_for(Side.CLIENT), auto_reply.waits_for(Side.STAFF)) == (True, False)
    from_client.retract(Side.CLIENT, "acc-1", NOW)
    assert from_client.waits_for(Side.STAFF) is False


def test_a_client_message_brings_an_archived_thread_back_and_a_staff_one_does_not(thread):
    thread.archived_at = NOW
    thread.record(Message.write(thread, Side.STAFF, "acc-9", "noted", NOW + dt.timedelta(minutes=1)))
    assert thread.archived_at == NOW

    thread.record(Message.write(thread, Side.CLIENT, "acc-1", "thanks", NOW + dt.timedelta(minutes=2)))

    assert (thread.archived_at, thread.last_message_at) == (None, NOW + dt.timedelta(minutes=2))
