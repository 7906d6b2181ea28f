"""How every file comes in (attachments, documents, uploads): scanned for viruses, then stored.
`VirusScanner` is the port (`adapters/virus_scanner.py`: ClamAV's daemon, or none by default). A file
found infected is refused (422 naming `file`), nothing is stored and the refusal is recorded; a scanner
that cannot answer refuses every file (503): nothing is ever stored unscanned."""

from __future__ import annotations

import dataclasses
from typing import Protocol

from portalkit.errors import Problem, ValidationProblem
from portalkit.storage import ObjectStore

from messaging.adapters.repository import MessagingUnitOfWork
from messaging.service.threads import Party

REFUSED = "This file cannot be accepted."


@dataclasses.dataclass(frozen=True)
class Verdict:
    """What the scanner found: nothing (`signature` None) or the name of what it recognised."""

    signature: str | None = None

    @property
    def clean(self) -> bool:
        return self.signature is None


class ScannerUnavailable(RuntimeError):
    """The scanner could not be reached or gave no verdict."""


class VirusScanner(Protocol):
    def scan(self, data: bytes) -> Verdict:
        """The verdict on `data`; ScannerUnavailable when there is none."""


@dataclasses.dataclass(frozen=True)
class FileIntake:
    objects: ObjectStore
    scanner: VirusScanner

    def store(self, uow: MessagingUnitOfWork, who: Party, where: str, stored: StoredBytes) -> None:
        """Inside the caller's unit of work, before its row is written: scanned, then stored under the
        key. An infected file is recorded as refused (committed on its own) and answered 422."""
        try:
            verdict = self.scanner.scan(stored.data)
        except ScannerUnavailable:
            raise Problem(503, "virus-scan-unavailable", "Files cannot be checked just now. Try again later.") from None
        if not verdict.clean:
            now = uow.clock.now()
            uow.refused_files.add(who.practice_id, who.account_id, who.side.value, where, str(verdict.signature), now)
            uow.commit()
            raise ValidationProblem({"file": [REFUSED]})
        # Stored before the row commits: a failed commit leaves an object nobody can name, never a row
        # without its bytes.
        self.objects.put(stored.key, stored.data, stored.content_type)


@dataclasses.dataclass(frozen=True)
class StoredBytes:
    key: str
    data: bytes
    content_type: str
