"""Refresh tokens rotate on every use; reuse, idleness and the absolute limit end the session."""

import datetime as dt

import pytest
from identity.domain.sessions import Session, SessionPolicy, SessionRefused, hash_token, issue_refresh_token
from portalkit.clock import FixedClock

POLICY = SessionPolicy(idle=dt.timedelta(minutes=15), absolute=dt.timedelta(hours=12))


@pytest.fixture
def clock():
    return FixedClock()


@pytest.fixture
def signed_in(clock):
    session = Session.start("account-1", "practice-1", clock.now(), POLICY)
    return session, issue_refresh_token(session.id, clock.now())


def test_a_refresh_spends_the_token_and_issues_a_different_one(clock, signed_in):
    session, first = signed_in
    clock.advance(minutes=5)

    second = session.rotate(first.record, clock.now(), POLICY)

    assert first.record.used_at == clock.now()
    assert second.token != first.token
    assert second.record.token_hash == hash_token(second.token) != first.token
    assert session.last_used_at == clock.now()


def test_refresh_tokens_carry_at_least_128_random_bits(signed_in):
    _, issued = signed_in
    assert len(issued.token) >= 43  # 32 bytes of secrets.token_urlsafe


def test_presenting_a_spent_token_revokes_the_whole_family(clock, signed_in):
    session, first = signed_in
    second = session.rotate(first.record, clock.now(), POLICY)

    with pytest.raises(SessionRefused, match="reused"):
        session.rotate(first.record, clock.now(), POLICY)

    assert session.revoked_at == clock.now()
    with pytest.raises(SessionRefused, match="revoked"):
        session.rotate(second.record, clock.now(), POLICY)


def test_a_session_idle_for_the_idle_limit_ends(clock, signed_in):
    session, first = signed_in
    clock.advance(minutes=15)

    with pytest.raises(SessionRefused, match="idle"):
        session.rotate(first.record, clock.now(), POLICY)
    assert session.revoked_at is not None


def test_regular_use_keeps_a_session_alive_only_until_its_absolute_limit(clock, signed_in):
    session, token = signed_in
    for _ in range(12 * 6 - 1):  # every 10 minutes for just under 12 hours
        clock.advance(minutes=10)
        token = session.rotate(token.record, clock.now(), POLICY)
    clock.advance(minutes=10)

    with pytest.raises(SessionRefused, match="expired"):
        session.rotate(token.record, clock.now(), POLICY)


def test_a_call_made_with_the_session_restarts_the_idle_timeout_at_most_once_a_minute(clock, signed_in):
    session, _ = signed_in
    started = clock.now()
    clock.advance(seconds=59)
    assert session.seen(clock.now()) is False
    assert session.last_used_at == started

    clock.advance(minutes=10)
    assert session.seen(clock.now()) is True
    clock.advance(minutes=14)

    assert session.is_alive(clock.now(), POLICY)
