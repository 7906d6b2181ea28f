"""Insurance: the client adds, changes and removes a primary and a secondary policy and photos of the
card's two sides; staff see them on the client's page and mark a policy verified (who, when). A change
of the details or a photo clears the verification. Each change publishes `billing.insurance.updated`
(ids only)."""

from __future__ import annotations

import dataclasses
import secrets
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from portalkit.errors import Problem, ValidationProblem, not_found
from portalkit.storage import ObjectStore, StoredObject

from billing.domain.insurance import DETAILS, RANKS, SIDES, Policy, sniff_photo_type
from billing.service.actors import ClientCaller, Staff

if TYPE_CHECKING:
    from billing.adapters.unit_of_work import BillingUnitOfWork

UPDATED = "billing.insurance.updated"


@dataclasses.dataclass(frozen=True)
class Photos:
    """Where card photos go and how large one may be."""

    store: ObjectStore
    max_bytes: int


def policies(unit_of_work: Callable[[], BillingUnitOfWork], practice_id: str, client_id: str) -> list[Policy]:
    with unit_of_work() as uow:
        return uow.insurance.of_client(practice_id, client_id)


def save(
    unit_of_work: Callable[[], BillingUnitOfWork], caller: ClientCaller, rank: str, details: dict[str, Any]
) -> Policy:
    """Add the policy of `rank`, or change its details (which then need verifying again)."""
    _check_rank(rank)
    with unit_of_work() as uow:
        now = uow.clock.now()
        current = uow.insurance.get(caller.practice_id, caller.client_id, rank)
        if current is None:
            if rank == "secondary" and uow.insurance.get(caller.practice_id, caller.client_id, "primary") is None:
                raise ValidationProblem({"rank": ["Add your primary insurance first."]})
            current = Policy(
                id=str(uuid.uuid4()),
                practice_id=caller.practice_id,
                client_id=caller.client_id,
                rank=rank,
                created_at=now,
                updated_at=now,
                updated_by=caller.account_id,
                **{name: details[name] for name in DETAILS},
            )
            uow.insurance.add(current)
            action = "added"
        else:
            changed = any(getattr(current, name) != details[name] for name in DETAILS)
            for name in DETAILS:
                setattr(current, name, details[name])
            current.updated_at, current.updated_by = now, caller.account_id
            if changed:
                current.verified_at = current.verified_by = None
            uow.insurance.save(current)
            action = "changed"
        _publish(uow, current, action)
        uow.commit()
        return current


def remove(unit_of_work: Callable[[], BillingUnitOfWork], photos: Photos, caller: ClientCaller, rank: str) -> None:
    """Remove the policy and its photos; the secondary cannot outlive the primary."""
    _check_rank(rank)
    with unit_of_work() as uow:
        current = uow.insurance.get(caller.practice_id, caller.client_id, rank)
        if current is None:
            raise not_found("Insurance policy")
        if rank == "primary" and uow.insurance.get(caller.practice_id, caller.client_id, "secondary"):
            raise Problem(409, "secondary-remains", "Remove your secondary insurance first.")
        uow.insurance.remove(current.id)
        _publish(uow, current, "removed")
        uow.commit()
    for side in SIDES:
        stored = current.photo(side)
        if stored:
            photos.store.delete(stored[0])


def put_photo(
    unit_of_work: Callable[[], BillingUnitOfWork],
    photos: Photos,
    caller: ClientCaller,
    where: tuple[str, str],
    data: bytes,
) -> Policy:
    """Keep a photo of one side of the card (rank, side), replacing the one before."""
    rank, side = where
    _check_rank(rank)
    if side not in SIDES:
        raise not_found("Card side")
    if not data:
        raise ValidationProblem({"file": ["Choose a photo of your card."]})
    if len(data) > photos.max_bytes:
        raise ValidationProblem({"file": [f"A photo may be at most {photos.max_bytes // (1024 * 1024)} MB."]})
    content_type = sniff_photo_type(data)
    if content_type is None:
        raise ValidationProblem({"file": ["Send a photo (JPEG, PNG or WebP) or a PDF."]})
    key = f"insurance/{secrets.token_hex(24)}"
    with unit_of_work() as uow:
        current = uow.insurance.get(caller.practice_id, caller.client_id, rank)
        if current is None:
            raise not_found("Insurance policy")
        # Stored first: a row never names a key that is not there (a failed commit leaves an orphan).
        photos.store.put(key, data, content_type)
        before = current.photo(side)
        setattr(current, f"{side}_key", key)
        setattr(current, f"{side}_type", content_type)
        current.updated_at, current.updated_by = uow.clock.now(), caller.account_id
        current.verified_at = current.verified_by = None
        uow.insurance.save(current)
        _publish(uow, current, "changed")
        uow.commit()
    if before:
        photos.store.delete(before[0])
    return current


def photo(
    unit_of_work: Callable[[], BillingUnitOfWork], photos: Photos, owner: tuple[str, str], where: tuple[str, str]
) -> StoredObject:
    """The photo of (rank, side) of the policy of owner (practice, client); 404 for anyone else's."""
    rank, side = where
    if rank not in RANKS or side not in SIDES:
        raise not_found("Card photo")
    with unit_of_work() as uow:
        current = uow.insurance.get(owner[0], owner[1], rank)
    stored = current.photo(side) if current else None
    if stored is None:
        raise not_found("Card photo")
    return photos.store.get(stored[0])


def verify(unit_of_work: Callable[[], BillingUnitOfWork], staff: Staff, client_id: str, rank: str) -> Policy:
    """Staff checked the policy with the payer: who and when are recorded."""
    with unit_of_work() as uow:
        current = uow.insurance.get(staff.practice_id, client_id, rank) if rank in RANKS else None
        if current is None:
            raise not_found("Insurance policy")
        current.verified_at, current.verified_by = uow.clock.now(), staff.account_id
        uow.insurance.save(current)
        _publish(uow, current, "verified")
        uow.commit()
        return current


def _check_rank(rank: str) -> None:
    if rank not in RANKS:
        raise not_found("Insurance policy")


def _publish(uow: BillingUnitOfWork, policy: Policy, action: str) -> None:
    data = {"policy_id": policy.id, "client_id": policy.client_id, "rank": policy.rank, "action": action}
    uow.publish(UPDATED, data, policy.practice_id)
