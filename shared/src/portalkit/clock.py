"""Time comes from a clock object so that tests can move it instead of sleeping."""

from __future__ import annotations

import datetime as dt
import os
from typing import Protocol

UTC = dt.UTC


class Clock(Protocol):
    def now(self) -> dt.datetime: ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(UTC)


class FixedClock:
    """A clock for tests: it stands still until told to move."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self._now = start or dt.datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

    def now(self) -> dt.datetime:
        return self._now

    def advance(self, **delta: float) -> None:
        self._now += dt.timedelta(**delta)


class OffsetFileClock:
    """The wall clock plus a number of seconds read from a file.

    End-to-end tests run real processes; writing one file moves every process's clock at once.
    Only used when the `CLOCK_OFFSET_FILE` setting is given, which production never does.
    """

    def __init__(self, path: str) -> None:
        self._path = path
        self._stamp: float | None = None
        self._offset = 0.0

    def now(self) -> dt.datetime:
        return dt.datetime.now(UTC) + dt.timedelta(seconds=self._read_offset())

    def _read_offset(self) -> float:
        try:
            stamp = os.stat(self._path).st_mtime_ns
        except FileNotFoundError:
            return 0.0
        if stamp != self._stamp:
            with open(self._path, encoding="utf-8") as handle:
                text = handle.read().strip()
            self._offset = float(text or 0)
            self._stamp = stamp
        return self._offset


def clock_from_settings(clock_offset_file: str) -> Clock:
    return OffsetFileClock(clock_offset_file) if clock_offset_file else SystemClock()


def utc_iso(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_utc(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
