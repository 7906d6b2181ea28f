"""The pay use case on the fake processor (in memory) and a throwaway SQLite database: an attempt is
recorded before the charge and settled once, whatever the processor answers."""

import datetime as dt
import functools

import pytest
from billing.adapters import orm
from billing.adapters.unit_of_work import BillingUnitOfWork
from billing.domain.cards import Card
from billing.domain.invoice import Invoice, InvoiceLine, InvoiceStatus
from billing.domain.payment import AttemptStatus
from billing.service import payments
from portalkit.clock import FixedClock
from portalkit.db import make_engine, make_session_factory
from portalkit.errors import Problem

NOW = dt.datetime(2026, 12, 3, 15, tzinfo=dt.UTC)
CLIENT, INVOICE = "0b9c8a52-3f0e-4c4e-9a55-1c2d3e4f5a6b", "5e0c6d1a-7b8c-4d9e-8f10-2a3b4c5d6e7f"
PAYER = payments.Payer("p-1", CLIENT)


@pytest.fixture
def unit_of_work():
    engine = make_engine("sqlite://")
    orm.metadata.create_all(engine)
    yield functools.partial(BillingUnitOfWork, make_session_factory(engine), FixedClock(NOW))
    engine.dispose()


def given(unit_of_work, token):
    line = InvoiceLine(NOW.date(), "90834", "Session", 15000)
    invoice = Invoice(INVOICE, "p-1", CLIENT, "USD", (line,), (), InvoiceStatus.ISSUED, NOW, "staff-1", issued_at=NOW)
    card = Card("card-1", "p-1", CLIENT, token, "visa", "4242", 12, 2030, True, NOW)
    with unit_of_work() as uow:
        uow.invoices.add(invoice)
        uow.cards.add(card)
        uow.commit()


def test_a_charge_is_recorded_once_with_its_invoice_paid(unit_of_work, fake_processor):
    given(unit_of_work, "tok_ok")

    attempt = payments.pay(unit_of_work, fake_processor, PAYER, INVOICE, "card-1")

    with unit_of_work() as uow:
        invoice = uow.invoices.get("p-1", INVOICE)
        ledger = uow.ledger.of_client("p-1", CLIENT)
    assert attempt.status is AttemptStatus.SUCCEEDED and invoice.status is InvoiceStatus.PAID
    assert [(e.kind.value, e.amount_cents, e.payment_id) for e in ledger] == [("payment", 15000, attempt.id)]
    assert list(fake_processor.charges) == [attempt.id]


def test_a_decline_is_recorded_and_the_invoice_stays_open(unit_of_work, fake_processor):
    given(unit_of_work, "tok_insufficient_funds")

    attempt = payments.pay(unit_of_work, fake_processor, PAYER, INVOICE, "card-1")

    with unit_of_work() as uow:
        invoice = uow.invoices.get("p-1", INVOICE)
    assert attempt.status is AttemptStatus.FAILED and attempt.decline_code == "insufficient_funds"
    assert invoice.status is InvoiceStatus.ISSUED and invoice.due_cents == 15000


def test_a_lost_answer_leaves_the_attempt_pending_until_it_is_settled(unit_of_work, fake_processor, losing_answers):
    given(unit_of_work, "tok_ok")
    processor = losing_answers(fake_processor)
    processor.lose_next(charged=True)

    with pytest.raises(Problem) as pending:
        payments.pay(unit_of_work, processor, PAYER, INVOICE, "card-1")
    with unit_of_work() as uow:
        [attempt] = uow.attempts.of_client("p-1", CLIENT)
        unpaid = uow.invoices.get("p-1", INVOICE)
    settled = payments.settle(unit_of_work, processor, attempt.id)

    assert pending.value.code == "payment-pending"
    assert attempt.status is AttemptStatus.PENDING and unpaid.status is InvoiceStatus.ISSUED
    assert settled.status is AttemptStatus.SUCCEEDED and len(fake_processor.charges) == 1
    assert settled.id == attempt.id
