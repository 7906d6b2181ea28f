"""The code confirming a client's mobile number: six digits kept only as an HMAC, right once, for ten
minutes, dead after five wrong tries or a newer code; at most one a minute and five an hour."""

import datetime as dt

import pytest
from messaging.domain.mobile_confirmation import (
    CODE_LIFETIME,
    CODES_PER_HOUR,
    MAX_WRONG_CODES,
    CodeRefused,
    MobileCode,
    TooManyCodes,
    check_may_send,
)
from portalkit.clock import UTC

NOW = dt.datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
PEPPER = b"pepper-for-tests"


def issued():
    return MobileCode.issue("practice-a", "acc-ana", "+15555550123", PEPPER, NOW)


def refusal(record, code, now=NOW):
    with pytest.raises(CodeRefused) as refused:
        record.check(code, PEPPER, now)
    return refused.value.reason


def test_a_code_is_six_random_digits_kept_only_as_a_keyed_hash():
    record, code = issued()
    other, other_code = issued()

    assert len(code) == 6 and code.isdigit()
    assert code not in record.code_hash and len(record.code_hash) == 64
    assert record.expires_at == NOW + CODE_LIFETIME == NOW + dt.timedelta(minutes=10)
    assert record.code_hash != other.code_hash or code != other_code


def test_the_right_code_confirms_once():
    record, code = issued()

    record.check(f" {code} ", PEPPER, NOW + dt.timedelta(minutes=9))

    assert (record.used_at, record.live) == (NOW + dt.timedelta(minutes=9), False)
    assert refusal(record, code) == "dead"


def test_a_code_is_refused_once_expired_even_when_right():
    record, code = issued()

    assert refusal(record, code, NOW + CODE_LIFETIME) == "expired"
    assert record.live and record.failed_attempts == 0


def test_a_code_under_another_pepper_is_wrong():
    record, code = issued()

    with pytest.raises(CodeRefused):
        record.check(code, b"another pepper", NOW)
    assert record.failed_attempts == 1


def test_five_wrong_codes_kill_it_and_then_even_the_right_one_is_refused():
    record, code = issued()
    wrong = "000000" if code != "000000" else "111111"

    reasons = [refusal(record, wrong) for _ in range(MAX_WRONG_CODES)]

    assert reasons == ["wrong"] * 5 and record.failed_attempts == 5
    assert (record.live, refusal(record, code)) == (False, "dead")


def test_an_ended_code_is_dead():
    record, code = issued()

    record.end(NOW)

    assert refusal(record, code) == "dead"


def test_a_new_code_waits_a_minute_after_the_last():
    check_may_send([], NOW)
    check_may_send([NOW - dt.timedelta(seconds=61)], NOW)

    with pytest.raises(TooManyCodes) as wait:
        check_may_send([NOW - dt.timedelta(seconds=20)], NOW)

    assert wait.value.retry_after == 40
    check_may_send([NOW - dt.timedelta(seconds=20)], NOW, new_number=True)


def test_five_codes_an_hour_at_most():
    hour = [NOW - dt.timedelta(minutes=m) for m in (50, 40, 30, 20, 10)]
    assert len(hour) == CODES_PER_HOUR

    with pytest.raises(TooManyCodes) as wait:
        check_may_send(hour, NOW)

    assert wait.value.retry_after == 10 * 60
    with pytest.raises(TooManyCodes):
        check_may_send(hour, NOW, new_number=True)
    check_may_send(hour[1:], NOW)
