"""Late-cancellation and no-show fees: when scheduling reports one, the practice's fee (if it set one)
is added to the client's next invoice: the newest draft, or a new draft staff then issue."""

from __future__ import annotations

import dataclasses
import uuid
from typing import TYPE_CHECKING, Any

from portalkit.clock import parse_utc

from billing.domain.invoice import Invoice, InvoiceLine, InvoiceStatus

if TYPE_CHECKING:
    from billing.adapters.unit_of_work import BillingUnitOfWork

LATE_CANCELLED = "scheduling.appointment.late_cancelled"
NO_SHOW = "scheduling.appointment.no_show"
# The practice's author of what billing drafts on its own.
DRAFTED_BY = "billing"


@dataclasses.dataclass(frozen=True)
class FeeKind:
    service_code: str
    description: str
    setting: str


FEE_KINDS = {
    LATE_CANCELLED: FeeKind("LATE-CANCEL", "Late cancellation fee", "late_cancel_fee_cents"),
    NO_SHOW: FeeKind("NO-SHOW", "Missed appointment fee", "no_show_fee_cents"),
}


def add_fee(uow: BillingUnitOfWork, practice_id: str, event_type: str, data: dict[str, Any]) -> Invoice | None:
    """Within the consumer's unit of work (the inbox commits): the draft the fee went on, or None when
    the practice charges no such fee."""
    kind = FEE_KINDS[event_type]
    choices = uow.settings.get(practice_id)
    cents = int(getattr(choices, kind.setting))
    if not cents:
        return None
    line = InvoiceLine(parse_utc(str(data["starts_at"])).date(), kind.service_code, kind.description, cents)
    client_id = str(data["client_id"])
    draft = uow.invoices.latest_draft(practice_id, client_id)
    if draft is not None:
        uow.invoices.add_line(draft.id, line)
        return dataclasses.replace(draft, lines=(*draft.lines, line))
    made = Invoice(
        id=str(uuid.uuid4()),
        practice_id=practice_id,
        client_id=client_id,
        currency=choices.currency,
        lines=(line,),
        adjustments=(),
        status=InvoiceStatus.DRAFT,
        created_at=uow.clock.now(),
        created_by=DRAFTED_BY,
    )
    uow.invoices.add(made)
    return made
