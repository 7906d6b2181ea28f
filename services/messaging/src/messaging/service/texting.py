"""Texts: queue the one an event asks for (nothing is sent inside the handler), and send the due
ones after, one transaction each, telling the system how it went (`messaging.sms.sent` / `.failed`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from portalkit import context

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.adapters.sms import Sms, SmsError, SmsSender
from messaging.domain.text_message import FAILED, CodeText, OutboundText

SMS_SENT = "messaging.sms.sent"
SMS_FAILED = "messaging.sms.failed"
BATCH_SIZE = 10


def queue_text(
    uow: MessagingUnitOfWork,
    text: CodeText,
    *,
    practice_id: str,
    cause_event_id: str,
    correlation_id: str,
    client_id: str | None = None,
) -> str:
    """The id of the text for this event, queued now unless it already was (`client_id`: the client it tells)."""
    existing = uow.texts.for_cause(cause_event_id)
    if existing is not None:
        return existing.id
    queued = OutboundText.queue(
        practice_id=practice_id,
        cause_event_id=cause_event_id,
        correlation_id=correlation_id,
        text=text,
        now=uow.clock.now(),
        client_id=client_id,
    )
    uow.texts.add(queued)
    return queued.id


def send_due_texts(
    uow_factory: Callable[[], MessagingUnitOfWork], sender: SmsSender, max_attempts: int
) -> list[OutboundText]:
    attempted: list[OutboundText] = []
    for _ in range(BATCH_SIZE):
        with uow_factory() as uow:
            text = send_next_due_text(uow, sender, max_attempts)
        if text is None:
            break
        attempted.append(text)
    return attempted


def send_next_due_text(uow: MessagingUnitOfWork, sender: SmsSender, max_attempts: int) -> OutboundText | None:
    now = uow.clock.now()
    text = uow.texts.next_due(now)
    if text is None:
        return None
    context.correlation_id.set(text.correlation_id)
    context.causation_id.set(text.cause_event_id)
    try:
        if now >= text.expires_at:
            raise SmsError("the code expired before it could be sent", permanent=True)
        sender.send(Sms(text.id, text.recipient, text.body or ""))
    except SmsError as error:
        text.record_failure(error.reason, now, max_attempts, permanent=error.permanent)
        if text.status == FAILED:
            uow.publish(SMS_FAILED, {**_outcome(text), "reason": error.reason}, text.practice_id)
    else:
        text.mark_sent(now)
        uow.publish(SMS_SENT, _outcome(text), text.practice_id)
    uow.texts.save(text)
    uow.commit()
    return text


def _outcome(text: OutboundText) -> dict[str, Any]:
    return {
        "sms_id": text.id,
        "template": text.template,
        "cause_event_id": text.cause_event_id,
        "attempts": text.attempts,
    }
