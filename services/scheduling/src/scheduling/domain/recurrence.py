"""A recurring series (weekly or every 2 weeks) keeps its time on the wall clock of the practice:
a 10:00 weekly session stays at 10:00 local across a daylight-saving change, so its UTC time moves."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

MAX_OCCURRENCES = 52


class TimeZoneUnknown(ValueError):
    pass


def zone(name: str) -> ZoneInfo:
    if name not in _known_zones():
        raise TimeZoneUnknown(name)
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError as error:
        raise TimeZoneUnknown(name) from error


@functools.cache
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


@dataclasses.dataclass(frozen=True)
class Repeat:
    every_weeks: int  # 1: weekly, 2: every 2 weeks
    count: int

    def __post_init__(self) -> None:
        if self.every_weeks not in (1, 2):
            raise ValueError("every_weeks")
        if not 1 <= self.count <= MAX_OCCURRENCES:
            raise ValueError("count")


def occurrences(first_start: dt.datetime, time_zone: str, repeat: Repeat) -> list[dt.datetime]:
    """The UTC start of each occurrence: the same local weekday and time, every `every_weeks` weeks."""
    local_zone = zone(time_zone)
    wall = first_start.astimezone(local_zone).replace(tzinfo=None)
    step = dt.timedelta(weeks=repeat.every_weeks)
    return [to_utc(wall + step * index, local_zone) for index in range(repeat.count)]


def to_utc(wall: dt.datetime, local_zone: ZoneInfo) -> dt.datetime:
    """A wall time in the zone as UTC. A time skipped by a spring-forward change is read with the
    offset before the change (02:30 becomes 03:30), as calendar programs do."""
    return wall.replace(tzinfo=local_zone).astimezone(dt.UTC)


def wall_shift(old: dt.datetime, new: dt.datetime, time_zone: str) -> dt.timedelta:
    """How far `new` is from `old` on the zone's wall clock (a move from 10:00 to 11:00 is an hour,
    whatever daylight saving does in between)."""
    local_zone = zone(time_zone)
    return _wall(new, local_zone) - _wall(old, local_zone)


def shifted(start: dt.datetime, shift: dt.timedelta, time_zone: str) -> dt.datetime:
    """`start` moved by `shift` on the zone's wall clock, in UTC: a series moved from 10:00 to 11:00
    stays at 11:00 local on both sides of a daylight-saving change."""
    local_zone = zone(time_zone)
    return to_utc(_wall(start, local_zone) + shift, local_zone)


def _wall(moment: dt.datetime, local_zone: ZoneInfo) -> dt.datetime:
    return moment.astimezone(local_zone).replace(tzinfo=None)
