"""Every file is scanned before it is stored: a clean one is stored under its key; one the scanner
recognises is refused (422 naming `file`), recorded and never stored; no verdict is 503, nothing stored."""

import datetime as dt

import pytest
from messaging.domain.threads import Side
from messaging.service.file_intake import FileIntake, ScannerUnavailable, StoredBytes, Verdict
from messaging.service.threads import Party
from portalkit.clock import UTC, FixedClock
from portalkit.errors import Problem, ValidationProblem
from portalkit.testing import MemoryObjectStore

PDF = b"%PDF-1.4\n%%EOF\n"
ANA = Party("practice-a", "account-1", Side.CLIENT, "client-1")


class Scanner:
    def __init__(self, verdict=None, unavailable=False):
        self.verdict, self.unavailable, self.seen = verdict or Verdict(), unavailable, []

    def scan(self, data):
        self.seen.append(data)
        if self.unavailable:
            raise ScannerUnavailable("down")
        return self.verdict


class RefusedFiles:
    def __init__(self):
        self.rows = []

    def add(self, *row):
        self.rows.append(row)


class UnitOfWork:
    def __init__(self):
        self.clock = FixedClock(dt.datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
        self.refused_files = RefusedFiles()
        self.commits = 0

    def commit(self):
        self.commits += 1


def test_a_clean_file_is_scanned_then_stored():
    objects, scanner, uow = MemoryObjectStore(), Scanner(), UnitOfWork()

    FileIntake(objects, scanner).store(uow, ANA, "upload", StoredBytes("documents/abc", PDF, "application/pdf"))

    assert (scanner.seen, objects.get("documents/abc").data) == ([PDF], PDF)
    assert (uow.refused_files.rows, uow.commits) == ([], 0)


def test_an_infected_file_is_refused_recorded_and_never_stored():
    objects, uow = MemoryObjectStore(), UnitOfWork()

    with pytest.raises(ValidationProblem) as refused:
        FileIntake(objects, Scanner(Verdict("Eicar-Test-Signature"))).store(
            uow, ANA, "attachment", StoredBytes("attachments/abc", PDF, "application/pdf")
        )

    assert refused.value.to_dict()["errors"] == {"file": ["This file cannot be accepted."]}
    assert not objects.exists("attachments/abc")
    assert uow.refused_files.rows == [
        ("practice-a", "account-1", "client", "attachment", "Eicar-Test-Signature", uow.clock.now())
    ]
    assert uow.commits == 1


def test_without_a_verdict_nothing_is_stored():
    objects, uow = MemoryObjectStore(), UnitOfWork()

    with pytest.raises(Problem) as unavailable:
        FileIntake(objects, Scanner(unavailable=True)).store(
            uow, ANA, "upload", StoredBytes("documents/abc", PDF, "application/pdf")
        )

    assert (unavailable.value.status, unavailable.value.code) == (503, "virus-scan-unavailable")
    assert not objects.exists("documents/abc")
    assert (uow.refused_files.rows, uow.commits) == ([], 0)
