"""How a client account hears of portal news: by email (the default), by text (SMS) or both. A text
needs a mobile number in E.164 form (`+` and 8 to 15 digits)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

EMAIL = "email"
SMS = "sms"
BOTH = "both"
CHANNELS = (EMAIL, SMS, BOTH)
E164 = re.compile(r"^\+[1-9]\d{7,14}$")


class InvalidPreference(ValueError):
    """`errors` names the fields, as a 422 does."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("invalid notice preference")
        self.errors = errors


@dataclasses.dataclass(frozen=True)
class NoticePreference:
    channel: str = EMAIL
    mobile: str | None = None
    updated_at: dt.datetime | None = None

    @classmethod
    def choose(cls, channel: str, mobile: str | None, now: dt.datetime) -> NoticePreference:
        errors: dict[str, list[str]] = {}
        if channel not in CHANNELS:
            errors["channel"] = ["Choose email, sms or both."]
        number = "".join((mobile or "").split()) or None
        if number is not None and not E164.match(number):
            errors["mobile"] = ["Give the mobile number in international form, such as +15555550123."]
        elif number is None and channel in (SMS, BOTH):
            errors["mobile"] = ["Texts need a mobile number."]
        if errors:
            raise InvalidPreference(errors)
        return cls(channel, number, now)

    @property
    def by_email(self) -> bool:
        return self.channel in (EMAIL, BOTH)

    @property
    def by_text(self) -> bool:
        return self.channel in (SMS, BOTH) and self.mobile is not None


DEFAULT = NoticePreference()
