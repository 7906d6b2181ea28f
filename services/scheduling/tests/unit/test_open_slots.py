"""Open slots: inside the clinician's weekly windows (local time), every duration + buffer, never
meeting a booked appointment or its buffer."""

import datetime as dt
from zoneinfo import ZoneInfo

from scheduling.domain.appointment import Mode
from scheduling.domain.availability import AppointmentType, Busy, WeeklyWindow, open_slots, within_hours

NEW_YORK = ZoneInfo("America/New_York")
SESSION = AppointmentType("t1", "p1", "Session", 50, 10, Mode.VIDEO, None, True)
MONDAY_MORNING = WeeklyWindow(0, dt.time(9, 0), dt.time(12, 0))


def ny(day, hour, minute=0):
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=NEW_YORK)


def hours(slots):
    return [s.astimezone(NEW_YORK).strftime("%d %H:%M") for s in slots]


def test_a_free_morning_has_a_slot_every_hour():
    slots = open_slots([MONDAY_MORNING], SESSION, [], "America/New_York", ny(2, 0), ny(3, 0))

    assert hours(slots) == ["02 09:00", "02 10:00", "02 11:00"]


def test_a_booked_appointment_and_its_buffer_take_the_slots_they_meet():
    booked = Busy(ny(2, 10, 30), ny(2, 11, 30))

    slots = open_slots([MONDAY_MORNING], SESSION, [booked], "America/New_York", ny(2, 0), ny(3, 0))

    assert hours(slots) == ["02 09:00"]


def test_windows_stay_on_local_time_across_the_spring_change():
    slots = open_slots([MONDAY_MORNING], SESSION, [], "America/New_York", ny(2, 0), ny(10, 0))

    assert hours(slots) == ["02 09:00", "02 10:00", "02 11:00", "09 09:00", "09 10:00", "09 11:00"]
    assert [s.astimezone(dt.UTC).hour for s in slots] == [14, 15, 16, 13, 14, 15]


def test_slots_before_the_range_start_are_left_out():
    slots = open_slots([MONDAY_MORNING], SESSION, [], "America/New_York", ny(2, 9, 30), ny(3, 0))

    assert hours(slots) == ["02 10:00", "02 11:00"]


def test_within_hours_means_inside_one_window_on_the_wall_clock_even_after_the_change():
    windows = [MONDAY_MORNING]
    zone = "America/New_York"

    assert within_hours(windows, zone, ny(9, 9), ny(9, 11, 50))  # 9 March: EDT, 13:00 UTC
    assert not within_hours(windows, zone, ny(9, 11, 30), ny(9, 12, 20))  # runs past noon
    assert not within_hours(windows, zone, ny(10, 9), ny(10, 9, 50))  # a Tuesday
    assert not within_hours(windows, zone, ny(2, 8, 30), ny(2, 9, 20))  # starts before nine
    assert within_hours([], zone, ny(7, 23), ny(8, 0, 30))  # no hours set: nothing to compare with
