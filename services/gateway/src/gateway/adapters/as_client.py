"""The one way the dashboard's parts ask a service about the signed-in client: a GET with the client's
own access token and a short timeout. A 403 means the caller has no client profile there (None); any
other failure (down, too slow, an answer that is not a JSON object) raises the part's own
*Unavailable* error, which takes that part out of the dashboard and never the dashboard itself."""

from __future__ import annotations

import json
from typing import Any

from portalkit import context
from portalkit.errors import Problem

from gateway.adapters.upstream import Upstream, UpstreamRequest


def get_as_client(
    upstream: Upstream, url: str, access_token: str, timeout: float, unavailable: type[Exception]
) -> dict[str, Any] | None:
    headers = {
        "Authorization": f"Bearer {access_token}",
        "Accept": "application/json",
        "X-Correlation-ID": context.current_correlation_id(),
    }
    try:
        answer = upstream.send(UpstreamRequest("GET", url, headers, timeout=timeout))
    except Problem as error:
        raise unavailable() from error
    if answer.status == 403:
        return None
    if answer.status != 200:
        raise unavailable()
    try:
        document = json.loads(answer.body)
    except ValueError as error:
        raise unavailable() from error
    if not isinstance(document, dict):
        raise unavailable()
    return document
