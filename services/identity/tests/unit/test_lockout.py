"""Failed sign-ins: ten free, then a growing wait, and at most a hundred an hour."""

import datetime as dt

from identity.domain.lockout import FailureRecord, LockoutPolicy, ip_is_throttled, is_locked
from portalkit.clock import FixedClock

POLICY = LockoutPolicy()


def test_nine_failures_in_a_row_do_not_lock():
    now = FixedClock().now()

    assert not is_locked(FailureRecord(9, now, 9), POLICY, now)


def test_the_tenth_failure_locks_for_thirty_seconds():
    clock = FixedClock()
    record = FailureRecord(10, clock.now(), 10)
    clock.advance(seconds=29)
    assert is_locked(record, POLICY, clock.now())

    clock.advance(seconds=1)

    assert not is_locked(record, POLICY, clock.now())


def test_the_wait_doubles_with_each_further_failure_up_to_fifteen_minutes():
    delays = [POLICY.delay_after(n) for n in (10, 11, 12, 20)]

    assert delays == [
        dt.timedelta(seconds=30),
        dt.timedelta(minutes=1),
        dt.timedelta(minutes=2),
        dt.timedelta(minutes=15),
    ]


def test_a_hundred_failures_in_an_hour_lock_whatever_the_wait():
    now = FixedClock().now()

    assert is_locked(FailureRecord(0, None, 100), POLICY, now)
    assert not is_locked(FailureRecord(0, None, 99), POLICY, now)


def test_an_address_with_a_hundred_failures_an_hour_is_throttled():
    assert ip_is_throttled(100, POLICY)
    assert not ip_is_throttled(99, POLICY)
