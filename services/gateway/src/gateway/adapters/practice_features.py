"""Which portal features a practice offers, from identity's settings, kept a short while per
practice. A change made by the practice takes effect at the gateway within `ttl_seconds` (10 s by
default): the gateway does not consume `identity.practice.settings_changed` (yet), it asks again
once its copy is older than that."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading
from urllib.parse import quote

from portalkit import context
from portalkit.auth import INTERNAL_TOKEN_HEADER
from portalkit.clock import Clock

from gateway.adapters.upstream import Upstream, UpstreamRequest, bad_gateway, unavailable


@dataclasses.dataclass(frozen=True)
class _Copy:
    fetched_at: dt.datetime
    features: dict[str, bool]


class PracticeFeatures:
    def __init__(
        self,
        upstream: Upstream,
        identity_url: str,
        internal_token: str,
        clock: Clock,
        ttl_seconds: float = 10.0,
        timeout: float = 3.0,
    ) -> None:
        self._upstream = upstream
        self._base_url = identity_url.rstrip("/")
        self._internal_token = internal_token
        self._clock = clock
        self._ttl = dt.timedelta(seconds=ttl_seconds)
        self._timeout = timeout
        self._copies: dict[str, _Copy] = {}
        self._lock = threading.Lock()

    def of(self, practice_id: str) -> dict[str, bool]:
        """Every feature of the practice, on (True) or off (False)."""
        now = self._clock.now()
        with self._lock:
            copy = self._copies.get(practice_id)
        # A clock put back (tests shift it) makes a copy look younger than it is: fetch again.
        if copy is not None and dt.timedelta(0) <= now - copy.fetched_at < self._ttl:
            return copy.features
        features = self._fetch(practice_id)
        with self._lock:
            self._copies[practice_id] = _Copy(now, features)
        return features

    def _fetch(self, practice_id: str) -> dict[str, bool]:
        answer = self._upstream.send(
            UpstreamRequest(
                "GET",
                f"{self._base_url}/internal/practices/{quote(practice_id, safe='')}/settings",
                {INTERNAL_TOKEN_HEADER: self._internal_token, "X-Correlation-ID": context.current_correlation_id()},
                timeout=self._timeout,
            )
        )
        if answer.status != 200:
            raise unavailable()
        return _features(answer.body)


def _features(body: bytes) -> dict[str, bool]:
    try:
        document = json.loads(body)
    except ValueError as error:
        raise bad_gateway() from error
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, dict) or not all(isinstance(on, bool) for on in features.values()):
        raise bad_gateway()
    return {str(name): on for name, on in features.items()}
