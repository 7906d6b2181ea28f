"""Short codes sent to a person (by text or email) and typed back: six random digits, stored only as
an HMAC under a server-side pepper and keyed by the record's id, so a leaked table reveals no code and
one code shared by two records never hashes alike. Identity's sign-in codes and PINs and messaging's
mobile confirmation codes use these."""

from __future__ import annotations

import hashlib
import hmac
import secrets

CODE_DIGITS = 6


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def code_digest(pepper: bytes, record_id: str, code: str) -> str:
    return hmac.new(pepper, f"{record_id}:{code.strip()}".encode(), hashlib.sha256).hexdigest()


def code_matches(stored_digest: str, pepper: bytes, record_id: str, code: str) -> bool:
    """Compared in constant time."""
    return hmac.compare_digest(stored_digest, code_digest(pepper, record_id, code))


def pepper_from(code_pepper: str, sealed_payload_key: str, service: str) -> bytes:
    """CODE_PEPPER when set (production); else derived from SEALED_PAYLOAD_KEY (dev and tests)."""
    if code_pepper:
        return code_pepper.encode()
    if not sealed_payload_key:
        raise RuntimeError(f"set CODE_PEPPER (or SEALED_PAYLOAD_KEY) for {service}")
    return hmac.new(sealed_payload_key.encode(), f"{service} code pepper".encode(), hashlib.sha256).digest()
