"""Staff keep a client's email addresses: add one, remove one, choose the default used for
invitations. None of this touches the address a portal account signs in with: only its owner
changes that (service/email_change.py), and it cannot be removed from the profile here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from portalkit.errors import Problem, ValidationProblem, not_found
from sqlalchemy.exc import IntegrityError

from identity.domain.model import ClientDetailsInvalid, ClientProfile, EmailInUse, EmailNotFound, normal_address
from identity.service.caller import Caller
from identity.service.clients import client_view, email_taken
from identity.service.one_time_secrets import record_account_event
from identity.service.unit_of_work import IdentityUnitOfWork


def email_not_found() -> Problem:
    return Problem(404, "email-not-found", "This client has no such address.", "Check the address.")


def sign_in_address() -> Problem:
    return Problem(
        409,
        "email-is-sign-in",
        "The client signs in with this address.",
        "Only the client can change the address they sign in with.",
    )


def add_email(uow: IdentityUnitOfWork, practice_id: str, client_id: str, address: str) -> dict[str, Any]:
    def change(client: ClientProfile) -> None:
        if uow.clients.addresses_taken(practice_id, [normal_address(address)]):
            raise email_taken()
        client.add_email(address)
        uow.clients.add(client)  # the new address row takes the practice

    return _change(uow, practice_id, client_id, change)


def remove_email(
    uow: IdentityUnitOfWork, practice_id: str, client_id: str, address: str, staff: tuple[str, Caller]
) -> dict[str, Any]:
    def change(client: ClientProfile) -> None:
        account = uow.accounts.for_clients(practice_id, [client.id]).get(client.id)
        if account is not None and account.email == normal_address(address):
            raise sign_in_address()
        client.remove_email(address)
        if account is not None:
            staff_id, caller = staff
            record_account_event(uow, practice_id, account.id, "client_email_removed", caller, actor_id=staff_id)

    return _change(uow, practice_id, client_id, change)


def make_default(uow: IdentityUnitOfWork, practice_id: str, client_id: str, address: str) -> dict[str, Any]:
    return _change(uow, practice_id, client_id, lambda client: client.make_default(address))


def _change(
    uow: IdentityUnitOfWork, practice_id: str, client_id: str, change: Callable[[ClientProfile], None]
) -> dict[str, Any]:
    with uow:
        client = uow.clients.get(practice_id, client_id)
        if client is None:
            raise not_found("Client")
        try:
            change(client)
        except ClientDetailsInvalid as error:
            raise ValidationProblem({error.field: [error.message]}) from error
        except EmailNotFound as error:
            raise email_not_found() from error
        except EmailInUse as error:
            raise Problem(409, error.code, error.title, error.detail) from error
        try:
            uow.commit()
        except IntegrityError as error:  # another request took the address since we looked
            raise email_taken() from error
        return client_view(client, uow.accounts.for_clients(practice_id, [client.id]).get(client.id))
