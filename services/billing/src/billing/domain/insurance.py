"""A client's insurance: a primary and a secondary policy, each with photos of the card's two sides.

A photo is kept in object storage under a random key (never the file's name); its type is read from
its first bytes, not from what the browser says: JPEG, PNG, WebP or PDF, nothing else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

RANKS = ("primary", "secondary")
SIDES = ("front", "back")
RELATIONSHIPS = ("self", "spouse", "partner", "parent", "guardian", "other")


@dataclasses.dataclass
class Policy:
    id: str
    practice_id: str
    client_id: str
    rank: str
    payer: str
    member_id: str
    group_number: str
    plan: str
    subscriber_name: str
    subscriber_relationship: str
    subscriber_date_of_birth: dt.date
    created_at: dt.datetime
    updated_at: dt.datetime
    updated_by: str
    front_key: str | None = None
    front_type: str | None = None
    back_key: str | None = None
    back_type: str | None = None
    verified_at: dt.datetime | None = None
    verified_by: str | None = None

    def photo(self, side: str) -> tuple[str, str] | None:
        """The storage key and content type of the photo of `side`, if there is one."""
        key, content_type = getattr(self, f"{side}_key"), getattr(self, f"{side}_type")
        return (key, content_type) if key and content_type else None


# The details a client types; changing any of them asks staff to verify the policy again.
DETAILS = (
    "payer",
    "member_id",
    "group_number",
    "plan",
    "subscriber_name",
    "subscriber_relationship",
    "subscriber_date_of_birth",
)


def sniff_photo_type(data: bytes) -> str | None:
    """The content type the bytes are, among those a card photo may be; None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return None
