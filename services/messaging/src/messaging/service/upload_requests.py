"""Files the practice asks a client for: staff ask (a task on the client's dashboard until done), list
and cancel; the client sees the open ones on "My uploads" and uploads a file against one, which becomes
their document and fulfils the request. A client reaches only their profile's requests, staff only their
practice's clients': anything else is 404. Events carry ids only, never the request's wording."""

from __future__ import annotations

import datetime as dt

from portalkit.errors import Problem, ValidationProblem, not_found

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.domain.documents import Document, Origin
from messaging.domain.threads import Side
from messaging.domain.upload_requests import InvalidRequest, RequestClosed, RequestStatus, UploadRequest
from messaging.service.documents import TASK_ASSIGNED, File, publish_upload, received
from messaging.service.file_intake import FileIntake
from messaging.service.threads import Party, PracticeDirectory

UPLOAD_REQUESTED = "messaging.upload.requested"
UPLOAD_CANCELLED = "messaging.upload.cancelled"
# What the client sees: what is still asked and what they sent; a cancelled request is gone for them.
SHOWN_TO_CLIENT = (RequestStatus.OPEN, RequestStatus.FULFILLED)


def ask(
    uow: MessagingUnitOfWork,
    directory: PracticeDirectory,
    who: Party,
    client_id: str,
    wording: tuple[str, str | None],
    due_on: dt.date | None,
) -> UploadRequest:
    """Staff ask one of the practice's clients for a file (404 for anyone else's)."""
    if not directory.client_exists(who.practice_id, client_id):
        raise not_found("Client")
    with uow:
        try:
            request = UploadRequest.ask(who.practice_id, client_id, who.account_id, wording, due_on, uow.clock.now())
        except InvalidRequest as error:
            raise ValidationProblem({error.field: [str(error)]}) from None
        uow.upload_requests.add(request)
        uow.publish(UPLOAD_REQUESTED, {"request_id": request.id, "client_id": client_id}, who.practice_id)
        task = {"client_id": client_id, "task_kind": "upload", "task_id": request.id}
        uow.publish(TASK_ASSIGNED, task, who.practice_id)
        uow.commit()
        return request


def of_client_for_staff(uow: MessagingUnitOfWork, who: Party, client_id: str) -> list[UploadRequest]:
    """Every request made of the client, newest first (open, fulfilled and cancelled)."""
    with uow:
        return uow.upload_requests.of_client(who.practice_id, client_id, tuple(RequestStatus))


def of_client(uow: MessagingUnitOfWork, who: Party) -> list[UploadRequest]:
    with uow:
        return uow.upload_requests.of_client(who.practice_id, str(who.client_id), SHOWN_TO_CLIENT)


def cancel(uow: MessagingUnitOfWork, who: Party, request_id: str) -> UploadRequest:
    with uow:
        request = _request_of(uow, who, request_id)
        try:
            request.cancel(who.account_id, uow.clock.now())
        except RequestClosed as error:
            raise Problem(409, "request-closed", str(error)) from None
        uow.upload_requests.save(request)
        data = {"request_id": request.id, "client_id": request.client_id, "cancelled_by": who.account_id}
        uow.publish(UPLOAD_CANCELLED, data, who.practice_id)
        uow.commit()
        return request


def fulfil(
    uow: MessagingUnitOfWork, intake: FileIntake, who: Party, request_id: str, file: File
) -> tuple[UploadRequest, Document]:
    """The client's file against an open request: scanned and stored as their upload (titled as asked)."""
    with uow:
        request = _request_of(uow, who, request_id)
        if not request.is_open:
            raise Problem(409, "request-closed", f"This request was {request.status.value} already.")
        document = received(uow, intake, Origin.CLIENT, who, request.client_id, file, request.title)
        request.fulfil(document.id, uow.clock.now())
        uow.upload_requests.save(request)
        publish_upload(uow, document, request.id)
        uow.commit()
        return request, document


def _request_of(uow: MessagingUnitOfWork, who: Party, request_id: str) -> UploadRequest:
    request = uow.upload_requests.get(who.practice_id, request_id, lock=True)
    if request is None or (who.side is Side.CLIENT and request.client_id != who.client_id):
        raise not_found("Upload request")
    if who.side is Side.CLIENT and request.status is RequestStatus.CANCELLED:
        raise not_found("Upload request")
    return request
