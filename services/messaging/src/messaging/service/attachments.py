"""Files with secure messages: uploaded into a thread first (the bytes to object storage under a random
key), then sent with a message; downloaded by either side while the message stands, each download
logged. Another practice or another client finds nothing (404)."""

from __future__ import annotations

from portalkit.errors import ValidationProblem, not_found
from portalkit.storage import ObjectStore

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain.attachments import Attachment, InvalidAttachment
from messaging.service.file_intake import FileIntake, StoredBytes
from messaging.service.threads import Party, thread_of


def upload(
    uow: MessagingUnitOfWork, intake: FileIntake, who: Party, thread_id: str, filename: str, data: bytes, limit: int
) -> Attachment:
    with uow:
        thread = thread_of(uow, who, thread_id)
        try:
            attachment = Attachment.receive(
                who.practice_id, thread.id, who.account_id, filename, data, limit, uow.clock.now()
            )
        except InvalidAttachment as error:
            raise ValidationProblem({"file": [str(error)]}) from None
        intake.store(uow, who, "attachment", StoredBytes(attachment.storage_key, data, attachment.content_type))
        uow.attachments.add(attachment)
        uow.commit()
        return attachment


def download(
    uow: MessagingUnitOfWork, objects: ObjectStore, who: Party, thread_id: str, attachment_id: str
) -> tuple[Attachment, bytes]:
    """The file and its bytes: one sent with a message that was not retracted, or the caller's own
    upload not sent yet."""
    with uow:
        thread = thread_of(uow, who, thread_id)
        attachment = uow.attachments.get(who.practice_id, thread.id, attachment_id)
        if attachment is None or not _visible(uow, who, attachment):
            raise not_found("Attachment")
        uow.attachments.downloaded(attachment, who.account_id, who.side.value, uow.clock.now())
        data = objects.get(attachment.storage_key).data
        uow.commit()
        return attachment, data


def _visible(uow: MessagingUnitOfWork, who: Party, attachment: Attachment) -> bool:
    if attachment.message_id is None:
        return attachment.uploaded_by == who.account_id
    message = uow.messages.get(who.practice_id, attachment.thread_id, attachment.message_id)
    return message is not None and not message.retracted
