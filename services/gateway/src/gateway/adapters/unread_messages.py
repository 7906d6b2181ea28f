"""How many secure messages (or documents from the practice) wait for the client, for the dashboard: asked
of messaging with the client's own access token. Messaging being down or slow takes the count out of the
dashboard, never the dashboard itself (`MessagesUnavailable`)."""

from __future__ import annotations

from gateway.adapters.as_client import get_as_client
from gateway.adapters.upstream import Upstream

UNREAD_PATH = "/api/v1/messages/unread"
WAITING_DOCUMENTS_PATH = "/api/v1/documents/waiting"


class MessagesUnavailable(Exception):
    """Messaging could not say (down, too slow, an answer that could not be read)."""


class UnreadMessages:
    def __init__(
        self,
        upstream: Upstream,
        messaging_url: str,
        timeout: float = 3.0,
        path: str = UNREAD_PATH,
        field: str = "unread",
    ) -> None:
        self._upstream = upstream
        self._url = messaging_url.rstrip("/") + path
        self._timeout = timeout
        self._field = field

    def of(self, access_token: str) -> int | None:
        """The count, or None for a caller with no client profile."""
        document = get_as_client(self._upstream, self._url, access_token, self._timeout, MessagesUnavailable)
        if document is None:
            return None
        unread = document.get(self._field)
        if not isinstance(unread, int) or isinstance(unread, bool) or unread < 0:
            raise MessagesUnavailable()
        return unread
