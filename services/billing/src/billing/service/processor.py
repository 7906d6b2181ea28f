"""The port to the payment processor. Billing keeps only what `card_details` answers for a token;
the card's number and CVC go from the browser to the processor's own tokenisation."""

from __future__ import annotations

import dataclasses
from typing import Protocol


@dataclasses.dataclass(frozen=True)
class CardDetails:
    brand: str
    last4: str
    exp_month: int
    exp_year: int


@dataclasses.dataclass(frozen=True)
class ChargeOutcome:
    """`charge_id` when the card was charged, else `decline_code` (card_declined, insufficient_funds,
    expired_card, ...)."""

    charge_id: str | None
    decline_code: str | None = None

    @property
    def succeeded(self) -> bool:
        return self.charge_id is not None


@dataclasses.dataclass(frozen=True)
class RefundOutcome:
    """`refund_id` when the money went back to the card, else `failure_code` (charge_not_found,
    amount_too_large, ...)."""

    refund_id: str | None
    failure_code: str | None = None

    @property
    def succeeded(self) -> bool:
        return self.refund_id is not None


@dataclasses.dataclass(frozen=True)
class CardOwner:
    """Whose card a token becomes: a client profile of a practice (Stripe keeps one customer for it)."""

    practice_id: str
    client_id: str


class CardRefused(Exception):
    """The processor will not keep this card (unknown or used token, expired, ...)."""

    def __init__(self, decline_code: str) -> None:
        super().__init__(decline_code)
        self.decline_code = decline_code


class ProcessorUnavailable(Exception):
    """No answer from the processor (timeout, network): whether it charged is not known yet."""


class PaymentProcessor(Protocol):
    def card_details(self, token: str) -> CardDetails:
        """What a token from the processor's tokenisation stands for; raises CardRefused."""
        ...

    def save_card(self, token: str, owner: CardOwner) -> CardDetails:
        """Keep the card for `owner` so it can be charged later without them (Stripe: attached to the
        owner's customer by a confirmed SetupIntent) and answer what it is; raises CardRefused."""
        ...

    def charge(self, token: str, amount_cents: int, currency: str, reference: str) -> ChargeOutcome:
        """Charge once per `reference`: asking again with the same reference answers the first outcome
        without charging again. Raises ProcessorUnavailable when the answer is lost."""
        ...

    def refund(self, charge_id: str, amount_cents: int, currency: str, reference: str) -> RefundOutcome:
        """Refund once per `reference` (asking again answers the first outcome); ProcessorUnavailable when lost."""
        ...
