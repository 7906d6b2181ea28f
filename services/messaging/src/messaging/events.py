"""Events: what messaging consumes (requests for emails) and what it publishes (how they went).

Consumed: `invitations.invitation.sent` on queue `messaging.notifications`; identity's requests for
account emails (verification, confirmation, sign-in link, password reset, sign-in address change)
and texted codes
(`identity.sms_code.requested`) on queue `messaging.identity-notifications`;
`forms.assessment.risk_flagged` and `forms.assignment.reminder_requested` on queue
`messaging.forms-notifications`; `scheduling.appointment.reminder_requested` (an email and / or a text)
on queue `messaging.scheduling-notifications`; `scheduling.request.created` and `.answered` (emails to the
staff who answer requests, then to the client) on queue `messaging.scheduling-requests`; its own
`messaging.message.sent` and `messaging.document.shared` on queue `messaging.thread-notifications` (the other
side told by email, the client by email and / or text as their account chose);
`billing.payment.failed`, `billing.payment.refunded` and `billing.estimate.issued` on queue
`messaging.billing-notifications` (the client told to pay by hand, that a refund was issued, or that a
Good Faith Estimate waits to be read).
Published: `messaging.email.sent` and `messaging.email.failed` (see service/sending.py),
`messaging.email.bounced` (the provider's webhook, service/provider_reports.py),
`messaging.sms.sent` and `messaging.sms.failed` (service/texting.py); `messaging.mobile.confirmed`
(service/preferences.py); the threads' events
(`messaging.thread.started`, `messaging.message.sent`, `.retracted`, `messaging.thread.assigned`,
`.archived`: ids only, see service/threads.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from portalkit.broker import PoisonMessage
from portalkit.clock import parse_utc
from portalkit.events import Envelope
from portalkit.inbox import Handler
from portalkit.sealed import Sealer, SealError

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain import account_emails, appointment_reminders, client_notices
from messaging.domain.forms_emails import plain_date, reminder_email
from messaging.domain.invitation_email import InvalidDelivery, InvitationDelivery
from messaging.domain.text_message import CodeText, InvalidText, code_text
from messaging.service.appointment_requests import queue_request_emails, tell_of_answer
from messaging.service.billing_notifications import (
    billing_link,
    estimate_notice,
    payment_failed_notice,
    refund_notice,
)
from messaging.service.client_notices import ClientNotice, reminder_channels
from messaging.service.documents import DOCUMENT_EVENTS, DOCUMENT_SHARED
from messaging.service.forms_notifications import StaffDirectory, UnknownPractice, queue_attention_emails
from messaging.service.notifications import EventCause, queue_account_email, queue_for, queue_invitation_email
from messaging.service.preferences import MOBILE_CONFIRMED
from messaging.service.provider_reports import EMAIL_BOUNCED
from messaging.service.sending import EMAIL_FAILED, EMAIL_SENT
from messaging.service.texting import SMS_FAILED, SMS_SENT, queue_text
from messaging.service.thread_notifications import (
    ClientContacts,
    UnknownClient,
    queue_document_notice,
    queue_new_message_emails,
    tell_client_if_known,
)
from messaging.service.threads import MESSAGE_SENT, THREAD_EVENTS
from messaging.service.upload_requests import UPLOAD_CANCELLED, UPLOAD_REQUESTED

NOTIFICATIONS_QUEUE = "messaging.notifications"
INVITATION_SENT = "invitations.invitation.sent"
INVITATION_REMINDED = "invitations.invitation.reminded"
IDENTITY_NOTIFICATIONS_QUEUE = "messaging.identity-notifications"
EMAIL_VERIFICATION_REQUESTED = "identity.email_verification.requested"
ACCOUNT_CONFIRMATION_REQUESTED = "identity.account_confirmation.requested"
SIGN_IN_LINK_REQUESTED = "identity.sign_in_link.requested"
PASSWORD_RESET_REQUESTED = "identity.password_reset.requested"
SMS_CODE_REQUESTED = "identity.sms_code.requested"
EMAIL_CHANGE_REQUESTED = "identity.email_change.requested"
EMAIL_CHANGE_NOTICE_REQUESTED = "identity.email_change_notice.requested"
ACCOUNT_EMAIL_REQUESTS = (
    EMAIL_VERIFICATION_REQUESTED,
    ACCOUNT_CONFIRMATION_REQUESTED,
    SIGN_IN_LINK_REQUESTED,
    PASSWORD_RESET_REQUESTED,
    EMAIL_CHANGE_REQUESTED,
    EMAIL_CHANGE_NOTICE_REQUESTED,
)
FORMS_NOTIFICATIONS_QUEUE = "messaging.forms-notifications"
RISK_FLAGGED = "forms.assessment.risk_flagged"
REMINDER_REQUESTED = "forms.assignment.reminder_requested"
SCHEDULING_NOTIFICATIONS_QUEUE = "messaging.scheduling-notifications"
APPOINTMENT_REMINDER_REQUESTED = "scheduling.appointment.reminder_requested"
PUBLISHED = (EMAIL_SENT, EMAIL_FAILED, EMAIL_BOUNCED, SMS_SENT, SMS_FAILED, *THREAD_EVENTS)
# Documents shared with clients and clients' uploads (ids only, see service/documents.py).
PUBLISHED += DOCUMENT_EVENTS
# Files staff ask a client for (service/upload_requests.py); fulfilled by `messaging.upload.received` v2.
PUBLISHED += (UPLOAD_REQUESTED, UPLOAD_CANCELLED)
# A client confirmed the mobile number their notices may be texted to (service/preferences.py).
PUBLISHED += (MOBILE_CONFIRMED,)


def notification_handlers(sealer: Sealer) -> dict[str, Handler]:
    def invitation_email(reminder: bool) -> Handler:
        def on_event(uow: MessagingUnitOfWork, envelope: Envelope) -> None:
            queue_invitation_email(
                uow,
                open_invitation_delivery(sealer, envelope.data),
                practice_id=envelope.practice_id,
                cause_event_id=envelope.id,
                correlation_id=envelope.correlation_id,
                reminder=reminder,
                client_id=_client_of(envelope.data),
            )

        return on_event

    return {INVITATION_SENT: invitation_email(reminder=False), INVITATION_REMINDED: invitation_email(reminder=True)}


def _client_of(data: Mapping[str, Any]) -> str | None:
    """The client profile an event is about, when it names one (older tests' events may not)."""
    client_id = data.get("client_id")
    return str(client_id) if client_id else None


def open_invitation_delivery(sealer: Sealer, data: Mapping[str, Any]) -> InvitationDelivery:
    """The sealed delivery details; a message whose details can never be read is poison."""
    try:
        sealed = sealer.unseal(str(data["delivery"]))
        return InvitationDelivery(
            to=str(sealed["to"]),
            recipient_name=str(sealed.get("recipient_name") or ""),
            first_name=str(sealed.get("first_name") or ""),
            practice_name=str(sealed.get("practice_name") or ""),
            accept_url=str(sealed["accept_url"]),
            expires_at=parse_utc(str(sealed.get("expires_at") or data["expires_at"])),
        )
    except (SealError, KeyError, ValueError, TypeError) as error:
        # Only the kind of failure goes to the log: the details hold an address and a link.
        raise PoisonMessage(f"invitation delivery unreadable: {_kind(error)}") from None


def _kind(error: Exception) -> str:
    if isinstance(error, (SealError, InvalidDelivery, InvalidText)):
        return str(error)
    return type(error).__name__


def identity_notification_handlers(sealer: Sealer) -> dict[str, Handler]:
    def on_account_email(uow: MessagingUnitOfWork, envelope: Envelope) -> None:
        queue_account_email(
            uow,
            open_account_delivery(sealer, envelope.type, envelope.data),
            practice_id=envelope.practice_id,
            cause_event_id=envelope.id,
            correlation_id=envelope.correlation_id,
        )

    def on_sms_code(uow: MessagingUnitOfWork, envelope: Envelope) -> None:
        queue_text(
            uow,
            open_sms_delivery(sealer, envelope.data),
            practice_id=envelope.practice_id,
            cause_event_id=envelope.id,
            correlation_id=envelope.correlation_id,
        )

    return {**dict.fromkeys(ACCOUNT_EMAIL_REQUESTS, on_account_email), SMS_CODE_REQUESTED: on_sms_code}


def open_sms_delivery(sealer: Sealer, data: Mapping[str, Any]) -> CodeText:
    """The text a sealed delivery asks for; one that can never be read or sent is poison."""
    try:
        sealed = sealer.unseal(str(data["delivery"]))
        expires_at = parse_utc(str(sealed.get("expires_at") or data["expires_at"]))
        return code_text(str(data.get("purpose") or "sign_in"), sealed, expires_at)
    except (SealError, InvalidText, KeyError, ValueError, TypeError) as error:
        raise PoisonMessage(f"sms delivery unreadable: {_kind(error)}") from None


def _account_template(event_type: str, data: Mapping[str, Any]) -> str:
    if event_type == PASSWORD_RESET_REQUESTED:
        return (
            account_emails.PASSWORD_RESET_LINK if data.get("method") == "link" else account_emails.PASSWORD_RESET_CODE
        )
    return {
        EMAIL_VERIFICATION_REQUESTED: account_emails.EMAIL_VERIFICATION,
        ACCOUNT_CONFIRMATION_REQUESTED: account_emails.ACCOUNT_CONFIRMATION,
        SIGN_IN_LINK_REQUESTED: account_emails.SIGN_IN_LINK,
        EMAIL_CHANGE_REQUESTED: account_emails.EMAIL_CHANGE,
        EMAIL_CHANGE_NOTICE_REQUESTED: account_emails.EMAIL_CHANGE_NOTICE,
    }[event_type]


def open_account_delivery(sealer: Sealer, event_type: str, data: Mapping[str, Any]) -> account_emails.AccountEmail:
    """The account email a sealed delivery asks for; one that can never be read or sent is poison."""
    try:
        sealed = sealer.unseal(str(data["delivery"]))
        expiry = sealed.get("expires_at") or data.get("expires_at")
        expires_at = parse_utc(str(expiry)) if expiry else None
        return account_emails.account_email(_account_template(event_type, data), sealed, expires_at)
    except (SealError, KeyError, ValueError, TypeError) as error:
        raise PoisonMessage(f"account email delivery unreadable: {_kind(error)}") from None


def forms_notification_handlers(
    sealer: Sealer, directory: StaffDirectory, public_base_url: str, contacts: ClientContacts
) -> dict[str, Handler]:
    def on_risk_flagged(uow: MessagingUnitOfWork, envelope: Envelope) -> None:
        try:
            queue_attention_emails(
                uow,
                directory,
                public_base_url,
                practice_id=envelope.practice_id,
                assignment_id=str(envelope.data["assignment_id"]),
                cause_event_id=envelope.id,
                correlation_id=envelope.correlation_id,
            )
        except UnknownPractice:
            raise PoisonMessage("risk flag of a practice identity does not know") from None

    def on_reminder(uow: MessagingUnitOfWork, envelope: Envelope) -> None:
        email = open_reminder_delivery(sealer, envelope.data)
        client_id = str(envelope.data["client_id"])
        cause = EventCause(envelope.practice_id, envelope.id, envelope.correlation_id)
        contact = contacts.contact(envelope.practice_id, client_id)
        channels = reminder_channels(uow, contact, client_id, email.template, cause)
        if channels.email:
            queue_for(uow, email, cause, envelope.id, client_id)
        if channels.text and channels.mobile and email.button:
            due = plain_date(_due_on(envelope.data["due_on"]))
            text = client_notices.task_reminder_text(
                channels.mobile, email.practice_name, email.button[1], due, uow.clock.now()
            )
            queue_text(
                uow,
                text,
                practice_id=cause.practice_id,
                cause_event_id=envelope.id,
                correlation_id=cause.correlation_id,
                client_id=client_id,
            )

    return {RISK_FLAGGED: on_risk_flagged, REMINDER_REQUESTED: on_reminder}


def open_reminder_delivery(sealer: Sealer, data: Mapping[str, Any]) -> account_emails.AccountEmail:
    """The client's reminder a sealed delivery asks for; one that can never be read or sent is poison."""
    try:
        sealed = sealer.unseal(str(data["delivery"]))
        return reminder_email(sealed, _due_on(data.get("due_on") or sealed["due_on"]))
    except (SealError, KeyError, ValueError, TypeError) as error:
        raise PoisonMessage(f"reminder delivery unreadable: {_kind(error)}") from None


def _due_on(value: Any) -> dt.date:
    """The event's date as read (a date) or as sent (ISO text)."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def scheduling_notification_handlers(sealer: Sealer, contacts: ClientContacts) -> dict[str, Handler]:
    def on_appointment_reminder(uow: MessagingUnitOfWork, envelope: Envelope) -> None:
        delivery = _opened_reminder(sealer, envelope.data)
        client_id = str(envelope.data["client_id"])
        cause = {"practice_id": envelope.practice_id, "cause_event_id": envelope.id, "client_id": client_id}
        if not (delivery.get("email") or delivery.get("phone")):
            raise PoisonMessage("appointment reminder with neither an address nor a phone")
        event = EventCause(envelope.practice_id, envelope.id, envelope.correlation_id)
        contact = contacts.contact(envelope.practice_id, client_id)
        channels = reminder_channels(uow, contact, client_id, appointment_reminders.APPOINTMENT_REMINDER, event)
        phone = channels.mobile or delivery.get("phone")
        try:
            if delivery.get("email") and channels.email:
                email = appointment_reminders.reminder_email(delivery)
                queue_account_email(uow, email, correlation_id=envelope.correlation_id, **cause)
            if phone and channels.text:
                starts_at = parse_utc(str(envelope.data["starts_at"]))
                text = appointment_reminders.reminder_text({**delivery, "phone": phone}, starts_at)
                queue_text(uow, text, correlation_id=envelope.correlation_id, **cause)
        except (InvalidDelivery, InvalidText, ValueError) as error:
            raise PoisonMessage(f"appointment reminder unusable: {_kind(error)}") from None

    return {APPOINTMENT_REMINDER_REQUESTED: on_appointment_reminder}


def _opened_reminder(sealer: Sealer, data: Mapping[str, Any]) -> Mapping[str, Any]:
    try:
        return sealer.unseal(str(data["delivery"]))
    except (SealError, KeyError) as error:
        raise PoisonMessage(f"appointment reminder unreadable: {_kind(error)}") from None


# Secure threads: a new message tells the other side that something waits in the portal.
THREAD_NOTIFICATIONS_QUEUE = "messaging.thread-notifications"


def thread_notification_handlers(
    contacts: ClientContacts, staff: StaffDirectory, public_base_url: str
) -> dict[str, Handler]:
    def on_message_sent(uow: MessagingUnitOfWork, envelope: Envelope) -> None:
        cause = EventCause(envelope.practice_id, envelope.id, envelope.correlation_id)
        try:
            queue_new_message_emails(uow, contacts, staff, public_base_url, envelope.data, cause)
        except (UnknownClient, UnknownPractice):
            raise PoisonMessage("new message of a client or practice identity does not know") from None

    def on_document_shared(uow: MessagingUnitOfWork, envelope: Envelope) -> None:
        cause = EventCause(envelope.practice_id, envelope.id, envelope.correlation_id)
        try:
            queue_document_notice(uow, contacts, public_base_url, envelope.data, cause)
        except UnknownClient:
            raise PoisonMessage("shared document of a client identity does not know") from None

    # Documents the practice shared tell the client too (same queue: the same identity lookups).
    return {MESSAGE_SENT: on_message_sent, DOCUMENT_SHARED: on_document_shared}


# Clients' requests to reschedule or cancel (scheduling.request.*): staff are told one was made, the
# client that it was answered (service/appointment_requests.py).
SCHEDULING_REQUESTS_QUEUE = "messaging.scheduling-requests"
REQUEST_CREATED = "scheduling.request.created"
REQUEST_ANSWERED = "scheduling.request.answered"


def scheduling_request_handlers(
    directory: StaffDirectory, contacts: ClientContacts, public_base_url: str
) -> dict[str, Handler]:
    def cause_of(envelope: Envelope) -> EventCause:
        return EventCause(envelope.practice_id, envelope.id, envelope.correlation_id)

    def on_created(uow: MessagingUnitOfWork, envelope: Envelope) -> None:
        data = envelope.data
        try:
            queue_request_emails(
                uow, directory, public_base_url, cause_of(envelope), str(data["clinician_id"]), str(data["kind"])
            )
        except UnknownPractice:
            raise PoisonMessage("request of a practice identity does not know") from None
        except (KeyError, ValueError) as error:
            raise PoisonMessage(f"appointment request unusable: {_kind(error)}") from None

    def on_answered(uow: MessagingUnitOfWork, envelope: Envelope) -> None:
        data = envelope.data
        try:
            answer = (str(data["kind"]), data["status"] == "approved")
            tell_of_answer(uow, contacts, public_base_url, cause_of(envelope), str(data["client_id"]), answer)
        except (KeyError, ValueError) as error:
            raise PoisonMessage(f"appointment request answer unusable: {_kind(error)}") from None

    return {REQUEST_CREATED: on_created, REQUEST_ANSWERED: on_answered}


# Billing: a declined charge (autopay's or the client's own) tells the client to sign in and pay, and a
# refund that went through tells them one was issued (service/billing_notifications.py), once per event.
BILLING_NOTIFICATIONS_QUEUE = "messaging.billing-notifications"
PAYMENT_FAILED = "billing.payment.failed"
PAYMENT_REFUNDED = "billing.payment.refunded"
ESTIMATE_ISSUED = "billing.estimate.issued"


def billing_notification_handlers(contacts: ClientContacts, public_base_url: str) -> dict[str, Handler]:
    link = billing_link(public_base_url)

    def telling(notice: ClientNotice, what: str) -> Handler:
        def handle(uow: MessagingUnitOfWork, envelope: Envelope) -> None:
            cause = EventCause(envelope.practice_id, envelope.id, envelope.correlation_id)
            try:
                tell_client_if_known(uow, contacts, str(envelope.data["client_id"]), notice, cause)
            except KeyError as error:
                raise PoisonMessage(f"{what} unusable: {_kind(error)}") from None

        return handle

    return {
        PAYMENT_FAILED: telling(payment_failed_notice(link), "failed payment"),
        PAYMENT_REFUNDED: telling(refund_notice(link), "refund"),
        ESTIMATE_ISSUED: telling(estimate_notice(f"{link}#estimates"), "estimate"),
    }
