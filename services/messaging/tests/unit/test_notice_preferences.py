"""A client account's notice channel: email by default; a text needs an E.164 mobile number, confirmed."""

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
def test_once_the_number_is_confirmed_each_channel_says_how_the_client_is_told(channel, by_email, by_text):
    chosen = NoticePreference.choose(channel, "+44 7700 900123", NOW).confirmed(NOW)

    assert (chosen.by_email, chosen.by_text, chosen.mobile) == (by_email, by_text, "+447700900123")


@pytest.mark.parametrize(
    ("channel", "mobile", "field"),
    [("sms", None, "mobile"), ("both", "", "mobile"), ("email", "07700 900123", "mobile"), ("fax", None, "channel")],
)
def test_a_preference_that_cannot_work_names_the_field(channel, mobile, field):
    with pytest.raises(InvalidPreference) as refused:
        NoticePreference.choose(channel, mobile, NOW)

    assert list(refused.value.errors) == [field]


def test_a_new_number_is_unconfirmed_and_its_texts_go_by_email_until_confirmed():
    sms = NoticePreference.choose("sms", "+447700900123", NOW)
    both = NoticePreference.choose("both", "+447700900123", NOW)

    assert (sms.mobile_confirmed, sms.by_email, sms.by_text, sms.confirmed_mobile) == (False, True, False, None)
    assert (both.by_email, both.by_text) == (True, False)
    confirmed = sms.confirmed(NOW)
    assert (confirmed.mobile_confirmed, confirmed.by_email, confirmed.by_text) == (True, False, True)
    assert confirmed.confirmed_mobile == "+447700900123"


def test_the_same_number_keeps_its_confirmation_and_a_changed_one_loses_it():
    confirmed = NoticePreference.choose("sms", "+447700900123", NOW).confirmed(NOW)

    same = NoticePreference.choose("both", "+44 7700 900123", NOW, confirmed)
    changed = NoticePreference.choose("both", "+447700900999", NOW, confirmed)
    dropped = NoticePreference.choose("email", None, NOW, confirmed)

    assert (same.mobile_confirmed, same.needs_confirming_after(confirmed)) == (True, False)
    assert (changed.mobile_confirmed, changed.needs_confirming_after(confirmed)) == (False, True)
    assert (dropped.mobile_confirmed, dropped.needs_confirming_after(confirmed)) == (False, False)
    assert NoticePreference.choose("email", "+447700900123", NOW).needs_confirming_after(DEFAULT)
