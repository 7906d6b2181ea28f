"""What staff ask of the inbox: unread only, assigned to someone, one client's threads, archived ones."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class InboxFilter:
    unread_only: bool = False
    assigned_to: str | None = None
    client_id: str | None = None
    archived: bool = False
