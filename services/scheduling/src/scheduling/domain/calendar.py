"""iCalendar (RFC 5545) text of appointments, for a one-off download and for the private feed a
calendar program subscribes to. Only the time, the clinician and the place: no clinical content."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from scheduling.domain.appointment import Mode, Status


@dataclasses.dataclass(frozen=True)
class CalendarFeed:
    """A client's private feed URL; only the token's SHA-256 is kept."""

    id: str
    practice_id: str
    client_id: str
    account_id: str
    token_sha256: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None


@dataclasses.dataclass(frozen=True)
class CalendarEntry:
    uid: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    summary: str
    location: str
    status: Status
    stamp: dt.datetime


def entry_summary(clinician_name: str, mode: Mode) -> str:
    """ "Video appointment with Dana Reyes"; "… with your clinician" while the practice has not named them."""
    kind = "Video appointment" if mode is Mode.VIDEO else "Appointment"
    return f"{kind} with {clinician_name or 'your clinician'}"


def calendar_text(entries: Iterable[CalendarEntry], name: str) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Client portal//Scheduling//EN", "CALSCALE:GREGORIAN"]
    lines.append(f"X-WR-CALNAME:{_escaped(name)}")
    for entry in entries:
        lines.extend(_event(entry))
    lines.append("END:VCALENDAR")
    return "".join(_folded(line) + "\r\n" for line in lines)


def _event(entry: CalendarEntry) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{entry.uid}",
        f"DTSTAMP:{_utc(entry.stamp)}",
        f"DTSTART:{_utc(entry.starts_at)}",
        f"DTEND:{_utc(entry.ends_at)}",
        f"SUMMARY:{_escaped(entry.summary)}",
        f"LOCATION:{_escaped(entry.location)}",
        f"STATUS:{'CONFIRMED' if entry.status is Status.BOOKED else 'CANCELLED'}",
        "END:VEVENT",
    ]


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _escaped(text: str) -> str:
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n")


def _folded(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)
