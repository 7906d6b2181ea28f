"""A portal read while its account changes shows one moment: its status and its timeline agree.

Only on PostgreSQL: on SQLite every transaction takes the write lock when it begins, so no change
can commit in the middle of a read."""

import functools
import uuid

import pytest
from invitations.adapters.unit_of_work import InvitationsUnitOfWork
from invitations.service.portals import AccountChange, record_account_change
from portalkit.db import make_session_factory
from sqlalchemy import event


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_an_enabling_committed_during_a_status_read_shows_in_both_status_and_timeline_or_neither(
    web, signed_in, identity, engine, clock
):
    unit_of_work = functools.partial(InvitationsUnitOfWork, make_session_factory(engine), clock)
    client_id = identity.add_client()
    web.post(f"/api/v1/staff/clients/{client_id}/invitations", json={}, headers=signed_in())
    account_id = str(uuid.uuid4())

    def change(kind):
        clock.advance(minutes=1)
        with unit_of_work() as uow:
            record_account_change(uow, AccountChange(kind, "practice-1", client_id, account_id, "owner-1", clock.now()))
            uow.commit()

    change("verified")
    change("disabled")
    enabled_during_the_read = []

    def enable_after_the_first_portal_query(conn, cursor, statement, parameters, context, executemany):
        if not enabled_during_the_read and "FROM client_portals" in statement and "FOR UPDATE" not in statement:
            enabled_during_the_read.append(statement)
            change("enabled")  # another connection: committed before the read's next statement, if any

    event.listen(engine, "after_cursor_execute", enable_after_the_first_portal_query)
    try:
        during = web.get(f"/api/v1/staff/clients/{client_id}/portal-status", headers=signed_in()).json
    finally:
        event.remove(engine, "after_cursor_execute", enable_after_the_first_portal_query)
    after = web.get(f"/api/v1/staff/clients/{client_id}/portal-status", headers=signed_in()).json

    assert enabled_during_the_read
    assert (during["status"], [entry["status"] for entry in during["timeline"]][-2:]) == (
        "disabled",
        ["active", "disabled"],
    )
    assert (after["status"], [entry["status"] for entry in after["timeline"]][-2:]) == (
        "active",
        ["disabled", "re-enabled"],
    )
