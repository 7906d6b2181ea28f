"""Tell a client that something new waits in the portal, the way their account chose (email, text or
both; email until they choose, and email while their mobile number is unconfirmed), and only with their
consent to electronic notices: without it nothing is sent and the withheld notice is recorded. A client
without a portal account they can use is told nothing (a link they cannot follow is no notice). Nothing
is sent here: the senders do it after the commit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain.account_emails import AccountEmail
from messaging.domain.invitation_email import InvalidDelivery
from messaging.domain.notice_preferences import DEFAULT
from messaging.domain.text_message import CodeText, InvalidText
from messaging.service.forms_notifications import recipient_cause
from messaging.service.notifications import EventCause, queue_for
from messaging.service.texting import queue_text

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class ClientContact:
    email: str | None
    first_name: str
    practice_name: str
    # False when the client has no portal account or it is disabled: a link they cannot use is no notice.
    can_sign_in: bool
    # The practice's logo (an absolute address), when it has one.
    logo_url: str | None = None
    # The client's own portal account (its notice preferences), and whether it accepted electronic notices.
    account_id: str | None = None
    notices_consented: bool = False


NO_CONSENT = "no consent to electronic notices"


@dataclasses.dataclass(frozen=True)
class ClientNotice:
    """One notice in both forms: `email(address, contact)` and `text(mobile, contact, now)`."""

    name: str
    email: Callable[[str, ClientContact], AccountEmail]
    text: Callable[[str, ClientContact, dt.datetime], CodeText]


@dataclasses.dataclass(frozen=True)
class Told:
    email_id: str | None = None
    text_id: str | None = None
    withheld: str | None = None


def tell_client(
    uow: MessagingUnitOfWork, contact: ClientContact, client_id: str, notice: ClientNotice, cause: EventCause
) -> Told:
    if not contact.can_sign_in or contact.account_id is None:
        log.info("client not told", extra={"client_id": client_id, "notice": notice.name, "reason": "no account"})
        return Told()
    key = recipient_cause(cause.cause_event_id, client_id)
    if not contact.notices_consented:
        uow.withheld.record(cause.practice_id, client_id, key, notice.name, NO_CONSENT, uow.clock.now())
        return Told(withheld=NO_CONSENT)
    preference = uow.preferences.get(cause.practice_id, contact.account_id) or DEFAULT
    email_id = text_id = None
    if preference.by_email and contact.email:
        try:
            email = notice.email(contact.email, contact)
        except InvalidDelivery as error:
            log.warning("cannot be emailed", extra={"recipient_id": client_id, "error": str(error)})
        else:
            email_id = queue_for(uow, email, cause, key, client_id)
    if preference.by_text and preference.confirmed_mobile:
        try:
            text = notice.text(preference.confirmed_mobile, contact, uow.clock.now())
        except InvalidText as error:
            log.warning("cannot be texted", extra={"recipient_id": client_id, "error": str(error)})
        else:
            text_id = queue_text(
                uow,
                text,
                practice_id=cause.practice_id,
                cause_event_id=key,
                correlation_id=cause.correlation_id,
                client_id=client_id,
            )
    return Told(email_id, text_id)


@dataclasses.dataclass(frozen=True)
class Channels:
    """How a reminder may go: by email, by text, and the account's own mobile number (None: the event's)."""

    email: bool
    text: bool
    mobile: str | None = None


AS_ASKED = Channels(email=True, text=True)
NONE = Channels(email=False, text=False)


def reminder_channels(
    uow: MessagingUnitOfWork, contact: ClientContact | None, client_id: str, notice: str, cause: EventCause
) -> Channels:
    """For a reminder whose address and phone the asking service chose: a client with a portal account is
    reminded only with their consent to electronic notices (else nothing, recorded) and the way the
    account chose; a client without one has consented to nothing here and is reminded as the event asks."""
    if contact is None or contact.account_id is None:
        return AS_ASKED
    if not contact.notices_consented:
        key = recipient_cause(cause.cause_event_id, client_id)
        uow.withheld.record(cause.practice_id, client_id, key, notice, NO_CONSENT, uow.clock.now())
        return NONE
    preference = uow.preferences.get(cause.practice_id, contact.account_id) or DEFAULT
    return Channels(preference.by_email, preference.by_text, preference.confirmed_mobile)
