"""Which client profiles an account may reach: its own (self), a couple's profile (partner), and a
minor's profile (guardian), the last one until an optional end date, e.g. the minor's 18th birthday.

A link's `ends_on` is the first day without access (UTC): a guardian link ending on the birthday
works the day before and no longer on the day itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from identity.domain.model import new_id

SELF = "self"
PARTNER = "partner"
GUARDIAN = "guardian"
KINDS = (SELF, PARTNER, GUARDIAN)


class LinkInvalid(ValueError):
    """A link that cannot be made, named by its field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclasses.dataclass
class ProfileLink:
    id: str
    practice_id: str
    account_id: str
    profile_id: str
    kind: str
    created_at: dt.datetime
    ends_on: dt.date | None = None
    created_by: str | None = None

    @classmethod
    def make(
        cls,
        practice_id: str,
        account_id: str,
        profile_id: str,
        kind: str,
        now: dt.datetime,
        ends_on: dt.date | None = None,
        created_by: str | None = None,
    ) -> ProfileLink:
        if kind not in KINDS:
            raise LinkInvalid("kind", f"Use one of: {', '.join(KINDS)}.")
        if ends_on is not None and kind != GUARDIAN:
            raise LinkInvalid("ends_on", "Only a guardian's access has an end date.")
        if ends_on is not None and ends_on <= now.date():
            raise LinkInvalid("ends_on", "Pick a day after today.")
        return cls(new_id(), practice_id, account_id, profile_id, kind, now, ends_on, created_by)

    def is_open(self, now: dt.datetime) -> bool:
        return self.ends_on is None or now.date() < self.ends_on


def own_link(practice_id: str, account_id: str, profile_id: str, now: dt.datetime) -> ProfileLink:
    """The link of a client's account to the profile it was invited for."""
    return ProfileLink.make(practice_id, account_id, profile_id, SELF, now)


def default_profile(links: list[ProfileLink], now: dt.datetime) -> str | None:
    """The profile a sign-in starts with: the own one when open, else the only open one, else none
    (the person picks)."""
    open_links = [link for link in links if link.is_open(now)]
    own = next((link for link in open_links if link.kind == SELF), None)
    if own is not None:
        return own.profile_id
    return open_links[0].profile_id if len(open_links) == 1 else None
