"""Files sent with secure messages: what kinds are taken (read from the bytes, never from the name),
how big, and the name they are saved under. PDFs, pictures and Office documents; never programs,
web pages or archives, whatever they are called."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import secrets
import unicodedata
import uuid

PDF = "application/pdf"
PNG, JPEG, GIF, WEBP = "image/png", "image/jpeg", "image/gif", "image/webp"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
LEGACY_OFFICE = {
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
}
MAX_FILENAME_LENGTH = 200
# Programs for Windows, Linux, macOS and scripts: refused with their own words.
_PROGRAMS = (
    b"MZ",
    b"\x7fELF",
    b"#!",
    b"\xca\xfe\xba\xbe",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xcf\xfa\xed\xfe",
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\\"<>:|?*]")


class InvalidAttachment(ValueError):
    """The file cannot be sent; the message says why, in the sender's words."""


def sniff(data: bytes, filename: str) -> str:
    """The file's type from its first bytes; InvalidAttachment for anything not taken."""
    if not data:
        raise InvalidAttachment("The file is empty.")
    if data.startswith(_PROGRAMS):
        raise InvalidAttachment("Programs and scripts cannot be sent, whatever their name.")
    kind = _picture_or_pdf(data) or _office(data, filename)
    if kind is None:
        raise InvalidAttachment("Send a PDF, a picture (PNG, JPEG, GIF, WebP) or an Office document.")
    return kind


def _picture_or_pdf(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    return None


def _office(data: bytes, filename: str) -> str | None:
    if data.startswith(b"PK\x03\x04") and b"[Content_Types].xml" in data:
        # An Office Open XML file is a zip whose parts name the application; any other zip is refused.
        for part, kind in ((b"word/", DOCX), (b"xl/", XLSX), (b"ppt/", PPTX)):
            if part in data:
                return kind
    if data.startswith(_OLE):
        return LEGACY_OFFICE.get(_extension(filename))
    return None


def _extension(filename: str) -> str:
    name = filename.lower()
    return name[name.rfind(".") :] if "." in name else ""


def safe_filename(filename: str) -> str:
    """The name shown and offered on download: no path, no control or quoting characters."""
    base = re.split(r"[/\\]", unicodedata.normalize("NFC", filename or ""))[-1]
    cleaned = _UNSAFE_NAME.sub("_", base).strip(" .")
    return (cleaned or "file")[-MAX_FILENAME_LENGTH:]


@dataclasses.dataclass
class Attachment:
    id: str
    practice_id: str
    thread_id: str
    message_id: str | None
    uploaded_by: str
    filename: str
    content_type: str
    size: int
    storage_key: str
    created_at: dt.datetime

    @classmethod
    def receive(
        cls,
        practice_id: str,
        thread_id: str,
        uploaded_by: str,
        filename: str,
        data: bytes,
        limit: int,
        now: dt.datetime,
    ) -> Attachment:
        name, kind, key = checked_file(filename, data, limit, "attachments")
        return cls(str(uuid.uuid4()), practice_id, thread_id, None, uploaded_by, name, kind, len(data), key, now)


def checked_file(filename: str, data: bytes, limit: int, folder: str) -> tuple[str, str, str]:
    """A received file's safe name, sniffed type and a new storage key under `folder`; InvalidAttachment
    when it is too large or not a kind that is taken (attachments, shared documents and uploads alike)."""
    if len(data) > limit:
        raise InvalidAttachment(too_large(limit))
    kind = sniff(data, filename)
    # A random key: nothing about the client, the thread or the name is in the storage.
    return safe_filename(filename), kind, f"{folder}/{secrets.token_hex(16)}"


MEGABYTE = 1024 * 1024


def too_large(limit: int) -> str:
    """What a refused file is told: the limit in MB (`1.5 MB` when not whole)."""
    return f"A file can be at most {round(limit / MEGABYTE, 1):g} MB."
