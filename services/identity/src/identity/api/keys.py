"""The public keys that verify identity's access tokens (every service fetches them)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from identity.api import dependencies

blp = Blueprint("keys", __name__)


@blp.get("/.well-known/jwks.json")
def jwks() -> Any:
    return dependencies().signing_keys.public_key_set()
