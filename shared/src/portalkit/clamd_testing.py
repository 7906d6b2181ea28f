"""A stand-in for ClamAV's daemon in tests: it speaks clamd's INSTREAM protocol (`zINSTREAM\\0`, then
chunks each prefixed by a 4-byte big-endian length, a zero length ending the stream) on a TCP port or a
unix socket, and finds one "virus": the EICAR anti-virus test string, anywhere in the stream. The real
daemon cannot be used offline: it refuses to start without signature databases, which come from
ClamAV's mirrors."""

from __future__ import annotations

import contextlib
import socketserver
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

# Built from parts, so this source file itself is not taken for the test file by a scanner on the machine.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-" + b"TEST-FILE!$H+H*"
EICAR_SIGNATURE = "Eicar-Test-Signature"
STREAM_MAX_BYTES = 25 * 1024 * 1024


class _InstreamHandler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        command = self._until_null()
        if command != b"zINSTREAM":
            self._answer(f"{command.decode(errors='replace')}: Unknown command. ERROR")
            return
        received = bytearray()
        while True:
            header = self.rfile.read(4)
            if len(header) < 4:
                return
            (length,) = struct.unpack(">I", header)
            if length == 0:
                break
            received += self.rfile.read(length)
            if len(received) > STREAM_MAX_BYTES:
                self._answer("INSTREAM size limit exceeded. ERROR")
                return
        self.server.scanned.append(len(received))  # type: ignore[attr-defined]
        self._answer(f"stream: {EICAR_SIGNATURE} FOUND" if EICAR in received else "stream: OK")

    def _until_null(self) -> bytes:
        command = bytearray()
        while (byte := self.rfile.read(1)) not in (b"\0", b""):
            command += byte
        return bytes(command)

    def _answer(self, reply: str) -> None:
        self.wfile.write(reply.encode() + b"\0")


class _TcpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    scanned: list[int]


class _UnixServer(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True
    scanned: list[int]


@contextlib.contextmanager
def clamd_test_server(unix_path: Path | None = None) -> Iterator[tuple[str, list[int]]]:
    """Runs until the block ends; yields its address (`127.0.0.1:<port>` or `unix:<path>`, as
    CLAMD_ADDRESS takes it) and the sizes of the streams it scanned, in order."""
    server: _TcpServer | _UnixServer
    if unix_path is None:
        server = _TcpServer(("127.0.0.1", 0), _InstreamHandler)
        address = f"127.0.0.1:{server.server_address[1]}"
    else:
        server = _UnixServer(str(unix_path), _InstreamHandler)
        address = f"unix:{unix_path}"
    scanned: list[int] = []
    server.scanned = scanned
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield address, scanned
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
