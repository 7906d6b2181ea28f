"""The built-in sandbox processor: cards are tokenised by its own endpoint (api/sandbox.py), so their
numbers never reach billing's tables or logs, and test cards have fixed outcomes (README):

    4242 4242 4242 4242  charged
    4000 0000 0000 0002  declined (card_declined)
    4000 0000 0000 9995  declined (insufficient_funds)
    any other number passing the Luhn check: charged

Refused when saved: an expiry date in the past (expired_card) and the security code 000
(incorrect_cvc). A card that expires after it was saved is declined when charged (expired_card).
A refund gives back part or all of a charge it made, once per reference; it refuses a charge it does
not know (charge_not_found) and more than what is left of the charge (amount_too_large).
Nothing is ever charged: this is for trying the portal and for tests.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from portalkit.clock import Clock
from sqlalchemy import Engine, func, insert, select
from sqlalchemy.exc import IntegrityError

from billing.adapters import orm
from billing.service.processor import CardDetails, CardOwner, CardRefused, ChargeOutcome, RefundOutcome

OUTCOMES = {"4000000000000002": "card_declined", "4000000000009995": "insufficient_funds"}
WRONG_CVC = "000"


class CardInvalid(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def brand_of(number: str) -> str:
    if number.startswith("4"):
        return "visa"
    if number[:2] in {"51", "52", "53", "54", "55"} or 2221 <= int(number[:4]) <= 2720:
        return "mastercard"
    if number[:2] in {"34", "37"}:
        return "amex"
    return "card"


def passes_luhn(number: str) -> bool:
    digits = [int(d) for d in reversed(number)]
    total = sum(digits[0::2]) + sum(sum(divmod(2 * d, 10)) for d in digits[1::2])
    return total % 10 == 0


def expired(exp_month: int, exp_year: int, today: dt.date) -> bool:
    return (exp_year, exp_month) < (today.year, today.month)


class SandboxProcessor:
    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    def tokenise(self, number: str, exp_month: int, exp_year: int, cvc: str) -> tuple[str, CardDetails]:
        """A token for the card, or CardInvalid / CardRefused; the number is forgotten here."""
        digits = number.replace(" ", "").replace("-", "")
        if not (digits.isdigit() and 12 <= len(digits) <= 19 and passes_luhn(digits)):
            raise CardInvalid("number", "This card number is not valid.")
        if not (cvc.isdigit() and len(cvc) in (3, 4)):
            raise CardInvalid("cvc", "The security code is 3 or 4 digits.")
        if expired(exp_month, exp_year, self._clock.now().date()):
            raise CardRefused("expired_card")
        if cvc == WRONG_CVC:
            raise CardRefused("incorrect_cvc")
        token = "tok_sandbox_" + secrets.token_urlsafe(18)
        card = {"brand": brand_of(digits), "last4": digits[-4:], "exp_month": exp_month, "exp_year": exp_year}
        with self._engine.begin() as connection:
            connection.execute(
                insert(orm.sandbox_cards).values(
                    token=token, outcome=OUTCOMES.get(digits, "succeeded"), created_at=self._clock.now(), **card
                )
            )
        return token, CardDetails(**card)

    def card_details(self, token: str) -> CardDetails:
        row = self._card(token)
        return CardDetails(row["brand"], row["last4"], row["exp_month"], row["exp_year"])

    def save_card(self, token: str, owner: CardOwner) -> CardDetails:
        """The sandbox keeps every token it made: saving is reading it."""
        return self.card_details(token)

    def charge(self, token: str, amount_cents: int, currency: str, reference: str) -> ChargeOutcome:
        """One charge per reference: asked again, the first outcome."""
        first = self._charge_of(reference)
        if first is not None:
            return first
        card = self._card(token)
        outcome = card["outcome"]
        if expired(card["exp_month"], card["exp_year"], self._clock.now().date()):
            outcome = "expired_card"
        charge_id = "ch_sandbox_" + secrets.token_urlsafe(12) if outcome == "succeeded" else None
        decline_code = None if charge_id else outcome
        row = {"token": token, "amount_cents": amount_cents, "currency": currency, "created_at": self._clock.now()}
        try:
            with self._engine.begin() as connection:
                connection.execute(
                    insert(orm.sandbox_charges).values(
                        reference=reference, charge_id=charge_id, decline_code=decline_code, **row
                    )
                )
        except IntegrityError:  # the same reference charged at the same instant: its outcome stands
            return self._charge_of(reference) or ChargeOutcome(None, "processing_error")
        return ChargeOutcome(charge_id, decline_code)

    def refund(self, charge_id: str, amount_cents: int, currency: str, reference: str) -> RefundOutcome:
        """One refund per reference: asked again, the first outcome. Never more than the charge kept."""
        first = self._refund_of(reference)
        if first is not None:
            return first
        failure = self._refusal(charge_id, amount_cents, currency)
        refund_id = None if failure else "re_sandbox_" + secrets.token_urlsafe(12)
        row = {"charge_id": charge_id, "amount_cents": amount_cents, "currency": currency}
        try:
            with self._engine.begin() as connection:
                connection.execute(
                    insert(orm.sandbox_refunds).values(
                        reference=reference,
                        refund_id=refund_id,
                        failure_code=failure,
                        created_at=self._clock.now(),
                        **row,
                    )
                )
        except IntegrityError:  # the same reference refunded at the same instant: its outcome stands
            return self._refund_of(reference) or RefundOutcome(None, "processing_error")
        return RefundOutcome(refund_id, failure)

    def _refusal(self, charge_id: str, amount_cents: int, currency: str) -> str | None:
        charges, refunds = orm.sandbox_charges, orm.sandbox_refunds
        with self._engine.connect() as connection:
            charge = connection.execute(select(charges).where(charges.c.charge_id == charge_id)).mappings().first()
            given = connection.execute(
                select(func.coalesce(func.sum(refunds.c.amount_cents), 0)).where(
                    refunds.c.charge_id == charge_id, refunds.c.refund_id.is_not(None)
                )
            ).scalar_one()
        if charge is None or charge["currency"] != currency:
            return "charge_not_found"
        if not 0 < amount_cents <= charge["amount_cents"] - given:
            return "amount_too_large"
        return None

    def _refund_of(self, reference: str) -> RefundOutcome | None:
        table = orm.sandbox_refunds
        with self._engine.connect() as connection:
            row = connection.execute(select(table).where(table.c.reference == reference)).mappings().first()
        return RefundOutcome(row["refund_id"], row["failure_code"]) if row else None

    def _card(self, token: str) -> Any:
        with self._engine.connect() as connection:
            row = (
                connection.execute(select(orm.sandbox_cards).where(orm.sandbox_cards.c.token == token))
                .mappings()
                .first()
            )
        if row is None:
            raise CardRefused("invalid_token")
        return row

    def _charge_of(self, reference: str) -> ChargeOutcome | None:
        table = orm.sandbox_charges
        with self._engine.connect() as connection:
            row = connection.execute(select(table).where(table.c.reference == reference)).mappings().first()
        return ChargeOutcome(row["charge_id"], row["decline_code"]) if row else None
