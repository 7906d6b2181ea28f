"""Who asks: a staff member of a practice, or a client acting for a client profile."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Staff:
    practice_id: str
    account_id: str
    role: str


@dataclasses.dataclass(frozen=True)
class ClientCaller:
    practice_id: str
    account_id: str
    client_id: str
