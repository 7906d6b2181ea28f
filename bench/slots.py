"""A month of open slots for one clinician (weekday hours 9-17, 50-minute sessions with a 10-minute
buffer), with 1 month and with 1 year of past appointments (theirs and ten colleagues', six a day), in
databases built by the scheduling migrations.

Prints one JSON object: {"small_ms", "large_ms", "ratio", "rows_small", "rows_large", "slots", "repeats",
"database"}. Goal (issue 10): ratio <= 1.5, i.e. the slots read only the window's appointments.
Usage: .venv/bin/python bench/slots.py [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import json
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from portalkit.clock import FixedClock
from portalkit.db import make_engine, make_session_factory
from portalkit.migrations import upgrade
from portalkit.testing import temporary_database
from scheduling.adapters.orm import appointment_types, appointments, availability_windows, scheduling_settings
from scheduling.adapters.unit_of_work import SchedulingUnitOfWork
from scheduling.service.booking import slots
from sqlalchemy import insert

MIGRATIONS = Path(__file__).resolve().parents[1] / "services" / "scheduling" / "migrations"
NOW = dt.datetime(2026, 3, 2, 5, 0, tzinfo=dt.UTC)  # Monday, midnight in New York
PRACTICE, CLINICIAN, TYPE = "bench-practice", "clinician-0", str(uuid.uuid4())
COLLEAGUES = 10
DAILY_STARTS = (9, 10, 11, 13, 14, 15)  # local hours of each day's sessions


def history(days: int) -> list[dict]:
    """Six booked sessions every weekday of the `days` before NOW, and in the month ahead every other
    day, for the clinician and each colleague."""
    rows = []
    for clinician in [CLINICIAN, *(f"colleague-{n}" for n in range(COLLEAGUES))]:
        for offset in range(-days, 31):
            day = NOW + dt.timedelta(days=offset)
            if day.weekday() >= 5 or (offset >= 0 and offset % 2):
                continue
            rows.extend(_session(clinician, day.replace(hour=hour + 5)) for hour in DAILY_STARTS)
    return rows


def _session(clinician: str, starts_at: dt.datetime) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "practice_id": PRACTICE,
        "clinician_id": clinician,
        "client_id": str(uuid.uuid4()),
        "type_id": TYPE,
        "type_name": "Session",
        "starts_at": starts_at,
        "ends_at": starts_at + dt.timedelta(minutes=50),
        "duration_minutes": 50,
        "buffer_minutes": 10,
        "mode": "video",
        "location": None,
        "time_zone": "America/New_York",
        "series_id": None,
        "status": "booked",
        "created_at": NOW - dt.timedelta(days=400),
        "created_by": "staff-1",
        "late_cancellation": False,
    }


def set_up(engine, days: int) -> int:
    booked = history(days)
    with engine.begin() as connection:
        connection.execute(
            insert(scheduling_settings).values(
                practice_id=PRACTICE,
                time_zone="America/New_York",
                cancellation_notice_hours=24,
                booking_lead_hours=0,
                booking_horizon_days=60,
            )
        )
        connection.execute(
            insert(appointment_types).values(
                id=TYPE,
                practice_id=PRACTICE,
                name="Session",
                duration_minutes=50,
                buffer_minutes=10,
                mode="video",
                location=None,
                bookable=True,
            )
        )
        windows = [
            {
                "id": str(uuid.uuid4()),
                "practice_id": PRACTICE,
                "clinician_id": CLINICIAN,
                "weekday": weekday,
                "starts": "09:00",
                "ends": "17:00",
            }
            for weekday in range(5)
        ]
        connection.execute(insert(availability_windows), windows)
        connection.execute(insert(appointments), booked)
    return len(booked)


@contextlib.contextmanager
def practice_with_history(base_url: str, days: int) -> Iterator[tuple[Callable[[], SchedulingUnitOfWork], int]]:
    with temporary_database(base_url, "bench_slots") as url:
        upgrade(MIGRATIONS, url)
        engine = make_engine(url)
        rows = set_up(engine, days)
        yield functools.partial(SchedulingUnitOfWork, make_session_factory(engine), FixedClock(NOW)), rows
        engine.dispose()


def month_of_slots(unit_of_work: Callable[[], SchedulingUnitOfWork]) -> tuple[float, int]:
    started = time.perf_counter()
    found, _zone = slots(unit_of_work(), PRACTICE, CLINICIAN, TYPE, NOW, NOW + dt.timedelta(days=30))
    return (time.perf_counter() - started) * 1000, len(found)


def measure(base_url: str, repeats: int) -> dict[str, float | int]:
    """Both practices side by side, timed in turns, so that the machine's load falls on both alike."""
    with (
        practice_with_history(base_url, 31) as (small, rows_small),
        practice_with_history(base_url, 365) as (
            large,
            rows_large,
        ),
    ):
        month_of_slots(small), month_of_slots(large)  # warm the caches
        timings: dict[str, list[float]] = {"small": [], "large": []}
        for _ in range(repeats):
            for name, unit_of_work in (("small", small), ("large", large)):
                elapsed, found = month_of_slots(unit_of_work)
                timings[name].append(elapsed)
    small_ms, large_ms = statistics.median(timings["small"]), statistics.median(timings["large"])
    return {
        "small_ms": round(small_ms, 2),
        "large_ms": round(large_ms, 2),
        "ratio": round(large_ms / small_ms, 2),
        "rows_small": rows_small,
        "rows_large": rows_large,
        "slots": found,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="sqlite://")
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    figures = measure(args.database_url, args.repeats)
    print(json.dumps({**figures, "repeats": args.repeats, "database": args.database_url.split(":", 1)[0]}))


if __name__ == "__main__":
    main()
