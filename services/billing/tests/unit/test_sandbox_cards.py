"""The sandbox's rules for card numbers: the Luhn check, the brand, an expiry in the past."""

import datetime as dt

import pytest
from billing.adapters.sandbox import brand_of, expired, passes_luhn


@pytest.mark.parametrize(
    "number", ["4242424242424242", "4000000000000002", "4000000000009995", "5555555555554444", "378282246310005"]
)
def test_the_test_cards_pass_the_luhn_check(number):
    assert passes_luhn(number)


def test_a_mistyped_digit_fails_the_luhn_check():
    assert not passes_luhn("4242424242424241")


@pytest.mark.parametrize(
    ("number", "brand"),
    [
        ("4242424242424242", "visa"),
        ("5555555555554444", "mastercard"),
        ("2223003122003222", "mastercard"),
        ("378282246310005", "amex"),
        ("6011111111111117", "card"),
    ],
)
def test_the_brand_comes_from_the_first_digits(number, brand):
    assert brand_of(number) == brand


def test_a_card_is_good_through_the_last_day_of_its_expiry_month():
    today = dt.date(2026, 12, 31)

    assert not expired(12, 2026, today) and expired(11, 2026, today) and expired(12, 2025, today)
