"""A consent signature and the evidence that makes it hold: who (profile and account), when, from
where (IP, user agent), and exactly what (the SHA-256 of the document version's canonical text)."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import io

from PIL import Image, UnidentifiedImageError

from forms.domain.assignment import AnswersInvalid

MAX_NAME = 200
MAX_DRAWING_BYTES = 200_000
MAX_DRAWING_PIXELS = (2000, 1000)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DRAWING_PREFIX = "data:image/png;base64,"


@dataclasses.dataclass(frozen=True)
class Evidence:
    ip: str | None
    user_agent: str | None


@dataclasses.dataclass
class ConsentSignature:
    id: str
    practice_id: str
    assignment_id: str
    client_id: str
    account_id: str
    template_id: str
    template_version_id: str
    full_name: str
    drawing_png: bytes | None
    signed_at: dt.datetime
    ip: str | None
    user_agent: str | None
    document_sha256: str
    # Set when a newer version of the document asks the client to sign again.
    resign_requested_at: dt.datetime | None = None
    resign_assignment_id: str | None = None

    @property
    def needs_resigning(self) -> bool:
        return self.resign_requested_at is not None


def check_signing(full_name: str, agree: bool, drawing: str | None) -> tuple[str, bytes | None]:
    """The signed name and the drawing as PNG bytes; raises AnswersInvalid naming each problem."""
    problems: dict[str, list[str]] = {}
    name = " ".join(full_name.split())
    if not name or len(name) > MAX_NAME:
        problems["full_name"] = [f"Type your full name (at most {MAX_NAME} characters)."]
    if agree is not True:
        problems["agree"] = ["Tick the agreement to sign."]
    png = None
    if drawing:
        png = _png_of(drawing)
        if png is None:
            problems["drawing"] = [f"A drawing is a PNG data URL of at most {MAX_DRAWING_BYTES} bytes."]
    if problems:
        raise AnswersInvalid(problems)
    return name, png


def _png_of(drawing: str) -> bytes | None:
    if not drawing.startswith(DRAWING_PREFIX):
        return None
    try:
        png = base64.b64decode(drawing[len(DRAWING_PREFIX) :], validate=True)
    except (binascii.Error, ValueError):
        return None
    if not png.startswith(PNG_MAGIC) or len(png) > MAX_DRAWING_BYTES:
        return None
    return png if _whole_png(png) else None


def _whole_png(png: bytes) -> bool:
    """A PNG that decodes completely, within the size a signature pad draws (the PDF embeds it later)."""
    try:
        with Image.open(io.BytesIO(png)) as image:
            if image.format != "PNG" or image.width > MAX_DRAWING_PIXELS[0] or image.height > MAX_DRAWING_PIXELS[1]:
                return False
            image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return False
    return True
