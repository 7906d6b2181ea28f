"""Events this service publishes (through the outbox, in the use case's transaction; ids, amounts and
times only, never a card's details). It consumes none yet.

- `billing.invoice.issued` (service/invoices.py `issue`), `billing.invoice.paid` (service/payments.py,
  when a payment covers what the invoice asks)
- `billing.payment.succeeded`, `billing.payment.failed` (service/payments.py, the client's payment or
  autopay's, `autopay` says which)
- `billing.autopay.enrolled`, `.card_changed`, `.unenrolled` (service/autopay.py)
"""

from __future__ import annotations

from billing.service.autopay import CARD_CHANGED, ENROLLED, UNENROLLED
from billing.service.invoices import ISSUED
from billing.service.payments import FAILED, PAID, SUCCEEDED

PUBLISHED = (ISSUED, PAID, SUCCEEDED, FAILED, ENROLLED, CARD_CHANGED, UNENROLLED)
