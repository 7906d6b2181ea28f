"""The client's cards on file: saved from a processor token, one of them the default, removed when
no longer wanted (never while autopay charges it)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from portalkit.errors import Problem, not_found

from billing.domain.cards import Card
from billing.service.actors import ClientCaller
from billing.service.processor import CardOwner, CardRefused, PaymentProcessor, ProcessorUnavailable

if TYPE_CHECKING:
    from billing.adapters.unit_of_work import BillingUnitOfWork

MAX_CARDS = 5


def card_refused(decline_code: str) -> Problem:
    return Problem(
        402,
        "card-refused",
        "The card was refused.",
        "Check the number, expiry date and security code, or use another card.",
        decline_code=decline_code,
    )


def list_cards(unit_of_work: Callable[[], BillingUnitOfWork], caller: ClientCaller) -> list[Card]:
    with unit_of_work() as uow:
        return uow.cards.of_client(caller.practice_id, caller.client_id)


def add_card(
    unit_of_work: Callable[[], BillingUnitOfWork], processor: PaymentProcessor, caller: ClientCaller, token: str
) -> Card:
    """Keep what the processor says the token stands for; the first card becomes the default."""
    try:
        details = processor.save_card(token, CardOwner(caller.practice_id, caller.client_id))
    except CardRefused as refused:
        raise card_refused(refused.decline_code) from refused
    except ProcessorUnavailable as lost:
        raise Problem(
            503, "processor-unavailable", "The card processor did not answer.", "Try again in a moment."
        ) from lost
    with unit_of_work() as uow:
        held = uow.cards.of_client(caller.practice_id, caller.client_id)
        if len(held) >= MAX_CARDS:
            raise Problem(409, "too-many-cards", f"Up to {MAX_CARDS} cards can be saved.", "Remove one first.")
        card = Card(
            id=str(uuid.uuid4()),
            practice_id=caller.practice_id,
            client_id=caller.client_id,
            processor_token=token,
            brand=details.brand,
            last4=details.last4,
            exp_month=details.exp_month,
            exp_year=details.exp_year,
            is_default=not held,
            created_at=uow.clock.now(),
        )
        if not uow.cards.add(card):
            raise card_refused("token_used")
        uow.commit()
        return card


def make_default(unit_of_work: Callable[[], BillingUnitOfWork], caller: ClientCaller, card_id: str) -> Card:
    with unit_of_work() as uow:
        card = _mine(uow, caller, card_id)
        uow.cards.make_default(caller.practice_id, caller.client_id, card.id)
        uow.commit()
        card.is_default = True
        return card


def remove_card(unit_of_work: Callable[[], BillingUnitOfWork], caller: ClientCaller, card_id: str) -> None:
    """A removed default hands the default to the newest card left."""
    with unit_of_work() as uow:
        card = _mine(uow, caller, card_id)
        enrollment = uow.autopay.active(caller.practice_id, caller.client_id)
        if enrollment and enrollment.card_id == card.id:
            raise Problem(
                409, "card-in-autopay", "Autopay charges this card.", "Choose another card for autopay, or turn it off."
            )
        uow.cards.remove(card.id, uow.clock.now())
        left = uow.cards.of_client(caller.practice_id, caller.client_id)
        if card.is_default and left:
            uow.cards.make_default(caller.practice_id, caller.client_id, left[-1].id)
        uow.commit()


def _mine(uow: BillingUnitOfWork, caller: ClientCaller, card_id: str) -> Card:
    card = uow.cards.get(caller.practice_id, caller.client_id, card_id)
    if card is None:
        raise not_found("Card")
    return card
