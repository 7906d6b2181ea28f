"""Rooms on a Jitsi Meet style server (the practice's own by default: VIDEO_BASE_URL). A room's name
is the last part of its address. With an app secret set (VIDEO_APP_SECRET, the server's token
authentication on) each participant enters with a token of their own: HS256 over the room, the app id
(`iss`), the server's audience and domain (`aud`, `sub`), the participant's name and whether they
moderate, valid until the appointment ends. Without a secret (development) the address alone."""

from __future__ import annotations

import datetime as dt
import urllib.parse

from joserfc import jwt
from joserfc.jwk import OctKey

from scheduling.service.video import Participant


class JitsiRooms:
    def __init__(
        self, base_url: str, app_id: str = "", app_secret: str = "", audience: str = "jitsi", domain: str = "*"
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._app_id = app_id
        self._key = OctKey.import_key(app_secret) if app_secret else None
        self._audience = audience
        self._domain = domain

    def join_url(self, room: str, participant: Participant, until: dt.datetime) -> str:
        address = f"{self._base_url}/{room}"
        if self._key is None:
            return address
        token = jwt.encode({"alg": "HS256", "typ": "JWT"}, self._claims(room, participant, until), self._key)
        return f"{address}?{urllib.parse.urlencode({'jwt': token})}"

    def _claims(self, room: str, participant: Participant, until: dt.datetime) -> dict[str, object]:
        user = {
            "id": participant.id,
            "name": participant.name,
            "moderator": participant.moderator,
            "affiliation": "owner" if participant.moderator else "member",
        }
        return {
            "iss": self._app_id,
            "aud": self._audience,
            "sub": self._domain,
            "room": room,
            "exp": int(until.timestamp()),
            "context": {"user": user},
        }
