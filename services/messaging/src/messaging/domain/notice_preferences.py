"""How a client account hears of portal news: by email (the default), by text (SMS) or both. A text
needs a mobile number in E.164 form (`+` and 8 to 15 digits) that the client confirmed with a texted
code (domain/mobile_confirmation.py): until then, what would go by text goes by email instead (`sms`)
or by email only (`both`). A new or changed number is unconfirmed again; the same number keeps its
confirmation."""

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
    # When the client typed back the code texted to `mobile`; None: not confirmed (yet).
    mobile_confirmed_at: dt.datetime | None = None

    @classmethod
    def choose(
        cls, channel: str, mobile: str | None, now: dt.datetime, previous: NoticePreference | None = None
    ) -> NoticePreference:
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
        same_number = previous is not None and number is not None and previous.mobile == number
        return cls(channel, number, now, previous.mobile_confirmed_at if same_number and previous else None)

    def needs_confirming_after(self, previous: NoticePreference) -> bool:
        """A number saved now that was not there before: it is texted a code."""
        return self.mobile is not None and self.mobile != previous.mobile

    def confirmed(self, now: dt.datetime) -> NoticePreference:
        return dataclasses.replace(self, mobile_confirmed_at=now)

    @property
    def mobile_confirmed(self) -> bool:
        return self.mobile is not None and self.mobile_confirmed_at is not None

    @property
    def confirmed_mobile(self) -> str | None:
        """The number texts may go to; None until it is confirmed."""
        return self.mobile if self.mobile_confirmed else None

    @property
    def by_email(self) -> bool:
        return self.channel in (EMAIL, BOTH) or (self.channel == SMS and not self.mobile_confirmed)

    @property
    def by_text(self) -> bool:
        return self.channel in (SMS, BOTH) and self.mobile_confirmed


DEFAULT = NoticePreference()
