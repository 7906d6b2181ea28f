"""Migration 0004 keeps every pending reminder: a day (`remind_on`) becomes 09:00 UTC on that day
(`remind_at`), and back on a downgrade; on SQLite and PostgreSQL."""

import datetime as dt

import pytest
import sqlalchemy as sa
from portalkit.db import make_engine
from portalkit.migrations import downgrade, upgrade
from portalkit.testing import temporary_database

from .conftest import MIGRATIONS_DIR, POSTGRES_URL

ROW = {
    "practice_id": "p-1",
    "client_id": "c-1",
    "template_id": "t-1",
    "template_version_id": "v-1",
    "kind": "form",
    "title": "Adult intake",
    "assigned_at": "2026-01-05 09:00:00",
    "status": "pending",
    "draft": "{}",
    "risk_flag": False,
}


@pytest.mark.parametrize("base", ["sqlite://", POSTGRES_URL])
def test_pending_reminders_keep_their_day_through_the_upgrade_and_back(base):
    with temporary_database(base, "forms-migration") as url:
        upgrade(MIGRATIONS_DIR, url, "0003")
        engine = make_engine(url)
        with engine.begin() as connection:
            for row_id, remind_on in (("pending", "2026-01-07"), ("reminded", None)):
                values = {**ROW, "id": row_id, "remind_on": remind_on}
                columns = ", ".join(values)
                connection.execute(
                    sa.text(f"INSERT INTO assignments ({columns}) VALUES (:{', :'.join(values)})"), values
                )

        upgrade(MIGRATIONS_DIR, url)
        with engine.connect() as connection:
            upgraded = dict(connection.execute(sa.text("SELECT id, remind_at FROM assignments")).all())
        downgrade(MIGRATIONS_DIR, url, "0003")
        with engine.connect() as connection:
            back = dict(connection.execute(sa.text("SELECT id, remind_on FROM assignments")).all())
        engine.dispose()

    moment = upgraded["pending"]
    moment = dt.datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    assert moment.replace(tzinfo=moment.tzinfo or dt.UTC) == dt.datetime(2026, 1, 7, 9, tzinfo=dt.UTC)
    assert upgraded["reminded"] is None
    assert str(back["pending"]) == "2026-01-07" and back["reminded"] is None
