"""Staff's view of the notices a client was sent, or not: the emails and texts of client notices, each
with its status (pending, sent, failed, bounced), and the notices withheld for lack of consent, newest
first. Only the practice's own clients (404 otherwise); never a message's text."""

from __future__ import annotations

from portalkit.errors import not_found

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain.notice_history import Page
from messaging.service.threads import Party, PracticeDirectory


def of_client(
    uow: MessagingUnitOfWork, directory: PracticeDirectory, who: Party, client_id: str, limit: int, offset: int
) -> Page:
    if not directory.client_exists(who.practice_id, client_id):
        raise not_found("Client")
    with uow:
        return uow.notice_history.of_client(who.practice_id, client_id, limit, offset)
