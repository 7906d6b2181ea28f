"""The practice's business hours for messages (weekly windows in its time zone) and the automatic
reply a client gets, once, when writing outside them ("for emergencies call …")."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo

MAX_AUTO_REPLY_LENGTH = 1000
MAX_WINDOWS = 21


class InvalidHours(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclasses.dataclass(frozen=True)
class Window:
    weekday: int  # 0 Monday … 6 Sunday
    starts: dt.time
    ends: dt.time

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise InvalidHours("hours", "A weekday is 0 (Monday) to 6 (Sunday).")
        if self.ends <= self.starts:
            raise InvalidHours("hours", "A window ends after it starts.")

    def holds(self, local: dt.datetime) -> bool:
        return local.weekday() == self.weekday and self.starts <= local.time() < self.ends


@dataclasses.dataclass(frozen=True)
class BusinessHours:
    practice_id: str
    time_zone: str
    windows: tuple[Window, ...]
    auto_reply: str | None

    def __post_init__(self) -> None:
        try:
            zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise InvalidHours("time_zone", "Not a time zone (such as America/New_York).") from None
        if len(self.windows) > MAX_WINDOWS:
            raise InvalidHours("hours", f"At most {MAX_WINDOWS} windows.")
        if self.auto_reply is not None and len(self.auto_reply) > MAX_AUTO_REPLY_LENGTH:
            raise InvalidHours("auto_reply", f"At most {MAX_AUTO_REPLY_LENGTH} characters.")

    def is_open(self, moment: dt.datetime) -> bool:
        local = moment.astimezone(zoneinfo.ZoneInfo(self.time_zone))
        return any(window.holds(local) for window in self.windows)

    def reply_to_client_at(self, moment: dt.datetime) -> str | None:
        """The automatic reply due for a client's message at `moment`: none while open, none without
        hours or a reply text."""
        if not (self.windows and self.auto_reply) or self.is_open(moment):
            return None
        return self.auto_reply
