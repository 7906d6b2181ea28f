"""The practice's billing choices: its currency and when autopay charges an issued invoice."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from portalkit.errors import ValidationProblem

from billing.domain import codes
from billing.service.actors import Staff

if TYPE_CHECKING:
    from billing.adapters.unit_of_work import BillingUnitOfWork

CURRENCIES = ("USD", "CAD", "GBP", "EUR", "AUD", "NZD")
MAX_AUTOPAY_DELAY_DAYS = 30
PROCESSORS = ("sandbox", "stripe")


MAX_FEE_CENTS = 100_000


@dataclasses.dataclass(frozen=True)
class BillingChoices:
    currency: str = "USD"
    autopay_delay_days: int = 0  # 0: at once
    # Added to the client's next invoice when scheduling reports a late cancellation or a no-show; 0: none.
    late_cancel_fee_cents: int = 0
    no_show_fee_cents: int = 0
    # The billing profile an insurer reads on a superbill ("" until staff set it).
    practice_name: str = ""
    address: str = ""  # lines separated by newlines
    npi: str = ""  # the practice's (type 2) NPI
    tax_id: str = ""  # its EIN
    # Who saves new cards and charges them: the built-in sandbox or Stripe (once the service has its keys).
    processor: str = "sandbox"


def read(unit_of_work: Callable[[], BillingUnitOfWork], practice_id: str) -> BillingChoices:
    with unit_of_work() as uow:
        return uow.settings.get(practice_id)


def change(
    unit_of_work: Callable[[], BillingUnitOfWork],
    staff: Staff,
    changes: dict[str, object],
    processors: tuple[str, ...] = ("sandbox",),
) -> BillingChoices:
    """`processors`: those the service is configured for (Stripe needs its keys)."""
    with unit_of_work() as uow:
        before = uow.settings.get(staff.practice_id)
        choices = dataclasses.replace(before, **changes)  # type: ignore[arg-type]
        _check(choices)
        if choices.processor != before.processor and choices.processor not in processors:
            raise ValidationProblem({"processor": [f"{choices.processor} is not set up for this portal yet."]})
        uow.settings.save(staff.practice_id, choices, staff.account_id, uow.clock.now())
        uow.commit()
        return choices


def _check(choices: BillingChoices) -> None:
    if choices.processor not in PROCESSORS:
        raise ValidationProblem({"processor": [f"One of {', '.join(PROCESSORS)}."]})
    if choices.currency not in CURRENCIES:
        raise ValidationProblem({"currency": [f"One of {', '.join(CURRENCIES)}."]})
    if not 0 <= choices.autopay_delay_days <= MAX_AUTOPAY_DELAY_DAYS:
        raise ValidationProblem({"autopay_delay_days": [f"From 0 (at once) to {MAX_AUTOPAY_DELAY_DAYS} days."]})
    for fee in ("late_cancel_fee_cents", "no_show_fee_cents"):
        if not 0 <= getattr(choices, fee) <= MAX_FEE_CENTS:
            raise ValidationProblem({fee: ["From 0 (no fee) to 1,000.00."]})
    if choices.npi and not codes.is_npi(choices.npi):
        raise ValidationProblem({"npi": ["A 10-digit NPI (its last digit checks the others)."]})
    if choices.tax_id and not codes.is_tax_id(choices.tax_id):
        raise ValidationProblem({"tax_id": ["An EIN of 9 digits, e.g. 12-3456789."]})


def missing_for_superbill(choices: BillingChoices) -> list[str]:
    """The profile fields a superbill cannot go without."""
    return [name for name in ("practice_name", "address", "npi", "tax_id") if not getattr(choices, name)]
