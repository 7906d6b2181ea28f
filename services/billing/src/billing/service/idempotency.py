"""Idempotency keys of payment calls (SECURITY.md, Money): the first answer to a caller's key is
kept 24 hours and replayed for the same request; the same key with another request is refused
(422), and while the first is still being answered (409).

An answer that says nothing final (the processor did not answer, the service failed) is not kept:
the key is released so that retrying it settles what the first request left pending.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from portalkit.errors import Problem

if TYPE_CHECKING:
    from billing.adapters.unit_of_work import BillingUnitOfWork

KEPT_FOR = dt.timedelta(hours=24)
# A key in flight this long belongs to a request whose process died: the next one takes it over.
IN_FLIGHT_LEASE = dt.timedelta(minutes=2)


@dataclasses.dataclass(frozen=True)
class KeyScope:
    practice_id: str
    account_id: str
    key: str

    def parts(self) -> tuple[str, str, str]:
        return (self.practice_id, self.account_id, self.key)


@dataclasses.dataclass(frozen=True)
class SavedAnswer:
    status_code: int
    body: Any


def claim(unit_of_work: Callable[[], BillingUnitOfWork], scope: KeyScope, fingerprint: str) -> SavedAnswer | None:
    """None: the request is the key's first (or the old one expired); answer it, then `finish` or
    `release`. Otherwise the answer to replay."""
    with unit_of_work() as uow:
        now = uow.clock.now()
        if uow.idempotency.insert_if_new(scope.parts(), fingerprint, now):
            uow.commit()
            return None
        row = uow.idempotency.get(scope.parts())
        if row is None:
            raise _in_flight()  # released between our insert and read: the other request is retrying
        if row["created_at"] < now - KEPT_FOR or (
            row["state"] == "in_flight" and row["locked_at"] < now - IN_FLIGHT_LEASE
        ):
            uow.idempotency.restart(scope.parts(), fingerprint, now)
            uow.commit()
            return None
        if row["fingerprint"] != fingerprint:
            raise Problem(
                422,
                "idempotency-key-reused",
                "This Idempotency-Key was used for another request.",
                "Send a new key with each new payment.",
            )
        if row["state"] != "done":
            raise _in_flight()
        return SavedAnswer(row["status_code"], row["body"])


def finish(unit_of_work: Callable[[], BillingUnitOfWork], scope: KeyScope, answer: SavedAnswer) -> None:
    with unit_of_work() as uow:
        uow.idempotency.finish(scope.parts(), answer.status_code, answer.body)
        uow.commit()


def release(unit_of_work: Callable[[], BillingUnitOfWork], scope: KeyScope) -> None:
    with unit_of_work() as uow:
        uow.idempotency.release(scope.parts())
        uow.commit()


def _in_flight() -> Problem:
    return Problem(
        409, "request-in-progress", "A request with this Idempotency-Key is still being answered.", "Try again shortly."
    )
