"""The sandbox processor's refunds on a throwaway SQLite database: once per reference, never more than
what is left of the charge, and only of a charge it made."""

import datetime as dt

import pytest
from billing.adapters import orm
from billing.adapters.sandbox import SandboxProcessor
from portalkit.clock import FixedClock
from portalkit.db import make_engine


@pytest.fixture
def sandbox():
    engine = make_engine("sqlite://")
    orm.metadata.create_all(engine)
    yield SandboxProcessor(engine, FixedClock(dt.datetime(2026, 12, 3, 15, tzinfo=dt.UTC)))
    engine.dispose()


@pytest.fixture
def charge_id(sandbox):
    token, _ = sandbox.tokenise("4242 4242 4242 4242", 12, 2030, "123")
    return sandbox.charge(token, 13000, "USD", reference="attempt-1").charge_id


def test_a_refund_is_made_once_per_reference(sandbox, charge_id):
    first = sandbox.refund(charge_id, 5000, "USD", reference="refund-1")
    again = sandbox.refund(charge_id, 5000, "USD", reference="refund-1")

    assert first.succeeded and first.refund_id.startswith("re_sandbox_") and again == first


def test_never_more_than_what_is_left_of_the_charge(sandbox, charge_id):
    part = sandbox.refund(charge_id, 10000, "USD", reference="refund-1")
    too_much = sandbox.refund(charge_id, 3001, "USD", reference="refund-2")
    rest = sandbox.refund(charge_id, 3000, "USD", reference="refund-3")
    nothing_left = sandbox.refund(charge_id, 1, "USD", reference="refund-4")

    assert part.succeeded and rest.succeeded
    assert too_much.failure_code == "amount_too_large" and nothing_left.failure_code == "amount_too_large"


def test_only_a_charge_it_made_in_its_currency(sandbox, charge_id):
    unknown = sandbox.refund("ch_sandbox_nope", 100, "USD", reference="refund-1")
    other_currency = sandbox.refund(charge_id, 100, "EUR", reference="refund-2")

    assert not unknown.succeeded and unknown.failure_code == "charge_not_found"
    assert other_currency.failure_code == "charge_not_found"
