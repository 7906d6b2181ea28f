"""A client profile's picture: a square crop of an uploaded photo, drawn again at PICTURE_SIZE pixels
(adapters/pictures.py). Only pictures are taken (PNG, JPEG, GIF, WebP, read from the bytes)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from messaging.domain.attachments import GIF, JPEG, PNG, WEBP, InvalidAttachment, checked_file

PICTURE_SIZE = 256
PICTURE_TYPE = PNG
PICTURE_MAX_BYTES = 10 * 1024 * 1024
_PICTURES = {PNG, JPEG, GIF, WEBP}


class InvalidPicture(ValueError):
    """The upload cannot be a profile picture; the message says why."""


class InvalidCrop(InvalidPicture):
    """The square asked for does not lie inside the picture."""


@dataclasses.dataclass(frozen=True)
class Crop:
    """The square to keep, in the original's pixels: its left, top and side. None: the centre square."""

    left: int
    top: int
    side: int

    @classmethod
    def centred(cls, width: int, height: int) -> Crop:
        side = min(width, height)
        return cls((width - side) // 2, (height - side) // 2, side)

    def check(self, width: int, height: int) -> None:
        if self.side < 1 or self.left < 0 or self.top < 0:
            raise InvalidCrop("The square must lie inside the picture.")
        if self.left + self.side > width or self.top + self.side > height:
            raise InvalidCrop(f"The square must lie inside the picture ({width} x {height} pixels).")


def picture_kind(filename: str, data: bytes) -> str:
    """The upload's type when it is a picture; InvalidPicture otherwise (the attachments' sniffing)."""
    try:
        _, kind, _ = checked_file(filename, data, PICTURE_MAX_BYTES, "pictures")
    except InvalidAttachment as error:
        raise InvalidPicture(str(error)) from None
    if kind not in _PICTURES:
        raise InvalidPicture("Choose a picture: PNG, JPEG, GIF or WebP.")
    return kind


@dataclasses.dataclass
class ProfilePicture:
    practice_id: str
    client_id: str
    storage_key: str
    updated_at: dt.datetime
    updated_by: str
