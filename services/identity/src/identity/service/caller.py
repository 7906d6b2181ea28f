"""Where a request came from, for the audit logs."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Caller:
    ip: str | None = None
    user_agent: str | None = None
