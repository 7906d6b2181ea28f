"""The ledger: every charge, adjustment and payment of a client as an entry that is never changed or
removed. Amounts are positive integer cents; the kind says which way they count."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Iterable


class EntryKind(enum.StrEnum):
    CHARGE = "charge"
    ADJUSTMENT = "adjustment"
    PAYMENT = "payment"


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
        return self.amount_cents if self.kind is EntryKind.CHARGE else -self.amount_cents


def balance_cents(entries: Iterable[LedgerEntry]) -> int:
    """Charges - payments - adjustments."""
    return sum(entry.signed_cents for entry in entries)
