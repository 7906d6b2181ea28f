"""Documents between the practice and a client profile: staff share one (optionally asking the client to
acknowledge it), the client uploads their own; either side downloads what it may see, each download and
acknowledgement logged. A client reaches only their profile's documents, staff only their practice's:
anything else is 404. Events carry ids only, never a title or a file name."""

from __future__ import annotations

from portalkit.clock import utc_iso
from portalkit.errors import Problem, ValidationProblem, not_found
from portalkit.storage import ObjectStore

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain.attachments import InvalidAttachment
from messaging.domain.documents import Document, NothingToAcknowledge, Origin
from messaging.domain.threads import Side
from messaging.service.file_intake import FileIntake, StoredBytes
from messaging.service.threads import Party, PracticeDirectory

DOCUMENT_SHARED = "messaging.document.shared"
DOCUMENT_ACKNOWLEDGED = "messaging.document.acknowledged"
UPLOAD_RECEIVED = "messaging.upload.received"
# A shared document is a task for the client (portalkit's `<service>.task.assigned`, kind `document`).
TASK_ASSIGNED = "messaging.task.assigned"
DOCUMENT_EVENTS = (DOCUMENT_SHARED, DOCUMENT_ACKNOWLEDGED, UPLOAD_RECEIVED, TASK_ASSIGNED)
# (file name, bytes, size limit)
File = tuple[str, bytes, int]


def share(
    uow: MessagingUnitOfWork,
    intake: FileIntake,
    directory: PracticeDirectory,
    who: Party,
    client_id: str,
    file: File,
    title: str | None,
    needs_acknowledgement: bool,
) -> Document:
    """Staff share a file with one of the practice's clients (404 for anyone else's)."""
    if not directory.client_exists(who.practice_id, client_id):
        raise not_found("Client")
    with uow:
        document = received(
            uow, intake, Origin.PRACTICE, who, client_id, file, title, needs_acknowledgement=needs_acknowledgement
        )
        data = {"document_id": document.id, "client_id": client_id, "needs_acknowledgement": needs_acknowledgement}
        uow.publish(DOCUMENT_SHARED, data, who.practice_id)
        task = {"client_id": client_id, "task_kind": "document", "task_id": document.id}
        uow.publish(TASK_ASSIGNED, task, who.practice_id)
        uow.commit()
        return document


def upload(uow: MessagingUnitOfWork, intake: FileIntake, who: Party, file: File, title: str | None) -> Document:
    """The client's own upload, to their profile's documents."""
    with uow:
        document = received(uow, intake, Origin.CLIENT, who, str(who.client_id), file, title)
        publish_upload(uow, document, None)
        uow.commit()
        return document


def publish_upload(uow: MessagingUnitOfWork, document: Document, request_id: str | None) -> None:
    data = {"document_id": document.id, "client_id": document.client_id, "request_id": request_id}
    uow.publish(UPLOAD_RECEIVED, data, document.practice_id, version=2)


def received(
    uow: MessagingUnitOfWork,
    intake: FileIntake,
    origin: Origin,
    who: Party,
    client_id: str,
    file: File,
    title: str | None,
    needs_acknowledgement: bool = False,
) -> Document:
    now = uow.clock.now()
    try:
        document = Document.receive(
            origin, who.practice_id, client_id, who.account_id, file, title, now, needs_acknowledgement
        )
    except InvalidAttachment as error:
        raise ValidationProblem({"file": [str(error)]}) from None
    target = "upload" if origin is Origin.CLIENT else "document"
    intake.store(uow, who, target, StoredBytes(document.storage_key, file[1], document.content_type))
    uow.documents.add(document)
    return document


def client_documents(uow: MessagingUnitOfWork, who: Party, origin: Origin) -> list[Document]:
    with uow:
        return uow.documents.of_client(who.practice_id, str(who.client_id), origin)


def staff_documents(uow: MessagingUnitOfWork, who: Party, client_id: str) -> list[Document]:
    """Both ways: what the practice shared with the client and what the client uploaded."""
    with uow:
        return uow.documents.of_client(who.practice_id, client_id)


def waiting_for_client(uow: MessagingUnitOfWork, who: Party) -> int:
    with uow:
        return uow.documents.waiting_count(who.practice_id, str(who.client_id))


def _document_of(uow: MessagingUnitOfWork, who: Party, document_id: str, origin: Origin | None) -> Document:
    document = uow.documents.get(who.practice_id, document_id, lock=True)
    if document is None or (who.side is Side.CLIENT and document.client_id != who.client_id):
        raise not_found("Document")
    if origin is not None and document.origin is not origin:
        raise not_found("Document")
    return document


def download(
    uow: MessagingUnitOfWork, objects: ObjectStore, who: Party, document_id: str, origin: Origin | None = None
) -> tuple[Document, bytes]:
    """The document and its bytes; the download is logged, and the client's first one of a shared
    document marks it opened."""
    with uow:
        document = _document_of(uow, who, document_id, origin)
        now = uow.clock.now()
        uow.documents.accessed(document, who.account_id, who.side.value, "download", now)
        if who.side is Side.CLIENT and document.origin is Origin.PRACTICE:
            document.opened_by_client(now)
            uow.documents.save(document)
        data = objects.get(document.storage_key).data
        uow.commit()
        return document, data


def acknowledge(uow: MessagingUnitOfWork, who: Party, document_id: str) -> Document:
    """The client confirms having read a shared document the practice asked them to acknowledge."""
    with uow:
        document = _document_of(uow, who, document_id, Origin.PRACTICE)
        now = uow.clock.now()
        try:
            first = document.acknowledge(who.account_id, now)
        except NothingToAcknowledge as error:
            raise Problem(409, "nothing-to-acknowledge", str(error)) from None
        if first:
            uow.documents.save(document)
            uow.documents.accessed(document, who.account_id, who.side.value, "acknowledge", now)
            data = {"document_id": document.id, "client_id": document.client_id, "acknowledged_at": utc_iso(now)}
            uow.publish(DOCUMENT_ACKNOWLEDGED, data, who.practice_id)
        uow.commit()
        return document
