"""The rules every secret sent to a person follows, with the clock moved instead of waited on."""

import datetime as dt

import pytest
from identity.domain.sent_secrets import (
    MAX_WRONG_CODES,
    PASSWORD_RESET,
    SIGN_IN_LINK,
    SecretRefused,
    SecretRequest,
    hash_link_token,
    issue_secret,
)
from portalkit.clock import FixedClock

PEPPER = b"test pepper"


def issued(clock, minutes=15, link=False, code=True):
    request = SecretRequest(
        "practice-1", "account-1", PASSWORD_RESET, clock.now() + dt.timedelta(minutes=minutes), link, code
    )
    return issue_secret(request, PEPPER, clock.now())


def refusal(action):
    with pytest.raises(SecretRefused) as refused:
        action()
    return refused.value.reason


def test_a_secret_is_stored_only_as_hashes():
    secret = issued(FixedClock(), link=True, code=True)

    assert len(secret.token) >= 43  # 32 random bytes, url-safe: 256 bits
    assert secret.code.isdigit() and len(secret.code) == 6
    assert secret.record.token_hash == hash_link_token(secret.token)
    assert secret.token not in secret.record.token_hash and secret.code not in secret.record.code_hash


def test_the_right_code_works_once():
    clock = FixedClock()
    secret = issued(clock)
    secret.record.check_code(secret.code, PEPPER, clock.now())
    secret.record.redeem(clock.now())

    assert refusal(lambda: secret.record.redeem(clock.now())) == "used"


def test_a_code_past_its_expiry_is_refused_even_when_right():
    clock = FixedClock()
    secret = issued(clock, minutes=15)
    clock.advance(minutes=15)

    assert refusal(lambda: secret.record.check_code(secret.code, PEPPER, clock.now())) == "expired"


def test_five_wrong_codes_kill_the_secret_and_then_the_right_one_fails_too():
    clock = FixedClock()
    secret = issued(clock)
    wrong = "000000" if secret.code != "000000" else "111111"
    for _ in range(MAX_WRONG_CODES - 1):
        assert refusal(lambda: secret.record.check_code(wrong, PEPPER, clock.now())) == "wrong"
    secret.record.check_code(secret.code, PEPPER, clock.now())  # four wrong ones: still alive

    assert refusal(lambda: secret.record.check_code(wrong, PEPPER, clock.now())) == "wrong"
    assert refusal(lambda: secret.record.check_code(secret.code, PEPPER, clock.now())) == "dead"


def test_a_superseded_secret_is_refused_and_names_why():
    clock = FixedClock()
    older = issued(clock, link=True)
    older.record.supersede(clock.now())

    assert refusal(lambda: older.record.redeem(clock.now())) == "superseded"


def test_a_code_hashed_under_another_pepper_does_not_match():
    clock = FixedClock()
    secret = issued(clock)

    assert refusal(lambda: secret.record.check_code(secret.code, b"another pepper", clock.now())) == "wrong"


def test_two_secrets_with_the_same_code_hash_differently():
    clock = FixedClock()
    request = SecretRequest("p", "a", SIGN_IN_LINK, clock.now() + dt.timedelta(hours=1), True, True)
    first, second = issue_secret(request, PEPPER, clock.now()), issue_secret(request, PEPPER, clock.now())

    assert first.record.code_hash != second.record.code_hash
