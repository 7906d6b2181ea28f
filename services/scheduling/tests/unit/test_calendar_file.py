"""A calendar file says when and where, never what the appointment is about."""

import datetime as dt

from scheduling.domain.appointment import Mode, Status
from scheduling.domain.calendar import CalendarEntry, calendar_text, entry_summary


def test_an_appointment_becomes_an_icalendar_event_in_utc():
    entry = CalendarEntry(
        uid="a1@scheduling",
        starts_at=dt.datetime(2026, 3, 9, 14, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2026, 3, 9, 14, 50, tzinfo=dt.UTC),
        summary=entry_summary("Dana Reyes", Mode.IN_PERSON),
        location="12 Main St, Suite 3; Room B",
        status=Status.BOOKED,
        stamp=dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
    )

    text = calendar_text([entry], "Appointment")

    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20260309T140000Z\r\n" in text and "DTEND:20260309T145000Z\r\n" in text
    assert "SUMMARY:Appointment with Dana Reyes\r\n" in text
    assert "LOCATION:12 Main St\\, Suite 3\\; Room B\r\n" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_long_lines_are_folded():
    entry = CalendarEntry(
        "x",
        dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        dt.datetime(2026, 1, 1, 1, tzinfo=dt.UTC),
        "Video appointment",
        "é" * 80,
        Status.CANCELLED,
        dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )

    text = calendar_text([entry], "Appointments")

    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "STATUS:CANCELLED" in text
    assert text.replace("\r\n ", "").count("é") == 80
