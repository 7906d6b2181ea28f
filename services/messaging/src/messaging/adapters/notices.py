"""Notices in the database: each client account's preferences and the codes texted to confirm its mobile
number, the provider's reports kept once each, the addresses not to mail again, and the notices withheld."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from messaging.adapters.orm import (
    bounced_addresses,
    email_provider_events,
    mobile_codes,
    notice_preferences,
    withheld_notices,
)
from messaging.domain.mobile_confirmation import MobileCode
from messaging.domain.notice_preferences import NoticePreference


class NoticePreferences:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, practice_id: str, account_id: str) -> NoticePreference | None:
        row = self._session.execute(
            select(notice_preferences).where(
                notice_preferences.c.practice_id == practice_id, notice_preferences.c.account_id == account_id
            )
        ).first()
        if row is None:
            return None
        return NoticePreference(row.channel, row.mobile, row.updated_at, row.mobile_confirmed_at)

    def save(self, practice_id: str, account_id: str, preference: NoticePreference) -> None:
        key = (notice_preferences.c.practice_id == practice_id, notice_preferences.c.account_id == account_id)
        self._session.execute(delete(notice_preferences).where(*key))
        self._session.execute(
            insert(notice_preferences).values(
                practice_id=practice_id,
                account_id=account_id,
                channel=preference.channel,
                mobile=preference.mobile,
                updated_at=preference.updated_at,
                mobile_confirmed_at=preference.mobile_confirmed_at,
            )
        )


class MobileCodes:
    """The codes texted to confirm a client account's mobile number (their HMAC only)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, code: MobileCode) -> None:
        self._session.execute(insert(mobile_codes).values(**dataclasses.asdict(code)))

    def latest(self, practice_id: str, account_id: str) -> MobileCode | None:
        row = self._session.execute(
            select(mobile_codes)
            .where(mobile_codes.c.practice_id == practice_id, mobile_codes.c.account_id == account_id)
            .order_by(mobile_codes.c.issued_at.desc())
            .limit(1)
        ).first()
        return MobileCode(**row._mapping) if row is not None else None

    def issued_since(self, practice_id: str, account_id: str, since: dt.datetime) -> list[dt.datetime]:
        rows = self._session.execute(
            select(mobile_codes.c.issued_at).where(
                mobile_codes.c.practice_id == practice_id,
                mobile_codes.c.account_id == account_id,
                mobile_codes.c.issued_at > since,
            )
        ).all()
        return [row.issued_at for row in rows]

    def save(self, code: MobileCode) -> None:
        changes = {name: getattr(code, name) for name in ("failed_attempts", "used_at", "ended_at")}
        self._session.execute(update(mobile_codes).where(mobile_codes.c.id == code.id).values(**changes))


class ProviderEvents:
    """The provider's reports already taken in (by its event id)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def seen(self, provider_event_id: str) -> bool:
        found = self._session.execute(
            select(email_provider_events.c.provider_event_id).where(
                email_provider_events.c.provider_event_id == provider_event_id
            )
        ).first()
        return found is not None

    def add(self, provider_event_id: str, practice_id: str, email_id: str, kind: str, now: dt.datetime) -> None:
        self._session.execute(
            insert(email_provider_events).values(
                provider_event_id=provider_event_id,
                practice_id=practice_id,
                email_id=email_id,
                kind=kind,
                received_at=now,
            )
        )


def _address(address: str) -> str:
    return address.strip().lower()


class BouncedAddresses:
    def __init__(self, session: Session) -> None:
        self._session = session

    def blocked(self, practice_id: str, address: str) -> bool:
        found = self._session.execute(
            select(bounced_addresses.c.address).where(
                bounced_addresses.c.practice_id == practice_id, bounced_addresses.c.address == _address(address)
            )
        ).first()
        return found is not None

    def block(self, practice_id: str, address: str, email_id: str, kind: str, now: dt.datetime) -> None:
        if self.blocked(practice_id, address):
            return
        self._session.execute(
            insert(bounced_addresses).values(
                practice_id=practice_id, address=_address(address), email_id=email_id, kind=kind, at=now
            )
        )


class WithheldNotices:
    def __init__(self, session: Session) -> None:
        self._session = session

    def record(self, practice_id: str, client_id: str, cause: str, notice: str, reason: str, now: dt.datetime) -> None:
        """Once per cause: a redelivered event records nothing more."""
        found = self._session.execute(
            select(withheld_notices.c.id).where(withheld_notices.c.cause_event_id == cause)
        ).first()
        if found is not None:
            return
        self._session.execute(
            insert(withheld_notices).values(
                id=str(uuid.uuid4()),
                practice_id=practice_id,
                client_id=client_id,
                cause_event_id=cause,
                notice=notice,
                reason=reason,
                at=now,
            )
        )

    def of_client(self, practice_id: str, client_id: str) -> list[tuple[str, str]]:
        rows = self._session.execute(
            select(withheld_notices.c.notice, withheld_notices.c.reason)
            .where(withheld_notices.c.practice_id == practice_id, withheld_notices.c.client_id == client_id)
            .order_by(withheld_notices.c.at)
        ).all()
        return [(row.notice, row.reason) for row in rows]
