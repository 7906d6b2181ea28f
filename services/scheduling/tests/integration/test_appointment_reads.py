"""A client's appointments read while staff answer a request show one moment: each appointment and
its latest request agree.

Only on PostgreSQL: on SQLite every transaction takes the write lock when it begins, so no change
can commit in the middle of a read."""

import pytest
from portalkit.db import make_session_factory
from scheduling.adapters.unit_of_work import SchedulingUnitOfWork
from scheduling.service import requests
from scheduling.service.actors import Staff
from sqlalchemy import event


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_a_cancel_approved_during_the_clients_read_shows_in_both_appointment_and_request_or_neither(
    web, book, as_client, engine, clock, practice
):
    made = book("2026-03-04T15:00:00Z").json["items"][0]
    body = {"kind": "cancel", "reason": "Feeling unwell"}
    asked = web.post(f"/api/v1/appointments/{made['id']}/requests", json=body, headers=as_client).json
    front_desk = Staff(practice, "front-desk-1", "front_desk")
    approved_during_the_read = []

    def approve_after_the_first_appointments_query(conn, cursor, statement, parameters, context, executemany):
        if not approved_during_the_read and "FROM appointments" in statement and "FOR UPDATE" not in statement:
            approved_during_the_read.append(statement)
            uow = SchedulingUnitOfWork(make_session_factory(engine), clock)
            requests.approve(uow, front_desk, asked["id"], None, "")  # another connection: committed now

    event.listen(engine, "after_cursor_execute", approve_after_the_first_appointments_query)
    try:
        during = web.get("/api/v1/appointments", headers=as_client).json
    finally:
        event.remove(engine, "after_cursor_execute", approve_after_the_first_appointments_query)
    after = web.get("/api/v1/appointments", headers=as_client).json

    def seen(appointments):
        return [(a["status"], a["request"]["status"]) for a in appointments["upcoming"] + appointments["past"]]

    assert approved_during_the_read
    assert seen(during) == [("booked", "pending")]
    assert seen(after) == [("cancelled", "approved")]
