"""Staff actions, the scheduler and the whole timeline through the HTTP API, on SQLite and PostgreSQL."""

import functools
import threading

import pytest
from invitations.adapters.unit_of_work import InvitationsUnitOfWork
from invitations.service.portals import AccountChange, record_account_change, record_client_created
from invitations.service.scheduling import sweep
from portalkit.db import make_engine, make_session_factory
from portalkit.testing import outbox_events
from sqlalchemy import text

ACCEPT = {
    "password": "a long enough passphrase",
    "accept_terms": True,
    "accept_privacy": True,
    "accept_electronic_notices": True,
}


@pytest.fixture
def staff(signed_in):
    return signed_in(practice_id="practice-1", role="front_desk")


@pytest.fixture
def invite(web, staff):
    def invite(client_id, **body):
        return web.post(f"/api/v1/staff/clients/{client_id}/invitations", json=body, headers=staff)

    return invite


@pytest.fixture
def unit_of_work(engine, clock):
    return functools.partial(InvitationsUnitOfWork, make_session_factory(engine), clock)


@pytest.fixture
def run_sweep(unit_of_work, app):
    return lambda: sweep(unit_of_work, app.extensions["invitations"].mailing)


def test_revoke_then_the_link_answers_410_and_copying_finds_nothing(web, identity, invite, staff):
    client_id = identity.add_client()
    invite(client_id)
    link = web.get(f"/api/v1/staff/clients/{client_id}/invitations/current/link", headers=staff)
    token = link.json["url"].rsplit("/", 1)[1]

    revoked = web.post(f"/api/v1/staff/clients/{client_id}/invitations/revoke", headers=staff)

    assert revoked.status_code == 200, revoked.json
    opened = web.get(f"/api/v1/invitations/{token}")
    assert (opened.status_code, opened.json["code"]) == (410, "invitation-revoked")
    again = web.get(f"/api/v1/staff/clients/{client_id}/invitations/current/link", headers=staff)
    assert (again.status_code, again.json["code"]) == (404, "no-open-invitation")


def test_copying_the_link_is_audited_uncached_and_shown_in_the_timeline(web, identity, invite, staff, engine):
    client_id = identity.add_client()
    sent = invite(client_id)

    link = web.get(f"/api/v1/staff/clients/{client_id}/invitations/current/link", headers=staff)

    assert link.status_code == 200
    assert link.headers["Cache-Control"] == "no-store"
    assert link.json["url"].startswith("https://portal.example/invitations/")
    assert link.json["expires_at"] == sent.json["expires_at"]
    assert web.get(f"/api/v1/invitations/{link.json['url'].rsplit('/', 1)[1]}").status_code == 200
    with engine.connect() as connection:
        copies = connection.execute(
            text("SELECT invitation_id, copied_by_email FROM invitation_link_copies WHERE client_id = :c"),
            {"c": client_id},
        ).all()
    assert [tuple(row) for row in copies] == [(sent.json["id"], "front_desk@practice-1.example")]
    status = web.get(f"/api/v1/staff/clients/{client_id}/portal-status", headers=staff).json
    assert status["timeline"][-1]["status"] == "link copied"


def test_billing_staff_cannot_copy_or_revoke(web, identity, invite, signed_in):
    client_id = identity.add_client()
    invite(client_id)
    billing = signed_in(role="billing")

    assert web.get(f"/api/v1/staff/clients/{client_id}/invitations/current/link", headers=billing).status_code == 403
    assert web.post(f"/api/v1/staff/clients/{client_id}/invitations/revoke", headers=billing).status_code == 403


def test_bulk_invite_answers_per_client_and_refuses_unknown_fields(web, identity, staff):
    new_id = identity.add_client()
    signed_up_id = identity.add_client(has_account=True)
    other_practice_id = identity.add_client(practice_id="practice-2")

    answer = web.post(
        "/api/v1/staff/invitations/bulk", json={"client_ids": [new_id, signed_up_id, other_practice_id]}, headers=staff
    )
    refused = web.post("/api/v1/staff/invitations/bulk", json={"client_ids": [new_id], "all": True}, headers=staff)

    assert answer.status_code == 200
    assert [(r["client_id"], r["result"]) for r in answer.json["results"]] == [
        (new_id, "sent"),
        (signed_up_id, "already_signed_up"),
        (other_practice_id, "not_found"),
    ]
    assert refused.status_code == 422 and "all" in refused.json["errors"]


def test_the_list_filters_expired_clients_with_counts(web, identity, invite, signed_in, clock):
    practice = signed_in(practice_id="practice-filters", role="owner")
    expired_id = identity.add_client(practice_id="practice-filters")
    invited_id = identity.add_client(practice_id="practice-filters")
    web.post(f"/api/v1/staff/clients/{expired_id}/invitations", json={}, headers=practice)
    clock.advance(hours=121)
    practice = signed_in(practice_id="practice-filters", role="owner")  # the first token has run out
    web.post(f"/api/v1/staff/clients/{invited_id}/invitations", json={}, headers=practice)

    expired = web.get("/api/v1/staff/portal-statuses?status=expired", headers=practice)
    bad = web.get("/api/v1/staff/portal-statuses?status=lost", headers=practice)

    assert [item["client_id"] for item in expired.json["items"]] == [expired_id]
    assert (expired.json["counts"]["expired"], expired.json["counts"]["invited"]) == (1, 1)
    assert expired.json["counts"]["not_invited"] == 0
    assert bad.status_code == 422


def test_the_timeline_tells_the_whole_story_in_order_with_actors(
    web, identity, signed_in, clock, run_sweep, unit_of_work
):
    client_id = identity.add_client()
    web.post(f"/api/v1/staff/clients/{client_id}/invitations", json={}, headers=signed_in())
    clock.advance(hours=96)
    run_sweep()
    clock.advance(hours=25)
    run_sweep()
    staff = signed_in()
    web.post(f"/api/v1/staff/clients/{client_id}/invitations", json={}, headers=staff)
    link = web.get(f"/api/v1/staff/clients/{client_id}/invitations/current/link", headers=staff).json["url"]
    clock.advance(hours=1)
    account_id = web.post(f"/api/v1/invitations/{link.rsplit('/', 1)[1]}/accept", json=ACCEPT).json["account_id"]
    for kind, actor in [("verified", None), ("signed_in", None), ("disabled", "owner-1"), ("enabled", "owner-2")]:
        clock.advance(hours=1)
        with unit_of_work() as uow:
            record_account_change(uow, AccountChange(kind, "practice-1", client_id, account_id, actor, clock.now()))
            uow.commit()

    status = web.get(f"/api/v1/staff/clients/{client_id}/portal-status", headers=signed_in()).json

    first_sender, resender = status["timeline"][0]["actor"], status["timeline"][3]["actor"]
    assert first_sender != resender  # two signed-in staff members
    assert [(entry["status"], entry["actor"]) for entry in status["timeline"]] == [
        ("invited", first_sender),
        ("reminded", "system"),
        ("expired", "system"),
        ("resent", resender),
        ("link copied", resender),
        ("signed_up", account_id),
        ("active", account_id),
        ("first sign-in", account_id),
        ("disabled", "owner-1"),
        ("re-enabled", "owner-2"),
    ]
    assert status["status"] == "active" and status["last_signed_in_at"] is not None


def test_two_schedulers_at_once_send_each_reminder_once(database_url, identity, invite, clock, app):
    # On PostgreSQL the two sweeps really overlap (SKIP LOCKED); SQLite lets one writer in at a time.
    client_ids = [identity.add_client() for _ in range(60)]
    for client_id in client_ids:
        invite(client_id)
    clock.advance(hours=97)
    mailing = app.extensions["invitations"].mailing
    engines = [make_engine(database_url) for _ in range(2)]
    start, results = threading.Barrier(2), []

    def scheduler(engine):
        unit_of_work = functools.partial(InvitationsUnitOfWork, make_session_factory(engine), clock)
        start.wait()
        results.append(sweep(unit_of_work, mailing, batch_size=7))

    threads = [threading.Thread(target=scheduler, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # The session's database holds other tests' invitations too; these 60 are what this test owns.
    reminded = [e.data["client_id"] for e in outbox_events(engines[0], "invitations.invitation.reminded")]
    assert sorted(c for c in reminded if c in set(client_ids)) == sorted(client_ids)
    assert len(results) == 2
    for engine in engines:
        engine.dispose()


def test_an_invitation_sent_while_the_new_client_is_being_recorded_waits_and_succeeds(
    web, identity, invite, unit_of_work
):
    # Given identity's "client created" event being handled, its transaction not yet committed
    client_id = identity.add_client()
    consumer = unit_of_work().__enter__()
    record_client_created(consumer, "practice-1", client_id)
    answers = []

    # When staff send the invitation at that moment
    sending = threading.Thread(target=lambda: answers.append(invite(client_id)))
    sending.start()
    sending.join(timeout=0.5)
    consumer.commit()
    consumer.__exit__(None, None, None)
    sending.join(timeout=30)

    # Then the send waited for the row instead of failing on it
    assert answers[0].status_code == 201, answers[0].json
