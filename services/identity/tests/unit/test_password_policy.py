"""The password policy: length, any Unicode, not common, not the email; nothing else."""

import pytest
from identity.domain.passwords import password_problems


def test_a_long_passphrase_of_plain_words_is_accepted():
    assert password_problems("tide pools at dawn", "ann@example.test") == []


@pytest.mark.parametrize("length", [8, 64, 256])
def test_any_length_from_8_to_256_characters_is_accepted(length):
    assert password_problems("q" * (length - 4) + "7x!z", "ann@example.test") == []


def test_seven_characters_are_too_few():
    assert password_problems("q7x!zkw", "ann@example.test") == ["Use at least 8 characters."]


def test_more_than_256_characters_are_too_many():
    assert password_problems("q7x!" * 65, "ann@example.test") == ["Use at most 256 characters."]


def test_any_unicode_is_accepted_and_counted_by_characters():
    assert password_problems("日本語のパスワード", "ann@example.test") == []
    assert password_problems("ñandú🦤", "ann@example.test") == ["Use at least 8 characters."]


def test_common_passwords_are_refused_whatever_their_case():
    assert password_problems("PassWord", "ann@example.test") == [
        "This password is one of the most common ones; choose another."
    ]


def test_the_common_list_is_checked_after_nfkc_normalisation():
    fullwidth_password = "".join(chr(0xFEE0 + ord(letter)) for letter in "password")
    assert password_problems(fullwidth_password, "ann@example.test") != []


def test_a_password_containing_the_email_or_its_local_part_is_refused():
    refusal = ["Do not use your email address in your password."]
    assert password_problems("my ann.lee@example.test pass", "ann.lee@example.test") == refusal
    assert password_problems("ANN.LEE-rides-bikes", "ann.lee@example.test") == refusal


def test_a_local_part_shorter_than_three_characters_does_not_count():
    assert password_problems("jo likes hiking", "jo@example.test") == []


def test_no_composition_rules_apply():
    assert password_problems("alllowercaseletters", "ann@example.test") == []
