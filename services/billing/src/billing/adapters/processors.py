"""The processors this service can use: the sandbox always, Stripe when its keys are set. A new card is
saved by the practice's choice (billing settings); a saved card is charged by the processor that
saved it, which its token names (Stripe's PaymentMethods are `pm_...`), so cards saved before a
practice changes processor are still charged where they live; a charge is refunded where it was made
(Stripe's are its PaymentIntents, `pi_...`)."""

from __future__ import annotations

from billing.adapters.stripe import is_stripe_charge, is_stripe_token
from billing.service.processor import (
    CardDetails,
    CardOwner,
    CardRefused,
    ChargeOutcome,
    PaymentProcessor,
    ProcessorUnavailable,
    RefundOutcome,
)

SANDBOX = "sandbox"
STRIPE = "stripe"


class Processors:
    def __init__(self, sandbox: PaymentProcessor, stripe: PaymentProcessor | None = None) -> None:
        self._by_name = {SANDBOX: sandbox} | ({STRIPE: stripe} if stripe is not None else {})

    def available(self) -> tuple[str, ...]:
        return tuple(self._by_name)

    def named(self, name: str) -> PaymentProcessor:
        """The practice's choice; one no longer configured refuses every new card."""
        return self._by_name.get(name) or _NotConfigured()

    def _of(self, token: str) -> PaymentProcessor:
        return self.named(STRIPE if is_stripe_token(token) else SANDBOX)

    # The port, each call to the processor that issued the token.
    def card_details(self, token: str) -> CardDetails:
        return self._of(token).card_details(token)

    def save_card(self, token: str, owner: CardOwner) -> CardDetails:
        return self._of(token).save_card(token, owner)

    def charge(self, token: str, amount_cents: int, currency: str, reference: str) -> ChargeOutcome:
        return self._of(token).charge(token, amount_cents, currency, reference)

    def refund(self, charge_id: str, amount_cents: int, currency: str, reference: str) -> RefundOutcome:
        processor = self.named(STRIPE if is_stripe_charge(charge_id) else SANDBOX)
        return processor.refund(charge_id, amount_cents, currency, reference)


class _NotConfigured:
    """A processor whose keys were taken away: its cards cannot be saved; a charge waits (pending) until
    they are set again."""

    def card_details(self, token: str) -> CardDetails:
        raise CardRefused("processor_not_configured")

    def save_card(self, token: str, owner: CardOwner) -> CardDetails:
        raise CardRefused("processor_not_configured")

    def charge(self, token: str, amount_cents: int, currency: str, reference: str) -> ChargeOutcome:
        raise ProcessorUnavailable("This card's processor is not configured")

    def refund(self, charge_id: str, amount_cents: int, currency: str, reference: str) -> RefundOutcome:
        raise ProcessorUnavailable("This charge's processor is not configured")
