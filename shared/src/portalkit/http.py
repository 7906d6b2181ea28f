"""Calls between services over HTTP: pooled, with timeouts and retries, carrying the correlation id
and the internal token. Only for answers a user is waiting for; everything else is events."""

from __future__ import annotations

from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from portalkit import context
from portalkit.auth import INTERNAL_TOKEN_HEADER
from portalkit.errors import Problem


class InternalClient:
    def __init__(self, base_url: str, internal_token: str, timeout: float = 5.0, retries: int = 2) -> None:
        self._base_url = base_url.rstrip("/")
        self._timeout = timeout
        self._session = requests.Session()
        # Retries only where repeating cannot double an effect: idempotent methods, or a connection
        # that was refused before the request was sent.
        retry = Retry(total=retries, connect=retries, read=0, backoff_factor=0.2, allowed_methods={"GET", "PUT"})
        self._session.mount("http://", HTTPAdapter(max_retries=retry, pool_maxsize=20))
        self._session.mount("https://", HTTPAdapter(max_retries=retry, pool_maxsize=20))
        self._session.headers[INTERNAL_TOKEN_HEADER] = internal_token

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {"X-Correlation-ID": context.current_correlation_id(), **kwargs.pop("headers", {})}
        try:
            return self._session.request(
                method, self._base_url + path, headers=headers, timeout=self._timeout, **kwargs
            )
        except requests.Timeout as error:
            raise Problem(504, "upstream-timeout", "A service took too long to answer.") from error
        except requests.ConnectionError as error:
            raise Problem(503, "upstream-unavailable", "A service is unavailable for a moment.") from error

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)


def relay_problem(response: requests.Response) -> Problem:
    """An upstream problem+json answer, passed on to our caller unchanged."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    extra = {k: v for k, v in body.items() if k not in {"type", "code", "title", "status", "detail"}}
    return Problem(
        response.status_code,
        str(body.get("code", "upstream-error")),
        str(body.get("title", "A service refused the request.")),
        body.get("detail"),
        **extra,
    )
