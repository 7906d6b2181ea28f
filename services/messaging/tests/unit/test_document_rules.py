"""A document's rules: its title, the file checks it shares with attachments, when it waits for the client."""

import datetime as dt

import pytest
from messaging.domain.attachments import InvalidAttachment
from messaging.domain.documents import Document, NothingToAcknowledge, Origin
from portalkit.clock import UTC

NOW = dt.datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
PDF = b"%PDF-1.7\n"


def receive(origin=Origin.PRACTICE, data=PDF, name="letter.pdf", title=None, needs_acknowledgement=False):
    return Document.receive(origin, "p", "c", "a", (name, data, 1024), title, NOW, needs_acknowledgement)


def test_the_title_defaults_to_the_safe_file_name_and_the_key_is_random():
    document = receive(name="../../etc/letter.pdf", title="  ")

    assert (document.title, document.filename, document.content_type) == ("letter.pdf", "letter.pdf", "application/pdf")
    assert document.storage_key.startswith("documents/") and "letter" not in document.storage_key
    assert receive().storage_key != document.storage_key


@pytest.mark.parametrize("data", [b"MZ\x90\x00", b"<html><body>hi</body></html>", b"%PDF-" + b"x" * 1024])
def test_programs_pages_and_large_files_are_refused(data):
    with pytest.raises(InvalidAttachment):
        receive(data=data, name="letter.pdf")


def test_a_shared_document_waits_until_opened_or_acknowledged_as_asked():
    plain, asked, own = receive(), receive(needs_acknowledgement=True), receive(Origin.CLIENT)
    assert (plain.waiting, asked.waiting, own.waiting) == (True, True, False)

    plain.opened_by_client(NOW)
    asked.opened_by_client(NOW)
    assert (plain.waiting, asked.waiting) == (False, True)
    assert asked.acknowledge("a", NOW) is True
    assert asked.acknowledge("a", NOW + dt.timedelta(minutes=1)) is False
    assert (asked.waiting, asked.acknowledged_at) == (False, NOW)


def test_only_what_the_practice_asked_about_can_be_acknowledged():
    # A client's own upload never asks for an acknowledgement, even when told to.
    for document in (receive(), receive(Origin.CLIENT, needs_acknowledgement=True)):
        with pytest.raises(NothingToAcknowledge):
            document.acknowledge("a", NOW)
