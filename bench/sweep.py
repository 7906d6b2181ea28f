"""One scheduler sweep (expiries + reminders) with 1,000 and with 100,000 pending invitations, of which
the same 100 are due (50 to expire, 50 to remind), in databases built by the invitations migrations.

Prints one JSON object: {"sweep_1k_ms", "sweep_100k_ms", "ratio", "due", "repeats", "database"}.
Goal (issue 5): ratio <= 2, i.e. the sweep costs O(due items), not O(all items).
Usage: .venv/bin/python bench/sweep.py [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import statistics
import time
import uuid
from pathlib import Path

from invitations.adapters.orm import client_portals, invitations
from invitations.adapters.unit_of_work import InvitationsUnitOfWork
from invitations.service.scheduling import sweep
from invitations.service.sending import Mailing
from portalkit.clock import FixedClock
from portalkit.db import make_engine, make_session_factory
from portalkit.migrations import upgrade
from portalkit.outbox import OUTBOX
from portalkit.sealed import Sealer, new_key
from portalkit.testing import temporary_database
from sqlalchemy import delete, insert, update

MIGRATIONS = Path(__file__).resolve().parents[1] / "services" / "invitations" / "migrations"
NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
DUE = 100
PRACTICE = "bench-practice"


def rows(count: int, sealed_token: str) -> tuple[list[dict], list[dict]]:
    """`count` open invitations: the first DUE are due now (half expiring, half to remind), the rest later."""
    invitation_rows, portal_rows = [], []
    for index in range(count):
        client_id, sent_at = str(uuid.uuid4()), NOW - dt.timedelta(hours=100)
        expires_at = NOW + dt.timedelta(hours=25 + index % 80)  # reminded an hour from now or later
        if index < DUE:  # the first half lapsed a minute ago; the second half expires in 12 hours
            expires_at = NOW - dt.timedelta(minutes=1) if index < DUE // 2 else NOW + dt.timedelta(hours=12)
        remind_at = expires_at - dt.timedelta(hours=24)
        invitation_rows.append(
            {
                "id": str(uuid.uuid4()),
                "practice_id": PRACTICE,
                "client_id": client_id,
                "email": f"client{index}@example.org",
                "first_name": "Robin",
                "practice_name": "Bench Practice",
                "token_hash": uuid.uuid4().hex + uuid.uuid4().hex,
                "sent_at": sent_at,
                "sent_by": "staff-1",
                "expires_at": expires_at,
                "sealed_token": sealed_token,
                "remind_at": remind_at if remind_at > sent_at else None,
                "expiry_due_at": expires_at,
            }
        )
        portal_rows.append(
            {
                "practice_id": PRACTICE,
                "client_id": client_id,
                "status": "invited",
                "email": f"client{index}@example.org",
            }
            | {"invited_at": sent_at, "expires_at": expires_at}
        )
    return invitation_rows, portal_rows


def fill(engine, count: int, mailing: Mailing) -> list[dict]:
    invitation_rows, portal_rows = rows(count, mailing.seal_token("bench-token"))
    with engine.begin() as connection:
        for start in range(0, count, 5000):
            connection.execute(insert(invitations), invitation_rows[start : start + 5000])
            connection.execute(insert(client_portals), portal_rows[start : start + 5000])
    return invitation_rows[:DUE]


def make_due_again(engine, due_rows: list[dict]) -> None:
    """The same 100 rows become due again, as they were before the previous sweep."""
    with engine.begin() as connection:
        for row in due_rows:
            markers = {key: row[key] for key in ("sealed_token", "remind_at", "expiry_due_at")}
            connection.execute(
                update(invitations).where(invitations.c.id == row["id"]).values(reminded_at=None, **markers)
            )
        connection.execute(delete(OUTBOX))


def measure(base_url: str, count: int, repeats: int) -> float:
    mailing = Mailing(Sealer(new_key()), "https://portal.example", 120, 24)
    with temporary_database(base_url, "bench_sweep") as url:
        upgrade(MIGRATIONS, url)
        engine = make_engine(url)
        due_rows = fill(engine, count, mailing)
        unit_of_work = functools.partial(InvitationsUnitOfWork, make_session_factory(engine), FixedClock(NOW))
        timings = []
        for _ in range(repeats):
            make_due_again(engine, due_rows)
            started = time.perf_counter()
            expired, reminded = sweep(unit_of_work, mailing)
            timings.append((time.perf_counter() - started) * 1000)
            assert (expired, reminded) == (DUE // 2, DUE // 2), (expired, reminded)
        engine.dispose()
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="sqlite://", help="server to create temporary databases on")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    small = measure(args.database_url, 1_000, args.repeats)
    large = measure(args.database_url, 100_000, args.repeats)
    database = args.database_url.split(":", 1)[0]
    figures = {"sweep_1k_ms": round(small, 2), "sweep_100k_ms": round(large, 2), "ratio": round(large / small, 2)}
    print(json.dumps({**figures, "due": DUE, "repeats": args.repeats, "database": database}))


if __name__ == "__main__":
    main()
