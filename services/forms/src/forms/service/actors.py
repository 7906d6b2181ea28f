"""Who asks: a staff member of a practice, or a client acting for a client profile."""

from __future__ import annotations

import dataclasses

from forms.domain.permissions import may
from forms.domain.templates import TemplateKind


@dataclasses.dataclass(frozen=True)
class Staff:
    practice_id: str
    account_id: str
    role: str
    ip: str | None = None
    email: str = ""

    def may(self, action: str) -> bool:
        return may(self.role, action)


@dataclasses.dataclass(frozen=True)
class ClientCaller:
    practice_id: str
    account_id: str
    client_id: str
    ip: str | None = None
    user_agent: str | None = None
    # The portal features the practice turned off: their kinds are hidden from the client.
    features_off: frozenset[str] = frozenset()

    def offered(self, kind: str) -> bool:
        return TemplateKind(kind).feature not in self.features_off
