"""Staff's list of a client's notices, on SQLite and PostgreSQL: each email and text queued for the client (sent,
failed, bounced, pending) and each notice withheld for lack of consent, newest first, a page at a time; the address
as a hint and never the text; another client's and staff's own emails are not in it; another practice's staff and
an unknown client get 404, a client 403, a bad page 422. Overdue upload requests remind the client once, through the
same client-notice path, and show in the list; cancelling a request publishes `messaging.upload.cancelled`."""

import json
import threading
import time

import pytest
from messaging.domain.client_notices import document_text
from messaging.domain.outbound_email import BOUNCED, FAILED
from messaging.service.client_notices import ClientContact, tell_client
from messaging.service.notifications import EventCause
from messaging.service.texting import queue_text
from messaging.service.thread_notifications import document_notice
from messaging.service.upload_reminders import sweep
from messaging.worker import build_worker
from portalkit.errors import Problem
from portalkit.testing import outbox_events

LINK = "https://portal.example/documents"


def contact(consented=True, email="ana.lima@example.test"):
    return ClientContact(email, "Ana Lima", "Harbour & Pine", True, None, "acc-ana", notices_consented=consented)


class Contacts:
    def __init__(self, **clients):
        self.clients = clients

    def contact(self, practice_id, client_id):
        return self.clients.get(client_id)


def notices_of(web, who, client_id, query=""):
    return web.get(f"/api/v1/staff/clients/{client_id}/notices{query}", headers=who.headers)


def tell(uow_factory, client_id, cause_id, consented=True):
    with uow_factory() as uow:
        told = tell_client(
            uow, contact(consented), client_id, document_notice(LINK), EventCause("practice-a", cause_id, "corr")
        )
        uow.commit()
    return told


def settle(uow_factory, email_id, status, reason=None):
    with uow_factory() as uow:
        email = uow.emails.get(email_id)
        email.status = status
        if status == BOUNCED:
            email.bounce_kind = reason
        else:
            email.last_error = reason
        uow.emails.save(email)
        uow.commit()


def test_staff_see_what_was_sent_failed_bounced_or_withheld_newest_first(web, uow_factory, clock, ana, dana, person):
    bounced = tell(uow_factory, ana.client_id, "a1f0c9a2-0000-4000-8000-000000000001").email_id
    settle(uow_factory, bounced, BOUNCED, "hard")
    clock.advance(minutes=1)
    failed = tell(uow_factory, ana.client_id, "a1f0c9a2-0000-4000-8000-000000000002").email_id
    settle(uow_factory, failed, FAILED, "the mail server refused it")
    clock.advance(minutes=1)
    with uow_factory() as uow:
        text = document_text("+15555550123", "Harbour & Pine", LINK, clock.now())
        texted = queue_text(
            uow, text, practice_id="practice-a", cause_event_id="t-1", correlation_id="c", client_id=ana.client_id
        )
        uow.commit()
    clock.advance(minutes=1)
    assert tell(uow_factory, ana.client_id, "a1f0c9a2-0000-4000-8000-000000000003", consented=False).withheld
    ben = person("client")
    tell(uow_factory, ben.client_id, "a1f0c9a2-0000-4000-8000-000000000004")

    answer = notices_of(web, dana, ana.client_id)

    assert answer.status_code == 200, answer.json
    assert (answer.json["total"], answer.json["limit"], answer.json["offset"]) == (4, 20, 0)
    rows = [(n["kind"], n["channel"], n["status"], n["reason"], n["recipient"]) for n in answer.json["items"]]
    assert rows == [
        ("document_shared", None, "withheld", "no consent to electronic notices", None),
        ("document_shared", "sms", "pending", None, "***0123"),
        ("document_shared", "email", "failed", "the mail server refused it", "a***@example.test"),
        ("document_shared", "email", "bounced", "hard", "a***@example.test"),
    ]
    assert answer.json["items"][1]["id"] == texted
    assert answer.json["items"][1]["template"] == "sms_document_shared"
    told = json.dumps(answer.json)
    assert "ana.lima@example.test" not in told and "shared a document" not in told and "+1555" not in told


def test_older_notices_come_a_page_at_a_time(web, uow_factory, clock, ana, dana):
    for number in range(3):
        tell(uow_factory, ana.client_id, f"b2f0c9a2-0000-4000-8000-00000000000{number}")
        clock.advance(minutes=1)

    first = notices_of(web, dana, ana.client_id, "?limit=2").json
    second = notices_of(web, dana, ana.client_id, "?limit=2&offset=2").json

    assert (first["total"], len(first["items"]), len(second["items"])) == (3, 2, 1)
    moments = [n["at"] for n in first["items"] + second["items"]]
    assert moments == sorted(moments, reverse=True)


@pytest.mark.parametrize("query", ["?limit=0", "?limit=101", "?offset=-1", "?limit=many"])
def test_a_bad_page_is_422(web, ana, dana, query):
    answer = notices_of(web, dana, ana.client_id, query)
    assert answer.status_code == 422
    assert answer.headers["Content-Type"].startswith("application/problem+json")


def test_another_practice_an_unknown_client_and_a_client_are_refused(web, uow_factory, ana, dana, person):
    tell(uow_factory, ana.client_id, "c3f0c9a2-0000-4000-8000-000000000001")
    outsider = person("owner", practice_id="practice-b")

    assert notices_of(web, outsider, ana.client_id).status_code == 404
    assert notices_of(web, dana, "no-such-client").status_code == 404
    assert notices_of(web, ana, ana.client_id).status_code == 403


def ask(web, staff, client_id, due_on):
    body = {"title": "Please upload a photo ID", "due_on": due_on}
    return web.post(f"/api/v1/staff/clients/{client_id}/upload-requests", json=body, headers=staff.headers).json


def test_an_overdue_request_reminds_the_client_once_and_shows_among_their_notices(
    web, uow_factory, clock, ana, dana, person
):
    contacts = Contacts(**{ana.client_id: contact()})
    request = ask(web, dana, ana.client_id, "2026-01-09")
    ask(web, dana, ana.client_id, None)

    clock.advance(days=4)  # 9 January: due today, not overdue
    assert sweep(uow_factory, contacts, "https://portal.example") == 0
    clock.advance(days=1)
    assert sweep(uow_factory, contacts, "https://portal.example") == 1
    assert sweep(uow_factory, contacts, "https://portal.example") == 0

    (notice,) = notices_of(web, person("front_desk"), ana.client_id).json["items"]  # a token of the day
    assert (notice["kind"], notice["channel"], notice["status"]) == ("upload_reminder", "email", "pending")
    with uow_factory() as uow:
        email = uow.emails.get(notice["id"])
        stored = uow.upload_requests.get("practice-a", request["id"])
    assert email.subject == "Harbour & Pine is still waiting for a file from you"
    assert f"https://portal.example/documents#request-{request['id']}" in email.text_body
    assert "photo" not in (email.text_body + email.html_body).lower()
    assert stored.reminded_at == clock.now()


def test_without_consent_the_reminder_is_withheld_and_a_closed_request_is_not_reminded(
    web, uow_factory, clock, ana, dana, person
):
    contacts = Contacts(**{ana.client_id: contact(consented=False)})
    reminded = ask(web, dana, ana.client_id, "2026-01-06")
    cancelled = ask(web, dana, ana.client_id, "2026-01-06")
    web.post(f"/api/v1/staff/upload-requests/{cancelled['id']}/cancel", headers=dana.headers)

    clock.advance(days=2)
    assert sweep(uow_factory, contacts, "https://portal.example") == 1

    (notice,) = notices_of(web, person("admin"), ana.client_id).json["items"]
    assert (notice["kind"], notice["status"]) == ("upload_reminder", "withheld")
    with uow_factory() as uow:
        assert uow.upload_requests.get("practice-a", reminded["id"]).reminded_at is not None
        assert uow.upload_requests.get("practice-a", cancelled["id"]).reminded_at is None


def test_cancelling_a_request_publishes_its_ids_once(web, engine, ana, dana):
    request = ask(web, dana, ana.client_id, None)

    web.post(f"/api/v1/staff/upload-requests/{request['id']}/cancel", headers=dana.headers)
    web.post(f"/api/v1/staff/upload-requests/{request['id']}/cancel", headers=dana.headers)

    (cancelled,) = outbox_events(engine, "messaging.upload.cancelled")
    assert (cancelled.version, cancelled.data) == (
        1,
        {"request_id": request["id"], "client_id": ana.client_id, "cancelled_by": dana.account_id},
    )


class Unreachable:
    def contact(self, practice_id, client_id):
        raise Problem(503, "identity-unavailable", "Identity did not answer.")


def test_with_identity_unreachable_the_reminder_stays_due_and_the_worker_sweeps_it(
    web, uow_factory, clock, ana, dana, settings, engine
):
    request = ask(web, dana, ana.client_id, "2026-01-06")
    clock.advance(days=2)

    with pytest.raises(Problem):
        sweep(uow_factory, Unreachable(), "https://portal.example")
    with uow_factory() as uow:
        assert uow.upload_requests.get("practice-a", request["id"]).reminded_at is None

    # The worker's loop (identity unreachable at its address here): it logs, keeps the reminder due, goes on.
    loop = dict(build_worker(settings, engine, clock).loops)["upload-reminders"]
    stop = threading.Event()
    running = threading.Thread(target=loop, args=(stop,), daemon=True)
    running.start()
    time.sleep(1)
    assert running.is_alive()
    stop.set()
    running.join(timeout=10)
    with uow_factory() as uow:
        assert uow.upload_requests.get("practice-a", request["id"]).reminded_at is None
    assert sweep(uow_factory, Contacts(**{ana.client_id: contact()}), "https://portal.example") == 1
