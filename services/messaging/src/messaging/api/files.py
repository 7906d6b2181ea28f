"""Files over HTTP, for attachments and documents alike: one file read from a multipart form within the
size limit, and a file answered as a download that a browser never shows in the page."""

from __future__ import annotations

from typing import Protocol
from urllib.parse import quote

from flask import Response, request
from portalkit.errors import ValidationProblem

from messaging.domain.attachments import too_large as too_large_message

# What multipart framing adds to a file.
FORM_OVERHEAD = 16 * 1024
UPLOAD_FORM = {
    "content": {
        "multipart/form-data": {
            "schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
        }
    }
}


class StoredFile(Protocol):
    filename: str
    content_type: str


def uploaded_file(limit: int) -> tuple[str, bytes]:
    """The multipart field `file`: its name and bytes; 422 naming `file` when missing or too large."""
    too_large = ValidationProblem({"file": [too_large_message(limit)]})
    if (request.content_length or 0) > limit + FORM_OVERHEAD:
        raise too_large
    request.max_content_length = limit + FORM_OVERHEAD
    upload = request.files.get("file")
    if upload is None:
        raise ValidationProblem({"file": ["Send the file as the multipart/form-data field `file`."]})
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise too_large
    return upload.filename or "file", data


def as_download(found: StoredFile, data: bytes) -> Response:
    """Always a download, never shown in the page: a picture or a PDF cannot run anything here."""
    response = Response(data, mimetype=found.content_type)
    ascii_name = found.filename.encode("ascii", "replace").decode().replace("?", "_")
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(found.filename, safe='')}"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response
