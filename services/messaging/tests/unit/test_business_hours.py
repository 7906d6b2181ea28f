"""Business hours are weekly windows in the practice's time zone; outside them a client's message gets
the automatic reply, inside them or without hours or a reply text it gets none."""

import datetime as dt

import pytest
from messaging.domain.business_hours import BusinessHours, InvalidHours, Window
from portalkit.clock import UTC

WEEKDAYS_9_TO_5 = tuple(Window(day, dt.time(9), dt.time(17)) for day in range(5))
REPLY = "We answer messages on weekdays 9-5. For emergencies call 911."


def hours(windows=WEEKDAYS_9_TO_5, reply=REPLY, zone="America/New_York"):
    return BusinessHours("practice-a", zone, windows, reply)


@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        (dt.datetime(2026, 1, 5, 14, 0, tzinfo=UTC), True),  # Monday 09:00 in New York
        (dt.datetime(2026, 1, 5, 13, 59, tzinfo=UTC), False),  # Monday 08:59
        (dt.datetime(2026, 1, 5, 22, 0, tzinfo=UTC), False),  # Monday 17:00: the window has ended
        (dt.datetime(2026, 1, 10, 15, 0, tzinfo=UTC), False),  # Saturday 10:00
        (dt.datetime(2026, 7, 6, 13, 0, tzinfo=UTC), True),  # Monday 09:00 in summer time (UTC-4)
    ],
)
def test_open_is_judged_in_the_practices_time_zone(moment, open_):
    assert hours().is_open(moment) is open_
    assert hours().reply_to_client_at(moment) == (None if open_ else REPLY)


def test_without_hours_or_without_a_reply_nobody_is_answered_automatically():
    night = dt.datetime(2026, 1, 6, 3, 0, tzinfo=UTC)
    assert hours(windows=()).reply_to_client_at(night) is None
    assert hours(reply=None).reply_to_client_at(night) is None


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: hours(zone="Mars/Olympus"), "time_zone"),
        (lambda: Window(7, dt.time(9), dt.time(17)), "hours"),
        (lambda: Window(1, dt.time(17), dt.time(9)), "hours"),
        (lambda: hours(reply="x" * 1001), "auto_reply"),
    ],
)
def test_impossible_hours_are_refused_naming_the_field(make, field):
    with pytest.raises(InvalidHours) as refused:
        make()
    assert refused.value.field == field
