"""The ledger: every charge, adjustment, payment and refund of a client as an entry that is never
changed or removed. Amounts are positive integer cents; the kind says which way they count: a charge
adds to what the client owes, a payment and an adjustment take from it, and a refund (money given back
of a payment, domain/refund.py) adds to it again, so balance = charges - payments - adjustments + refunds."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterable


class EntryKind(enum.StrEnum):
    CHARGE = "charge"
    ADJUSTMENT = "adjustment"
    PAYMENT = "payment"
    REFUND = "refund"


# The kinds that add to what the client owes; the others take from it.
OWED = frozenset({EntryKind.CHARGE, EntryKind.REFUND})


@dataclasses.dataclass(frozen=True)
class LedgerEntry:
    id: str
    practice_id: str
    client_id: str
    invoice_id: str
    kind: EntryKind
    amount_cents: int
    currency: str
    description: str
    created_at: dt.datetime
    payment_id: str | None = None

    @property
    def signed_cents(self) -> int:
        """What the entry adds to the client's balance."""
        return self.amount_cents if self.kind in OWED else -self.amount_cents


def balance_cents(entries: Iterable[LedgerEntry]) -> int:
    """Charges - payments - adjustments + refunds."""
    return sum(entry.signed_cents for entry in entries)
