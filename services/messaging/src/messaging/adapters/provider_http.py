"""Posting one email or text to a provider's JSON API: a bearer token, the id as `Idempotency-Key`
(so the provider drops a resend after a crash), and what the answer means for a retry."""

from __future__ import annotations

from typing import Any

import requests


class ProviderRefused(Exception):
    """Not handed over. `reason` is short and names no address or number; `permanent`: retrying cannot help."""

    def __init__(self, reason: str, permanent: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


def post_to_provider(
    session: requests.Session, url: str, token: str, key: str, body: dict[str, Any], timeout: float, what: str
) -> None:
    """A 2xx is handed over; 4xx but 408 and 429 is a refusal for good; 5xx, 408, 429 and network
    errors may pass on another try."""
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": key}
    try:
        answer = session.post(url, json=body, headers=headers, timeout=timeout)
    except requests.RequestException as error:
        raise ProviderRefused(f"the {what} is unreachable ({type(error).__name__})", permanent=False) from error
    if answer.status_code < 300:
        return
    retryable = answer.status_code >= 500 or answer.status_code in (408, 429)
    raise ProviderRefused(f"the {what} answered {answer.status_code}", permanent=not retryable)


def web_url(url: str, setting: str) -> str:
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"{setting} must be an http(s) address")
    return url
