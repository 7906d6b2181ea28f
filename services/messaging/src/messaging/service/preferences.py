"""A client account's notice preferences: read them (email until chosen otherwise) and choose them."""

from __future__ import annotations

from portalkit.errors import ValidationProblem

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain.notice_preferences import DEFAULT, InvalidPreference, NoticePreference


def preference_of(uow: MessagingUnitOfWork, practice_id: str, account_id: str) -> NoticePreference:
    with uow:
        return uow.preferences.get(practice_id, account_id) or DEFAULT


def choose(
    uow: MessagingUnitOfWork, practice_id: str, account_id: str, channel: str, mobile: str | None
) -> NoticePreference:
    """422 naming `channel` or `mobile` when they make no preference; nothing is written then."""
    with uow:
        try:
            chosen = NoticePreference.choose(channel, mobile, uow.clock.now())
        except InvalidPreference as error:
            raise ValidationProblem(error.errors) from None
        uow.preferences.save(practice_id, account_id, chosen)
        uow.commit()
        return chosen
