"""The rules of two-factor sign-in, on the domain alone: the TOTP window, no code twice, recovery
codes once each, and a challenge that expires, counts wrong codes and is used once."""

import datetime as dt

import pyotp
import pytest
from identity.domain.two_factor import (
    MAX_CHALLENGE_TRIES,
    ChallengeRefused,
    PhoneInvalid,
    TwoFactor,
    hash_challenge_id,
    issue_challenge,
    issue_recovery_codes,
    matching_step,
    new_totp_secret,
    normalise_phone,
    redeem_recovery_code,
    totp_step,
)

PEPPER = b"unit-test-pepper"


@pytest.fixture
def secret():
    return new_totp_secret()


def code_at(secret, moment):
    return pyotp.TOTP(secret).at(moment)


def test_a_code_of_this_step_or_one_step_either_side_is_accepted(secret, clock):
    now = clock.now()
    for offset in (-30, 0, 30):
        code = code_at(secret, now + dt.timedelta(seconds=offset))
        assert matching_step(secret, code, now, None) == totp_step(now) + offset // 30


def test_a_code_two_steps_away_is_refused(secret, clock):
    now = clock.now()

    assert matching_step(secret, code_at(secret, now - dt.timedelta(seconds=60)), now, None) is None
    assert matching_step(secret, code_at(secret, now + dt.timedelta(seconds=60)), now, None) is None


def test_a_code_is_not_accepted_again_within_its_window(secret, clock):
    factor = TwoFactor("account", "practice")
    code = code_at(secret, clock.now())
    factor.used_totp_step(matching_step(secret, code, clock.now(), factor.totp_last_step))

    clock.advance(seconds=30)  # still inside the code's ±1 window

    assert matching_step(secret, code, clock.now(), factor.totp_last_step) is None
    assert matching_step(secret, code_at(secret, clock.now()), clock.now(), factor.totp_last_step) is not None


def test_an_earlier_step_than_the_last_one_used_is_refused_too(secret, clock):
    last = totp_step(clock.now())

    earlier = code_at(secret, clock.now() - dt.timedelta(seconds=30))

    assert matching_step(secret, earlier, clock.now(), last) is None


def test_anything_but_digits_is_no_code(secret, clock):
    assert matching_step(secret, "", clock.now(), None) is None
    assert matching_step(secret, "abcdef", clock.now(), None) is None


def test_ten_recovery_codes_each_work_once_and_are_kept_only_as_hashes(clock):
    codes, records = issue_recovery_codes("account", "practice", PEPPER, clock.now())

    assert len(set(codes)) == 10
    assert all(code not in record.code_hash for code, record in zip(codes, records, strict=True))
    assert redeem_recovery_code(records, PEPPER, "account", codes[3], clock.now()) is True
    assert redeem_recovery_code(records, PEPPER, "account", codes[3], clock.now()) is False
    assert redeem_recovery_code(records, PEPPER, "account", codes[4].upper().replace("-", " "), clock.now()) is True
    assert sum(record.used_at is not None for record in records) == 2


def test_a_recovery_code_of_another_account_does_not_match(clock):
    codes, _ = issue_recovery_codes("account-a", "practice", PEPPER, clock.now())
    _, records_b = issue_recovery_codes("account-b", "practice", PEPPER, clock.now())

    assert redeem_recovery_code(records_b, PEPPER, "account-b", codes[0], clock.now()) is False


def test_a_challenge_is_stored_as_a_hash_and_expires_after_five_minutes(clock):
    challenge_id, challenge = issue_challenge("account", "practice", "password", clock.now())
    assert challenge.id_hash == hash_challenge_id(challenge_id) != challenge_id

    clock.advance(minutes=4, seconds=59)
    challenge.check_open(clock.now())
    clock.advance(seconds=1)

    with pytest.raises(ChallengeRefused, match="expired"):
        challenge.check_open(clock.now())


def test_after_five_wrong_codes_the_challenge_is_locked(clock):
    _, challenge = issue_challenge("account", "practice", "password", clock.now())

    for _ in range(MAX_CHALLENGE_TRIES - 1):
        challenge.wrong_code()
    challenge.check_open(clock.now())
    challenge.wrong_code()

    with pytest.raises(ChallengeRefused, match="locked"):
        challenge.complete(clock.now())


def test_a_challenge_is_used_once(clock):
    _, challenge = issue_challenge("account", "practice", "password", clock.now())
    challenge.complete(clock.now())

    with pytest.raises(ChallengeRefused, match="used"):
        challenge.complete(clock.now())


def test_methods_follow_what_is_confirmed(clock):
    factor = TwoFactor("account", "practice")
    assert (factor.is_on, factor.methods) == (False, [])

    factor.start_phone("+15550100199")
    assert factor.methods == []
    factor.confirm_phone(clock.now())
    assert factor.methods == ["sms", "recovery_code"]
    factor.turn_off()
    assert (factor.is_on, factor.phone) == (False, None)


@pytest.mark.parametrize(
    ("raw", "phone"),
    [("+1 (555) 010-0199", "+15550100199"), ("0044 7700 900123", "+447700900123"), ("+49.30.1234567", "+49301234567")],
)
def test_phone_numbers_are_read_with_their_country_code(raw, phone):
    assert normalise_phone(raw) == phone


@pytest.mark.parametrize("raw", ["5550100199", "+1", "+0123456789", "call me", "+1555010019912345"])
def test_a_number_without_a_country_code_is_refused(raw):
    with pytest.raises(PhoneInvalid):
        normalise_phone(raw)
