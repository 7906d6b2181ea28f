"""The code that confirms a client's mobile number for notices: six random digits texted to the number,
kept only as an HMAC under the server's pepper (portalkit.codes), good for ten minutes and five wrong
tries, then a new one is needed. A new code (or a new number) ends the one before.

A client may ask for a new code once a minute and for five codes an hour (saving a new number counts
towards the five, and may be done at once: a typo is corrected without waiting), so nobody can flood a
phone with our texts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

from portalkit.codes import code_digest, code_matches, new_code

CODE_LIFETIME = dt.timedelta(minutes=10)
MAX_WRONG_CODES = 5
RESEND_AFTER = dt.timedelta(seconds=60)
CODES_PER_HOUR = 5


class CodeRefused(Exception):
    """`reason`: wrong, expired or dead (tried too often, or a newer code / number ended it)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TooManyCodes(Exception):
    """`retry_after`: seconds until a code may be texted again."""

    def __init__(self, retry_after: int) -> None:
        super().__init__("too many codes")
        self.retry_after = retry_after


@dataclasses.dataclass
class MobileCode:
    id: str
    practice_id: str
    account_id: str
    mobile: str
    code_hash: str
    issued_at: dt.datetime
    expires_at: dt.datetime
    failed_attempts: int = 0
    used_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None

    @classmethod
    def issue(
        cls, practice_id: str, account_id: str, mobile: str, pepper: bytes, now: dt.datetime
    ) -> tuple[MobileCode, str]:
        """The record to keep and the code to text (once)."""
        code_id, code = str(uuid.uuid4()), new_code()
        record = cls(
            code_id, practice_id, account_id, mobile, code_digest(pepper, code_id, code), now, now + CODE_LIFETIME
        )
        return record, code

    @property
    def live(self) -> bool:
        return self.used_at is None and self.ended_at is None and self.failed_attempts < MAX_WRONG_CODES

    def check(self, code: str, pepper: bytes, now: dt.datetime) -> None:
        """Spent when right; a wrong code counts, and after five even the right one is refused."""
        if not self.live:
            raise CodeRefused("dead")
        if now >= self.expires_at:
            raise CodeRefused("expired")
        if not code_matches(self.code_hash, pepper, self.id, code):
            self.failed_attempts += 1
            raise CodeRefused("wrong")
        self.used_at = now

    def end(self, now: dt.datetime) -> None:
        if self.live:
            self.ended_at = now


def check_may_send(issued: list[dt.datetime], now: dt.datetime, new_number: bool = False) -> None:
    """`issued`: when the account's codes of the last hour were issued. TooManyCodes when one more is too many
    (a new code for the same number, sooner than a minute after the last, is one too many)."""
    waits = [] if new_number else [RESEND_AFTER - (now - at) for at in issued if now - at < RESEND_AFTER]
    recent = sorted(at for at in issued if now - at < dt.timedelta(hours=1))
    if len(recent) >= CODES_PER_HOUR:
        waits.append(recent[-CODES_PER_HOUR] + dt.timedelta(hours=1) - now)
    if waits:
        raise TooManyCodes(max(1, int(max(waits).total_seconds() + 0.999)))
