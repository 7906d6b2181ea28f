"""A client account's notice channel: email by default; a text needs an E.164 mobile number."""

import datetime as dt

import pytest
from messaging.domain.notice_preferences import DEFAULT, InvalidPreference, NoticePreference
from portalkit.clock import UTC

NOW = dt.datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def test_email_is_the_default():
    assert (DEFAULT.channel, DEFAULT.by_email, DEFAULT.by_text) == ("email", True, False)


@pytest.mark.parametrize(
    ("channel", "by_email", "by_text"), [("email", True, False), ("sms", False, True), ("both", True, True)]
)
def test_each_channel_says_how_the_client_is_told(channel, by_email, by_text):
    chosen = NoticePreference.choose(channel, "+44 7700 900123", NOW)

    assert (chosen.by_email, chosen.by_text, chosen.mobile) == (by_email, by_text, "+447700900123")


@pytest.mark.parametrize(
    ("channel", "mobile", "field"),
    [("sms", None, "mobile"), ("both", "", "mobile"), ("email", "07700 900123", "mobile"), ("fax", None, "channel")],
)
def test_a_preference_that_cannot_work_names_the_field(channel, mobile, field):
    with pytest.raises(InvalidPreference) as refused:
        NoticePreference.choose(channel, mobile, NOW)

    assert list(refused.value.errors) == [field]
