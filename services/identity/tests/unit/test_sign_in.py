"""Signing in with a password, on fakes: one answer for every failure, and rehashing on success."""

import datetime as dt

import pytest
from argon2 import PasswordHasher as Argon2Hasher
from identity.domain.model import DISABLED, Account
from identity.domain.sessions import SessionPolicy
from identity.service.sign_in import Caller, Credentials, sign_in
from portalkit.errors import Problem

POLICY = SessionPolicy(idle=dt.timedelta(minutes=15), absolute=dt.timedelta(hours=12))
PASSWORD = "tide pools at dawn"


def open_account(uow, password_hash, email="ann@example.test"):
    account = Account.open("practice-1", email, password_hash, "clinician", uow.clock.now())
    account.verify_email(uow.clock.now())
    uow.accounts.add(account)
    return account


def attempt(uow, hasher, tokens, email="ann@example.test", password=PASSWORD):
    return sign_in(uow, Credentials(email, password), Caller("203.0.113.9", "test"), hasher, tokens, POLICY)


def refusal(uow, hasher, tokens, **credentials):
    with pytest.raises(Problem) as refused:
        attempt(uow, hasher, tokens, **credentials)
    return refused.value.to_dict()


def test_the_right_password_opens_a_session_and_is_audited(uow, hasher, tokens):
    account = open_account(uow, hasher.hash(PASSWORD))

    answer = attempt(uow, hasher, tokens)

    assert answer["token_type"] == "Bearer" and answer["expires_in"] == 600
    assert [e.result for e in uow.sign_ins.events] == ["succeeded"]
    assert account.last_sign_in_at == uow.clock.now()
    assert len(uow.sessions.rows) == 1


def test_unknown_email_wrong_password_and_disabled_account_get_one_answer(uow, hasher, tokens):
    disabled = open_account(uow, hasher.hash(PASSWORD), email="off@example.test")
    disabled.status = DISABLED
    open_account(uow, hasher.hash(PASSWORD))

    answers = [
        refusal(uow, hasher, tokens, email="nobody@example.test"),
        refusal(uow, hasher, tokens, password="not the password"),
        refusal(uow, hasher, tokens, email="off@example.test"),
    ]

    assert answers[0] == answers[1] == answers[2]
    assert answers[0]["code"] == "invalid-credentials" and answers[0]["status"] == 401
    assert [e.result for e in uow.sign_ins.events] == ["unknown_email", "wrong_password", "disabled"]
    assert uow.sessions.rows == {}


def test_a_hash_with_old_parameters_is_replaced_at_sign_in(uow, hasher, tokens):
    account = open_account(uow, Argon2Hasher(time_cost=1, memory_cost=8192).hash(PASSWORD))

    attempt(uow, hasher, tokens)

    assert account.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert hasher.matches(account.password_hash, PASSWORD)
