"""Virus scanners behind the `VirusScanner` port (service/file_intake.py), picked by VIRUS_SCAN:
`off` (the default: `NoScanner`, every file passes) or `clamav` (`ClamdScanner`, ClamAV's daemon).

clamd's INSTREAM command, null-terminated (`zINSTREAM\\0`), on a TCP or unix socket: the file follows
in chunks, each prefixed by its length as a 4-byte big-endian unsigned integer, and a zero length ends
it. clamd answers `stream: OK`, `stream: <signature> FOUND` or `<reason> ERROR` (such as its
StreamMaxLength exceeded), null-terminated, and closes the connection."""

from __future__ import annotations

import socket
import struct

from messaging.service.file_intake import ScannerUnavailable, Verdict, VirusScanner
from messaging.settings import MessagingSettings

CHUNK_BYTES = 64 * 1024
MAX_REPLY_BYTES = 4096
UNIX_PREFIX = "unix:"


class NoScanner:
    """Scanning off: every file passes."""

    def scan(self, data: bytes) -> Verdict:
        return Verdict()


class ClamdScanner:
    """`address`: `host:port` or `unix:/path/to/clamd.ctl`."""

    def __init__(self, address: str, timeout: float = 30.0) -> None:
        self._address = address
        self._timeout = timeout

    def scan(self, data: bytes) -> Verdict:
        try:
            with self._connect() as connection:
                connection.sendall(b"zINSTREAM\0")
                for start in range(0, len(data), CHUNK_BYTES):
                    chunk = data[start : start + CHUNK_BYTES]
                    connection.sendall(struct.pack(">I", len(chunk)) + chunk)
                connection.sendall(struct.pack(">I", 0))
                reply = _reply(connection)
        except OSError as error:
            raise ScannerUnavailable(f"clamd: {error}") from error
        return _verdict(reply)

    def _connect(self) -> socket.socket:
        if self._address.startswith(UNIX_PREFIX):
            connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            connection.settimeout(self._timeout)
            try:
                connection.connect(self._address.removeprefix(UNIX_PREFIX))
            except OSError:
                connection.close()
                raise
            return connection
        host, _, port = self._address.rpartition(":")
        return socket.create_connection((host.strip("[]"), int(port)), timeout=self._timeout)


def _reply(connection: socket.socket) -> str:
    received = b""
    while b"\0" not in received and len(received) < MAX_REPLY_BYTES:
        part = connection.recv(MAX_REPLY_BYTES)
        if not part:
            break
        received += part
    return received.split(b"\0", 1)[0].decode("utf-8", "replace").strip()


def _verdict(reply: str) -> Verdict:
    if reply == "stream: OK":
        return Verdict()
    if reply.startswith("stream: ") and reply.endswith(" FOUND"):
        return Verdict(reply.removeprefix("stream: ").removesuffix(" FOUND").strip()[:200] or "unknown")
    raise ScannerUnavailable(f"clamd gave no verdict: {reply[:200]!r}")


def make_scanner(settings: MessagingSettings) -> VirusScanner:
    if settings.virus_scan == "off":
        return NoScanner()
    if settings.virus_scan == "clamav":
        if not settings.clamd_address:
            raise RuntimeError("VIRUS_SCAN=clamav needs CLAMD_ADDRESS")
        return ClamdScanner(settings.clamd_address, settings.clamd_timeout)
    raise RuntimeError(f"VIRUS_SCAN must be off or clamav, not {settings.virus_scan!r}")
