"""The password policy (NIST SP 800-63B): length, not common, not the email; no composition rules."""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

MIN_LENGTH = 8
MAX_LENGTH = 256
# A local part as short as "jo" would forbid too many good passwords to be worth refusing.
MIN_LOCAL_PART = 3
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common-passwords.txt")


def normalise(password: str) -> str:
    """The same password typed on any keyboard or platform hashes the same (NFKC)."""
    return unicodedata.normalize("NFKC", password)


@functools.cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip())


def password_problems(password: str, email: str = "") -> list[str]:
    """What is wrong with `password` for the account of `email`; empty when it may be used."""
    password = normalise(password)
    if len(password) < MIN_LENGTH:
        return [f"Use at least {MIN_LENGTH} characters."]
    if len(password) > MAX_LENGTH:
        return [f"Use at most {MAX_LENGTH} characters."]
    problems = []
    if password.casefold() in common_passwords():
        problems.append("This password is one of the most common ones; choose another.")
    if _contains_email(password, email):
        problems.append("Do not use your email address in your password.")
    return problems


def _contains_email(password: str, email: str) -> bool:
    email = email.strip().casefold()
    if not email:
        return False
    local_part = email.split("@", 1)[0]
    folded = password.casefold()
    return email in folded or (len(local_part) >= MIN_LOCAL_PART and local_part in folded)
