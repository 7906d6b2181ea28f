"""Refunds: the rules of what a payment can give back, the ledger's sign of a refund, and the refund
use case on the fake processor (in memory) and a throwaway SQLite database."""

import datetime as dt
import functools

import pytest
from billing.adapters import orm
from billing.adapters.unit_of_work import BillingUnitOfWork
from billing.domain.cards import Card
from billing.domain.documents import statement_of
from billing.domain.invoice import Invoice, InvoiceLine, InvoiceStatus
from billing.domain.ledger import EntryKind, LedgerEntry, balance_cents
from billing.domain.refund import Refund, RefundRefused, RefundStatus, check_refund, refundable_cents
from billing.service import payments, refunds
from billing.service.actors import Staff
from portalkit.clock import FixedClock
from portalkit.db import make_engine, make_session_factory
from portalkit.errors import Problem, ValidationProblem

NOW = dt.datetime(2026, 12, 3, 15, tzinfo=dt.UTC)
CLIENT, INVOICE = "0b9c8a52-3f0e-4c4e-9a55-1c2d3e4f5a6b", "5e0c6d1a-7b8c-4d9e-8f10-2a3b4c5d6e7f"
STAFF = Staff("p-1", "staff-1", "billing")


def a_refund(cents, status):
    return Refund(
        "r", "p-1", CLIENT, "pay", INVOICE, cents, "USD", "Overcharged", status, NOW, "staff-1", "billing", "ip"
    )


def test_pending_and_succeeded_refunds_take_from_what_is_left_and_failed_ones_do_not():
    given = [a_refund(3000, RefundStatus.SUCCEEDED), a_refund(2000, RefundStatus.PENDING)]

    assert refundable_cents(13000, given) == 8000
    assert refundable_cents(13000, [*given, a_refund(8000, RefundStatus.FAILED)]) == 8000
    assert refundable_cents(5000, given) == 0


@pytest.mark.parametrize(
    ("amount", "reason", "field"),
    [
        (0, "ok", "amount_cents"),
        (-5, "ok", "amount_cents"),
        (10.5, "ok", "amount_cents"),
        (True, "ok", "amount_cents"),
        (8001, "ok", "amount_cents"),
        (100, " ", "reason"),
        (100, "x" * 201, "reason"),
    ],
)
def test_a_refund_is_whole_cents_above_zero_within_what_is_left_and_says_why(amount, reason, field):
    with pytest.raises(RefundRefused) as refused:
        check_refund(amount, reason, 8000)

    assert refused.value.field == field


def test_a_refund_adds_back_to_the_balance_and_to_the_statement():
    def entry(kind, cents):
        return LedgerEntry("e", "p-1", CLIENT, INVOICE, kind, cents, "USD", "x", NOW)

    ledger = [entry(EntryKind.CHARGE, 15000), entry(EntryKind.ADJUSTMENT, 2000), entry(EntryKind.PAYMENT, 13000)]
    ledger.append(entry(EntryKind.REFUND, 3000))
    statement = statement_of(ledger, NOW.date(), NOW.date())

    assert balance_cents(ledger) == 3000
    assert statement.refunds_cents == 3000 and statement.closing_cents == 3000


def test_a_refund_opens_a_paid_invoice_again_for_what_it_gave_back():
    line = InvoiceLine(NOW.date(), "90834", "Session", 15000)
    invoice = Invoice(INVOICE, "p-1", CLIENT, "USD", (line,), (), InvoiceStatus.ISSUED, NOW, "s", issued_at=NOW)
    invoice.record_payment(15000, NOW)

    invoice.record_refund(4000)

    assert invoice.status is InvoiceStatus.ISSUED and invoice.due_cents == 4000 and invoice.paid_at is None


@pytest.fixture
def clock():
    return FixedClock(NOW)


@pytest.fixture
def unit_of_work(clock):
    engine = make_engine("sqlite://")
    orm.metadata.create_all(engine)
    yield functools.partial(BillingUnitOfWork, make_session_factory(engine), clock)
    engine.dispose()


@pytest.fixture
def paid(unit_of_work, fake_processor):
    """A payment of 150.00 that went through."""
    line = InvoiceLine(NOW.date(), "90834", "Session", 15000)
    invoice = Invoice(INVOICE, "p-1", CLIENT, "USD", (line,), (), InvoiceStatus.ISSUED, NOW, "staff-1", issued_at=NOW)
    with unit_of_work() as uow:
        uow.invoices.add(invoice)
        uow.cards.add(Card("card-1", "p-1", CLIENT, "tok_ok", "visa", "4242", 12, 2030, True, NOW))
        uow.commit()
    return payments.pay(unit_of_work, fake_processor, payments.Payer("p-1", CLIENT), INVOICE, "card-1")


def ask(payment_id, cents, key=None):
    return refunds.RefundRequest(payment_id, cents, "Session cancelled", "127.0.0.1", key)


def test_a_refund_is_given_once_into_the_ledger_with_its_event(unit_of_work, fake_processor, paid):
    done = refunds.refund(unit_of_work, fake_processor, STAFF, ask(paid.id, 5000))

    with unit_of_work() as uow:
        ledger = uow.ledger.of_client("p-1", CLIENT)
        invoice = uow.invoices.get("p-1", INVOICE)
    assert done.status is RefundStatus.SUCCEEDED and list(fake_processor.refunds) == [done.id]
    assert [(e.kind.value, e.amount_cents) for e in ledger] == [("payment", 15000), ("refund", 5000)]
    assert balance_cents(ledger) - balance_cents(ledger[:1]) == 5000
    assert invoice.status is InvoiceStatus.ISSUED and invoice.due_cents == 5000
    assert (done.requested_by, done.requested_role, done.requested_ip) == ("staff-1", "billing", "127.0.0.1")


def test_never_more_than_the_payment_kept(unit_of_work, fake_processor, paid):
    refunds.refund(unit_of_work, fake_processor, STAFF, ask(paid.id, 10000))

    with pytest.raises(ValidationProblem) as too_much:
        refunds.refund(unit_of_work, fake_processor, STAFF, ask(paid.id, 5001))
    rest = refunds.refund(unit_of_work, fake_processor, STAFF, ask(paid.id, 5000))

    assert "amount_cents" in too_much.value.to_dict()["errors"]
    assert rest.status is RefundStatus.SUCCEEDED and len(fake_processor.refunds) == 2


def test_another_practices_payment_is_not_found(unit_of_work, fake_processor, paid):
    with pytest.raises(Problem) as missing:
        refunds.refund(unit_of_work, fake_processor, Staff("p-2", "s", "owner"), ask(paid.id, 100))

    assert missing.value.status == 404 and fake_processor.refunds == {}


def test_a_lost_answer_leaves_the_refund_pending_until_it_is_asked_again(
    unit_of_work, fake_processor, losing_answers, paid
):
    processor = losing_answers(fake_processor)
    processor.lose_next(charged=True)

    with pytest.raises(Problem) as pending:
        refunds.refund(unit_of_work, processor, STAFF, ask(paid.id, 5000, key="k-1"))
    with unit_of_work() as uow:
        [left] = uow.refunds.of_payment(paid.id)
        ledger_before = uow.ledger.of_client("p-1", CLIENT)
    retried = refunds.refund(unit_of_work, processor, STAFF, ask(paid.id, 5000, key="k-1"))

    assert pending.value.code == "refund-pending" and left.status is RefundStatus.PENDING
    assert [e.kind for e in ledger_before] == [EntryKind.PAYMENT]
    assert retried.id == left.id and retried.status is RefundStatus.SUCCEEDED
    assert len(fake_processor.refunds) == 1


def test_the_sweep_asks_again_for_a_refund_nobody_retried(unit_of_work, clock, fake_processor, losing_answers, paid):
    processor = losing_answers(fake_processor)
    processor.lose_next(charged=False)
    with pytest.raises(Problem):
        refunds.refund(unit_of_work, processor, STAFF, ask(paid.id, 5000))

    too_soon = refunds.settle_pending(unit_of_work, processor, dt.timedelta(minutes=1), 10)
    clock.advance(minutes=2)
    swept = refunds.settle_pending(unit_of_work, processor, dt.timedelta(minutes=1), 10)

    with unit_of_work() as uow:
        [settled] = uow.refunds.of_payment(paid.id)
    assert (too_soon, swept) == (0, 1) and settled.status is RefundStatus.SUCCEEDED
    assert len(fake_processor.refunds) == 1


def test_a_refused_refund_records_why_and_gives_nothing_back(unit_of_work, fake_processor, paid):
    fake_processor.charges.clear()  # the processor no longer knows the charge

    done = refunds.refund(unit_of_work, fake_processor, STAFF, ask(paid.id, 5000))

    with unit_of_work() as uow:
        ledger = uow.ledger.of_client("p-1", CLIENT)
        left = refundable_cents(paid.amount_cents, uow.refunds.of_payment(paid.id))
    assert done.status is RefundStatus.FAILED and done.failure_code == "charge_not_found"
    assert [e.kind for e in ledger] == [EntryKind.PAYMENT] and left == 15000
