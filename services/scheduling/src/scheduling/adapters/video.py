"""Room addresses on a Jitsi Meet style server (the practice's own by default: VIDEO_BASE_URL): the
room's name is the last part of the address, and anyone holding it joins, so the name is the secret."""

from __future__ import annotations


class JitsiRooms:
    def __init__(self, base_url: str) -> None:
        self._base_url = base_url.rstrip("/")

    def room_url(self, room: str) -> str:
        return f"{self._base_url}/{room}"
