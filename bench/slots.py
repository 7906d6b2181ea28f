"""A month of open slots for one clinician (weekday hours 9-17, 50-minute sessions with a 10-minute
buffer), with 1 month and with 1 year of past appointments (theirs and ten colleagues', six a day), in
databases built by the scheduling migrations.

Prints one JSON object: {"small_ms", "large_ms", "ratio", "rows_small", "rows_large", "slots", "repeats",
"database"}. Goal (issue 10): ratio <= 1.5, i.e. the slots read only the window's appointments.
Usage: .venv/bin/python bench/slots.py [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import statistics
import time
import uuid
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


def measure(base_url: str, days: int, repeats: int) -> tuple[float, int, int]:
    with temporary_database(base_url, "bench_slots") as url:
        upgrade(MIGRATIONS, url)
        engine = make_engine(url)
        rows = set_up(engine, days)
        unit_of_work = functools.partial(SchedulingUnitOfWork, make_session_factory(engine), FixedClock(NOW))
        month = (NOW, NOW + dt.timedelta(days=30))
        found = slots(unit_of_work(), PRACTICE, CLINICIAN, TYPE, *month)  # warm the caches
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            slots(unit_of_work(), PRACTICE, CLINICIAN, TYPE, *month)
            timings.append((time.perf_counter() - started) * 1000)
        engine.dispose()
        return statistics.median(timings), rows, len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="sqlite://")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    small, rows_small, found = measure(args.database_url, 31, args.repeats)
    large, rows_large, _ = measure(args.database_url, 365, args.repeats)
    figures = {"small_ms": round(small, 2), "large_ms": round(large, 2), "ratio": round(large / small, 2)}
    database = args.database_url.split(":", 1)[0]
    print(
        json.dumps(
            {
                **figures,
                "rows_small": rows_small,
                "rows_large": rows_large,
                "slots": found,
                "repeats": args.repeats,
                "database": database,
            }
        )
    )


if __name__ == "__main__":
    main()
