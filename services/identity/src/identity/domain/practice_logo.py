"""A practice's logo: what an upload may be, where the stored image lives and the address pages use.

The kind of image is read from its first bytes, never from a file name or a declared type; only
PNG, JPEG and WebP are taken, at most 1 MB. The image is then drawn again by the server
(adapters/logo_images.py), so what is stored and served is a fresh file of known kind and size.
Each stored version has its own key and address (``?v=<version>``), so a browser may keep it long.
"""

from __future__ import annotations

import dataclasses

MAX_UPLOAD_BYTES = 1024 * 1024
# The logo is drawn to fit in this box (pixels), keeping its proportions; smaller ones stay as they are.
LOGO_BOX = (400, 160)
PNG, JPEG, WEBP = "image/png", "image/jpeg", "image/webp"
CONTENT_TYPES = (PNG, JPEG, WEBP)


class LogoInvalid(ValueError):
    """An upload that cannot be the practice's logo; the message says why, for the person."""


@dataclasses.dataclass(frozen=True)
class LogoImage:
    """A logo as drawn by the server: the bytes served, their type and a version naming them."""

    data: bytes
    content_type: str
    version: str


def sniff_image_type(data: bytes) -> str | None:
    """The image type the bytes begin with, among those a logo may be; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    return None


def check_upload(data: bytes) -> str:
    """The upload's image type, or LogoInvalid saying what is wrong with it."""
    if not data:
        raise LogoInvalid("Choose an image file.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise LogoInvalid("The logo must be at most 1 MB.")
    kind = sniff_image_type(data)
    if kind is None:
        raise LogoInvalid("The logo must be a PNG, JPEG or WebP image.")
    return kind


def logo_key(practice_id: str, version: str) -> str:
    """Where a version of the practice's logo is stored (portalkit.storage key)."""
    return f"practices/{practice_id}/logo-{version}"


def logo_path(practice_id: str, version: str | None) -> str | None:
    """The same-origin address pages show the logo from; None when the practice has none."""
    if version is None:
        return None
    return f"/api/v1/practices/{practice_id}/logo?v={version}"
