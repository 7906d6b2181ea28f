"""How the gateway reaches the services: one pooled HTTP session, a timeout on every call, and
each way a call can fail turned into the problem the caller sees."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, Protocol

import requests
from portalkit.errors import Problem
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NewConnectionError, ReadTimeoutError
from urllib3.util.retry import Retry


@dataclasses.dataclass(frozen=True)
class UpstreamRequest:
    method: str
    url: str
    headers: Mapping[str, str] = dataclasses.field(default_factory=dict)
    body: bytes = b""
    # None: the transport's own timeout.
    timeout: float | None = None


@dataclasses.dataclass(frozen=True)
class UpstreamAnswer:
    status: int
    headers: Mapping[str, str]
    body: bytes


class Upstream(Protocol):
    def send(self, request: UpstreamRequest) -> UpstreamAnswer: ...


def unavailable() -> Problem:
    return Problem(503, "upstream-unavailable", "A service is unavailable for a moment.", "Try again shortly.")


def timed_out() -> Problem:
    return Problem(504, "upstream-timeout", "A service took too long to answer.", "Try again shortly.")


def bad_gateway() -> Problem:
    return Problem(502, "bad-gateway", "A service gave an answer the gateway could not read.", "Try again shortly.")


class _DroppedConnectionRetry(Retry):
    """A connection the service closed as it was reused (its keep-alive ran out at that instant)
    may be retried; a read that timed out is not, so a slow service is not asked twice."""

    def increment(self, *args: Any, **kwargs: Any) -> Retry:
        error = kwargs.get("error")
        if isinstance(error, ReadTimeoutError):
            raise error
        return super().increment(*args, **kwargs)


# Once, and only where it cannot do anything twice: a request that never left (connect), or a
# GET / HEAD / OPTIONS whose connection was dropped before any answer. A POST is never repeated: a
# request with effects must not run twice, and the browser or API client decides whether to try again.
RETRY_DROPPED = _DroppedConnectionRetry(
    total=1,
    connect=1,
    read=1,
    status=0,
    other=0,
    redirect=0,
    allowed_methods=frozenset({"GET", "HEAD", "OPTIONS"}),
    raise_on_status=False,
    respect_retry_after_header=False,
)


class HttpUpstream:
    """The real transport: one pooled session, retrying only what RETRY_DROPPED allows."""

    def __init__(self, timeout: float, pool_size: int = 32) -> None:
        self._timeout = timeout
        self._session = requests.Session()
        self._session.trust_env = False
        adapter = HTTPAdapter(pool_connections=4, pool_maxsize=pool_size, max_retries=RETRY_DROPPED)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)

    def send(self, request: UpstreamRequest) -> UpstreamAnswer:
        try:
            response = self._session.request(
                request.method,
                request.url,
                headers=dict(request.headers),
                data=request.body or None,
                timeout=request.timeout or self._timeout,
                allow_redirects=False,
            )
        except requests.Timeout as error:
            raise timed_out() from error
        except requests.ConnectionError as error:
            raise (unavailable() if _not_connected(error) else bad_gateway()) from error
        except requests.RequestException as error:
            raise bad_gateway() from error
        return UpstreamAnswer(response.status_code, response.headers, response.content)


def _not_connected(error: requests.ConnectionError) -> bool:
    """True when no connection was made (refused, unreachable): the request never left."""
    reason = getattr(error.args[0], "reason", None) if error.args else None
    return isinstance(reason, NewConnectionError | ConnectionRefusedError)
