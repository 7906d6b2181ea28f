"""Whether the session behind an access token is still on, asked of identity on every call that
needs a token. Nothing is cached: a session ended by sign-out, a password change or a disabled
account fails its very next request, not when its short-lived token runs out. The same answer says
whether the person must still set up two-step sign-in (a practice requiring it of its staff) and which
client profiles the account may open now."""

from __future__ import annotations

import dataclasses
import json
from urllib.parse import quote

from portalkit import context
from portalkit.auth import INTERNAL_TOKEN_HEADER
from portalkit.errors import Problem

from gateway.adapters.upstream import Upstream, UpstreamRequest, bad_gateway, unavailable


def session_ended() -> Problem:
    return Problem(401, "session-ended", "Your session has ended.", "Sign in again to continue.")


@dataclasses.dataclass(frozen=True)
class SessionState:
    active: bool
    mfa_enrolment_required: bool = False
    # None when identity did not say (nothing to enforce); else the profiles the account may open now.
    profile_ids: frozenset[str] | None = None


ENDED = SessionState(active=False)


class IdentitySessions:
    def __init__(self, upstream: Upstream, identity_url: str, internal_token: str, timeout: float = 3.0) -> None:
        self._upstream = upstream
        self._base_url = identity_url.rstrip("/")
        self._internal_token = internal_token
        self._timeout = timeout

    def state(self, session_id: str) -> SessionState:
        answer = self._upstream.send(
            UpstreamRequest(
                "GET",
                f"{self._base_url}/internal/sessions/{quote(session_id, safe='')}",
                {INTERNAL_TOKEN_HEADER: self._internal_token, "X-Correlation-ID": context.current_correlation_id()},
                timeout=self._timeout,
            )
        )
        if answer.status == 404:
            return ENDED
        if answer.status != 200:
            # Identity refusing the gateway itself (or failing) says nothing about this session:
            # the caller should try again rather than be signed out.
            raise unavailable()
        return _state(answer.body)


def _state(body: bytes) -> SessionState:
    try:
        document = json.loads(body)
    except ValueError as error:
        raise bad_gateway() from error
    if not isinstance(document, dict) or not isinstance(document.get("active"), bool):
        raise bad_gateway()
    enrolment = document.get("mfa_enrolment_required", False)
    if not isinstance(enrolment, bool):
        raise bad_gateway()
    return SessionState(document["active"], enrolment, _profile_ids(document.get("profile_ids")))


def _profile_ids(value: object) -> frozenset[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise bad_gateway()
    return frozenset(value)
