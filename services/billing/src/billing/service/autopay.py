"""Autopay: the client enrols with a card after reading the consent (who, when, which text, from
which address and with which card is recorded), changes the card, or turns it off."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from portalkit.errors import Problem, ValidationProblem, not_found

from billing.domain.cards import AUTOPAY_CONSENT_TEXT, AUTOPAY_CONSENT_VERSION, AutopayEnrollment
from billing.service.actors import ClientCaller

if TYPE_CHECKING:
    from billing.adapters.unit_of_work import BillingUnitOfWork

ENROLLED = "billing.autopay.enrolled"
CARD_CHANGED = "billing.autopay.card_changed"
UNENROLLED = "billing.autopay.unenrolled"


@dataclasses.dataclass(frozen=True)
class Consent:
    """What the client agreed to and where from (the request's address, as the gateway saw it)."""

    version: str
    ip_address: str


def enrollment(unit_of_work: Callable[[], BillingUnitOfWork], caller: ClientCaller) -> AutopayEnrollment | None:
    with unit_of_work() as uow:
        return uow.autopay.active(caller.practice_id, caller.client_id)


def enroll(
    unit_of_work: Callable[[], BillingUnitOfWork], caller: ClientCaller, card_id: str, consent: Consent
) -> AutopayEnrollment:
    """Enrol, or (already enrolled) charge another card from now on; the consent must be the one shown."""
    if consent.version != AUTOPAY_CONSENT_VERSION:
        raise ValidationProblem({"consent_version": ["The autopay terms changed: read them again."]})
    with unit_of_work() as uow:
        if uow.cards.get(caller.practice_id, caller.client_id, card_id) is None:
            raise ValidationProblem({"card_id": ["Choose one of your saved cards."]})
        current = uow.autopay.active(caller.practice_id, caller.client_id)
        now = uow.clock.now()
        if current:
            uow.autopay.change_card(current.id, card_id, now)
            current.card_id = card_id
            uow.publish(CARD_CHANGED, _event(current), caller.practice_id)
            uow.commit()
            return current
        made = AutopayEnrollment(
            id=str(uuid.uuid4()),
            practice_id=caller.practice_id,
            client_id=caller.client_id,
            card_id=card_id,
            consent_version=AUTOPAY_CONSENT_VERSION,
            consent_text=AUTOPAY_CONSENT_TEXT,
            enrolled_by=caller.account_id,
            enrolled_at=now,
            ip_address=consent.ip_address,
        )
        uow.autopay.enroll(made)
        uow.publish(ENROLLED, _event(made) | {"consent_version": made.consent_version}, caller.practice_id)
        uow.commit()
        return made


def unenroll(unit_of_work: Callable[[], BillingUnitOfWork], caller: ClientCaller) -> None:
    with unit_of_work() as uow:
        current = uow.autopay.active(caller.practice_id, caller.client_id)
        if current is None:
            raise not_found("Autopay enrolment")
        uow.autopay.end(current.id, caller.account_id, uow.clock.now())
        uow.publish(UNENROLLED, _event(current), caller.practice_id)
        uow.commit()


def refuse_if_off(features: dict[str, bool]) -> None:
    if not features.get("autopay", True):
        raise Problem(403, "feature-off", "Your practice does not offer autopay.", feature="autopay")


def _event(enrolled: AutopayEnrollment) -> dict[str, str]:
    return {"enrollment_id": enrolled.id, "client_id": enrolled.client_id, "card_id": enrolled.card_id}
