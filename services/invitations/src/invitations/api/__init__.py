"""The HTTP API of the invitations service: parse, call the use case, render."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from flask import current_app

from invitations.domain import Agreement
from invitations.service.identity import Identity
from invitations.service.sending import Mailing


@dataclasses.dataclass(frozen=True)
class Wiring:
    """What the views need; app.create_app builds it, views read it with `wiring()`."""

    unit_of_work: Callable[[], Any]
    identity: Identity
    mailing: Mailing
    agreements: tuple[Agreement, ...]


def wiring() -> Wiring:
    return current_app.extensions["invitations"]  # type: ignore[no-any-return]
