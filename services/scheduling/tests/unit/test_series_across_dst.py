"""A weekly 10:00 session stays at 10:00 on the practice's wall clock when daylight-saving time
starts (US: 8 March 2026) and ends (1 November 2026); its UTC time moves by an hour."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from scheduling.domain.recurrence import Repeat, TimeZoneUnknown, occurrences, shifted, wall_shift, zone

NEW_YORK = ZoneInfo("America/New_York")


def local(moments):
    return [(m.astimezone(NEW_YORK).date().isoformat(), m.astimezone(NEW_YORK).strftime("%H:%M")) for m in moments]


def test_a_weekly_series_keeps_ten_oclock_when_clocks_spring_forward():
    first = dt.datetime(2026, 3, 2, 10, 0, tzinfo=NEW_YORK)  # EST, 15:00 UTC

    starts = occurrences(first, "America/New_York", Repeat(every_weeks=1, count=3))

    assert local(starts) == [("2026-03-02", "10:00"), ("2026-03-09", "10:00"), ("2026-03-16", "10:00")]
    assert [s.hour for s in starts] == [15, 14, 14]
    assert all(s.tzinfo == dt.UTC for s in starts)


def test_a_fortnightly_series_keeps_ten_oclock_when_clocks_fall_back():
    first = dt.datetime(2026, 10, 26, 10, 0, tzinfo=NEW_YORK)  # EDT, 14:00 UTC

    starts = occurrences(first, "America/New_York", Repeat(every_weeks=2, count=3))

    assert local(starts) == [("2026-10-26", "10:00"), ("2026-11-09", "10:00"), ("2026-11-23", "10:00")]
    assert [s.hour for s in starts] == [14, 15, 15]


def test_a_series_follows_the_practice_zone_not_the_offset_it_was_given_in():
    first = dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)  # 10:00 in New York, 07:00 in Los Angeles

    in_los_angeles = occurrences(first, "America/Los_Angeles", Repeat(every_weeks=1, count=2))

    assert [s.astimezone(ZoneInfo("America/Los_Angeles")).hour for s in in_los_angeles] == [7, 7]
    assert [s.hour for s in in_los_angeles] == [15, 14]


def test_an_unknown_zone_is_refused():
    with pytest.raises(TimeZoneUnknown):
        zone("Mars/Olympus_Mons")
    with pytest.raises(ValueError):
        Repeat(every_weeks=3, count=2)


def test_a_series_moved_an_hour_later_stays_an_hour_later_on_the_wall_across_the_change():
    before, after = dt.datetime(2026, 3, 2, 10, 0, tzinfo=NEW_YORK), dt.datetime(2026, 3, 2, 11, 30, tzinfo=NEW_YORK)
    later_ones = [dt.datetime(2026, 3, 9, 10, 0, tzinfo=NEW_YORK), dt.datetime(2026, 3, 16, 10, 0, tzinfo=NEW_YORK)]

    shift = wall_shift(before, after, "America/New_York")
    moved = [shifted(start, shift, "America/New_York") for start in later_ones]

    assert shift == dt.timedelta(hours=1, minutes=30)
    assert local(moved) == [("2026-03-09", "11:30"), ("2026-03-16", "11:30")]
    assert [m.hour for m in moved] == [15, 15]  # 16:30 UTC before the change would have been 12:30 local


def test_a_series_moved_to_another_day_keeps_its_wall_time_when_clocks_fall_back():
    before, after = dt.datetime(2026, 10, 26, 10, 0, tzinfo=NEW_YORK), dt.datetime(2026, 10, 28, 9, 0, tzinfo=NEW_YORK)

    moved = shifted(
        dt.datetime(2026, 11, 2, 10, 0, tzinfo=NEW_YORK),
        wall_shift(before, after, "America/New_York"),
        "America/New_York",
    )

    assert local([moved]) == [("2026-11-04", "09:00")] and moved.hour == 14
