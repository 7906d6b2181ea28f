"""Identity's internal API (docs/contracts.md), over the internal network: portalkit's reader, with
the client's name and date of birth as billing's documents want them."""

from __future__ import annotations

import datetime as dt

from portalkit.clock import Clock
from portalkit.http import InternalClient
from portalkit.identity import IdentityReader, full_name

from billing.service.identity import ClientDetails


class IdentityClient(IdentityReader):
    def __init__(self, http: InternalClient, clock: Clock, feature_cache_seconds: float = 10.0) -> None:
        # The service's clock, so a test that moves it back is answered afresh.
        super().__init__(http, feature_cache_seconds, now=lambda: clock.now().timestamp())

    def client_details(self, practice_id: str, client_id: str) -> ClientDetails | None:
        record = self.client_record(practice_id, client_id)
        if record is None:
            return None
        born = record.get("date_of_birth")
        return ClientDetails(full_name(record), dt.date.fromisoformat(born) if born else None)
