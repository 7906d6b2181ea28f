"""ClamAV's daemon adapter against a local server speaking clamd's INSTREAM protocol (portalkit's
clamd_test_server), over TCP and over a unix socket: a clean file passes, the EICAR test string is
found, a file larger than one chunk arrives whole, and a daemon that is not there or answers nonsense
gives no verdict."""

import socket
import threading

import pytest
from messaging.adapters.virus_scanner import CHUNK_BYTES, ClamdScanner, NoScanner, make_scanner
from messaging.service.file_intake import ScannerUnavailable, Verdict
from messaging.settings import MessagingSettings
from portalkit.clamd_testing import EICAR, EICAR_SIGNATURE, clamd_test_server

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(params=["tcp", "unix"])
def clamd(request, tmp_path):
    with clamd_test_server(tmp_path / "clamd.sock" if request.param == "unix" else None) as running:
        yield running


def test_a_clean_file_passes_and_the_eicar_string_is_found(clamd):
    address, scanned = clamd
    scanner = ClamdScanner(address, timeout=5)

    assert scanner.scan(PDF_BYTES) == Verdict()
    assert scanner.scan(PDF_BYTES + EICAR) == Verdict(EICAR_SIGNATURE)
    assert scanned == [len(PDF_BYTES), len(PDF_BYTES) + len(EICAR)]


def test_a_file_larger_than_a_chunk_arrives_whole(clamd):
    address, scanned = clamd
    big = b"%PDF-1.4\n" + b"x" * (3 * CHUNK_BYTES + 17)

    assert ClamdScanner(address, timeout=5).scan(big + EICAR).signature == EICAR_SIGNATURE
    assert scanned == [len(big) + len(EICAR)]


def test_a_daemon_that_is_not_there_gives_no_verdict(tmp_path):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    for address in (f"127.0.0.1:{port}", f"unix:{tmp_path / 'missing.sock'}"):
        with pytest.raises(ScannerUnavailable):
            ClamdScanner(address, timeout=2).scan(PDF_BYTES)


def test_an_error_or_a_closed_connection_is_no_verdict():
    for reply in (b"INSTREAM size limit exceeded. ERROR\0", b""):
        with socket.socket() as listener:
            listener.bind(("127.0.0.1", 0))
            listener.listen(1)
            thread = threading.Thread(target=_answer_once, args=(listener, reply))
            thread.start()
            with pytest.raises(ScannerUnavailable):
                ClamdScanner(f"127.0.0.1:{listener.getsockname()[1]}", timeout=5).scan(PDF_BYTES)
            thread.join(timeout=5)


def _answer_once(listener, reply):
    connection, _ = listener.accept()
    with connection:
        connection.recv(65536)
        connection.sendall(reply)


def test_settings_pick_the_scanner():
    assert isinstance(make_scanner(MessagingSettings()), NoScanner)
    chosen = make_scanner(MessagingSettings(virus_scan="clamav", clamd_address="127.0.0.1:3310"))
    assert isinstance(chosen, ClamdScanner)
    with pytest.raises(RuntimeError):
        make_scanner(MessagingSettings(virus_scan="clamav"))
    with pytest.raises(RuntimeError):
        make_scanner(MessagingSettings(virus_scan="sometimes"))
