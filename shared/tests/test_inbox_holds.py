"""A consumer whose handler finds another service unavailable holds the event and tries again, instead of
returning it to the queue, where a few quick failures would dead-letter it."""

import uuid

import pytest
from portalkit import inbox as inbox_module
from portalkit.clock import FixedClock
from portalkit.db import UnitOfWork, make_session_factory
from portalkit.errors import Problem
from portalkit.events import new_envelope
from portalkit.inbox import Inbox
from portalkit.testing import EFFECTS as effects
from sqlalchemy import func, insert, select


class FlakyHandler:
    """Fails with `error` the first `failures` times, then records its effect."""

    def __init__(self, failures, error):
        self.failures = failures
        self.error = error
        self.calls = 0

    def __call__(self, uow, envelope):
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        uow.session.execute(insert(effects).values(event_id=envelope.id))


def inbox_with(engine, handler):
    uow_factory = lambda: UnitOfWork(make_session_factory(engine), FixedClock())  # noqa: E731
    return Inbox("test.holds", uow_factory, {"identity.client.created": handler})


def event():
    return new_envelope("identity.client.created", {"client_id": str(uuid.uuid4())}, "practice-1", FixedClock())


def effect_count(engine):
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(effects)).scalar_one()


def test_a_service_unavailable_for_a_moment_delays_the_event_and_loses_nothing(engine):
    handler = FlakyHandler(2, Problem(503, "upstream-unavailable", "A service is unavailable for a moment."))

    inbox_with(engine, handler).handle(event())

    assert handler.calls == 3
    assert effect_count(engine) == 1


def test_a_refusal_is_not_held(engine):
    handler = FlakyHandler(1, Problem(404, "not-found", "Client not found."))

    with pytest.raises(Problem):
        inbox_with(engine, handler).handle(event())
    assert handler.calls == 1


def test_a_service_away_longer_than_the_hold_fails_the_delivery(engine, monkeypatch):
    monkeypatch.setattr(inbox_module, "UPSTREAM_HOLD_S", 1.0)
    handler = FlakyHandler(100, Problem(504, "upstream-timeout", "A service took too long to answer."))

    with pytest.raises(Problem):
        inbox_with(engine, handler).handle(event())
    assert handler.calls == 3  # after 0.5 s and 1 s of waiting
    assert effect_count(engine) == 0
