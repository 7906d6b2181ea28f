"""An invoice asks its fees less its adjustments; the balance is charges - payments - adjustments."""

import datetime as dt

import pytest
from billing.domain.invoice import Adjustment, Invoice, InvoiceLine, InvoiceRefused, InvoiceStatus, check_new_invoice
from billing.domain.ledger import EntryKind, LedgerEntry, balance_cents

NOW = dt.datetime(2026, 12, 3, 15, tzinfo=dt.UTC)
SESSION = InvoiceLine(dt.date(2026, 12, 1), "90834", "Psychotherapy, 45 min", 15000)


def invoice(*lines, adjustments=()):
    return Invoice("i-1", "p-1", "c-1", "USD", lines, adjustments, InvoiceStatus.DRAFT, NOW, "staff-1")


def entry(kind, cents):
    return LedgerEntry("e", "p-1", "c-1", "i-1", kind, cents, "USD", "", NOW)


def test_the_total_is_the_fees_less_the_adjustments():
    made = invoice(SESSION, SESSION, adjustments=(Adjustment("Sliding scale", 5000),))

    assert (made.charges_cents, made.adjustments_cents, made.total_cents) == (30000, 5000, 25000)


def test_an_invoice_is_paid_once_its_payments_cover_it():
    made = invoice(SESSION)
    made.issue(NOW)

    made.record_payment(10000, NOW)
    partly = made.status
    made.record_payment(5000, NOW)

    assert partly is InvoiceStatus.ISSUED and made.status is InvoiceStatus.PAID and made.due_cents == 0


def test_an_invoice_is_issued_once():
    made = invoice(SESSION)
    made.issue(NOW)

    with pytest.raises(InvoiceRefused):
        made.issue(NOW)


@pytest.mark.parametrize(
    ("lines", "adjustments", "field"),
    [
        ((), (), "lines"),
        ((InvoiceLine(dt.date(2026, 12, 1), "90834", "Free", 0),), (), "lines.0.fee_cents"),
        ((SESSION,), (Adjustment("Too much", 15001),), "adjustments"),
        ((SESSION,), (Adjustment("Nothing", 0),), "adjustments.0.amount_cents"),
    ],
)
def test_an_invoice_must_ask_for_something_sensible(lines, adjustments, field):
    with pytest.raises(InvoiceRefused) as refused:
        check_new_invoice(lines, adjustments)

    assert refused.value.field == field


def test_the_balance_is_charges_less_payments_less_adjustments():
    entries = [entry(EntryKind.CHARGE, 15000), entry(EntryKind.ADJUSTMENT, 2000), entry(EntryKind.PAYMENT, 10000)]

    assert balance_cents(entries) == 3000
