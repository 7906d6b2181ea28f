"""Failed sign-ins (SECURITY.md): after ten in a row each attempt waits longer, and no account gets
more than a hundred tries an hour. A locked account answers exactly like a wrong password."""

from __future__ import annotations

import dataclasses
import datetime as dt


@dataclasses.dataclass(frozen=True)
class LockoutPolicy:
    free_failures: int = 10
    first_delay: dt.timedelta = dt.timedelta(seconds=30)
    longest_delay: dt.timedelta = dt.timedelta(minutes=15)
    per_account_per_hour: int = 100
    per_ip_per_hour: int = 100

    def delay_after(self, failures_in_a_row: int) -> dt.timedelta:
        """No wait for the first ten failures, then 30 s, 1 min, 2 min, … up to 15 min."""
        if failures_in_a_row < self.free_failures:
            return dt.timedelta(0)
        doublings = min(failures_in_a_row - self.free_failures, 16)
        return min(self.first_delay * 2**doublings, self.longest_delay)


@dataclasses.dataclass(frozen=True)
class FailureRecord:
    """What counts against one account: failures in a row, the last one, failures this past hour."""

    in_a_row: int
    last_at: dt.datetime | None
    in_the_last_hour: int


def is_locked(record: FailureRecord, policy: LockoutPolicy, now: dt.datetime) -> bool:
    if record.in_the_last_hour >= policy.per_account_per_hour:
        return True
    if record.last_at is None:
        return False
    return now < record.last_at + policy.delay_after(record.in_a_row)


def ip_is_throttled(failures_from_ip_in_the_last_hour: int, policy: LockoutPolicy) -> bool:
    return failures_from_ip_in_the_last_hour >= policy.per_ip_per_hour
