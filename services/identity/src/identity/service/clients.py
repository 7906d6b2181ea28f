"""Staff add clients to their practice and look them up; other services read them internally."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from portalkit.errors import Problem, ValidationProblem, not_found
from sqlalchemy.exc import IntegrityError

from identity.domain.model import Account, ClientDetailsInvalid, ClientProfile, Practice
from identity.events import CLIENT_CREATED
from identity.service.unit_of_work import IdentityUnitOfWork


@dataclasses.dataclass(frozen=True)
class NewClient:
    first_name: str
    last_name: str
    email: str
    date_of_birth: dt.date | None = None
    phone: str | None = None
    other_emails: list[str] = dataclasses.field(default_factory=list)


def email_taken() -> Problem:
    return Problem(
        409,
        "client-email-exists",
        "Another client of the practice has this email address.",
        "Open that client instead, or use another address.",
    )


def create_client(uow: IdentityUnitOfWork, practice_id: str, new: NewClient) -> dict[str, Any]:
    with uow:
        client = _profile(practice_id, new, uow.clock.now())
        if uow.clients.addresses_taken(practice_id, client.addresses):
            raise email_taken()
        uow.clients.add(client)
        uow.publish(CLIENT_CREATED, {"client_id": client.id}, practice_id)
        try:
            uow.commit()
        except IntegrityError as error:  # another request took the address since we looked
            raise email_taken() from error
        return client_view(client, None)


def _profile(practice_id: str, new: NewClient, now: dt.datetime) -> ClientProfile:
    emails = [new.email, *new.other_emails]
    try:
        return ClientProfile.create(
            practice_id, new.first_name, new.last_name, emails, now, new.date_of_birth, new.phone
        )
    except ClientDetailsInvalid as error:
        raise ValidationProblem({error.field: [error.message]}) from error


def list_clients(uow: IdentityUnitOfWork, practice_id: str) -> list[dict[str, Any]]:
    with uow:
        clients = uow.clients.in_practice(practice_id)
        accounts = uow.accounts.for_clients(practice_id, [client.id for client in clients])
        return [client_view(client, accounts.get(client.id)) for client in clients]


def get_client(uow: IdentityUnitOfWork, practice_id: str, client_id: str) -> dict[str, Any]:
    with uow:
        client = uow.clients.get(practice_id, client_id)
        if client is None:
            raise not_found("Client")
        return client_view(client, uow.accounts.for_clients(practice_id, [client.id]).get(client.id))


def get_client_of_practice(uow: IdentityUnitOfWork, practice_id: str, client_id: str) -> dict[str, Any]:
    """For other services: the client with what they need to know of its practice."""
    with uow:
        found = uow.clients.with_practice(practice_id, client_id)
        if found is None:
            raise not_found("Client")
        view = client_view(found.client, found.account)
        if found.account is not None:
            # The notifier sends no email or text notice without the client's consent to electronic notices.
            view["account"]["electronic_notices"] = found.electronic_notices
        return {**view, "practice": practice_view(found.practice)}


def practice_view(practice: Practice) -> dict[str, Any]:
    return {
        "id": practice.id,
        "name": practice.name,
        "invitation_expiry_hours": practice.invitation_expiry_hours,
        "invitation_reminder_hours": practice.invitation_reminder_hours,
        "features": practice.features,
    }


def client_view(client: ClientProfile, account: Account | None) -> dict[str, Any]:
    return {
        "id": client.id,
        "first_name": client.first_name,
        "last_name": client.last_name,
        "date_of_birth": client.date_of_birth,
        "phone": client.phone,
        "emails": [{"address": e.address, "is_default": e.is_default} for e in client.emails],
        "created_at": client.created_at,
        "account": None
        if account is None
        else {"id": account.id, "status": account.status, "created_at": account.created_at},
    }
