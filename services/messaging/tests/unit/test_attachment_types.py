"""What may be sent with a message is read from the file's bytes: PDFs, pictures and Office documents;
a program is refused whatever its name, and so are web pages and other zips; names lose their paths."""

import datetime as dt

import pytest
from messaging.domain.attachments import (
    DOCX,
    GIF,
    JPEG,
    PDF,
    PNG,
    WEBP,
    Attachment,
    InvalidAttachment,
    safe_filename,
    sniff,
)
from portalkit.clock import UTC

DOCX_BYTES = b"PK\x03\x04" + b"\x00" * 26 + b"[Content_Types].xml" + b"\x00" * 10 + b"word/document.xml"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b"%PDF-1.7\n...", "letter.pdf", PDF),
        (b"\x89PNG\r\n\x1a\n....", "card.png", PNG),
        (b"\xff\xd8\xff\xe0....", "scan.jpg", JPEG),
        (b"GIF89a....", "a.gif", GIF),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "a.webp", WEBP),
        (DOCX_BYTES, "plan.docx", DOCX),
        (OLE, "old.doc", "application/msword"),
        (b"%PDF-1.4", "no-extension", PDF),
    ],
)
def test_taken_kinds_come_from_the_bytes(data, name, kind):
    assert sniff(data, name) == kind


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (b"MZ\x90\x00" + b"\x00" * 60, "invoice.pdf", "Programs"),
        (b"\x7fELF\x02\x01", "photo.png", "Programs"),
        (b"#!/bin/sh\nrm -rf ~", "notes.docx", "Programs"),
        (b"<!DOCTYPE html><script>alert(1)</script>", "letter.pdf", "Send a PDF"),
        (b"PK\x03\x04 just a zip with payload.exe", "archive.docx", "Send a PDF"),
        (OLE, "macro.exe", "Send a PDF"),
        (b"", "empty.pdf", "empty"),
    ],
)
def test_anything_else_is_refused_whatever_its_name(data, name, says):
    with pytest.raises(InvalidAttachment) as refused:
        sniff(data, name)
    assert says in str(refused.value)


def test_a_file_over_the_limit_is_refused_and_one_at_it_is_taken():
    now = dt.datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    taken = Attachment.receive("p", "t", "a", "x.pdf", b"%PDF-" + b"x" * 95, 100, now)
    assert (taken.size, taken.content_type, taken.message_id) == (100, PDF, None)
    assert taken.storage_key.startswith("attachments/") and "x.pdf" not in taken.storage_key
    with pytest.raises(InvalidAttachment):
        Attachment.receive("p", "t", "a", "x.pdf", b"%PDF-" + b"x" * 96, 100, now)


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\ana\\letter.pdf", "letter.pdf"),
        ('a"b<c>.pdf', "a_b_c_.pdf"),
        ("\x00\n.pdf", "__.pdf"),
        ("", "file"),
        ("Überweisung März.pdf", "Überweisung März.pdf"),
    ],
)
def test_names_lose_paths_and_quoting_characters(given, kept):
    assert safe_filename(given) == kept
