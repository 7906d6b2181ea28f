"""The sender: due emails go out once; failures wait longer each time, then give up."""

import datetime as dt
import uuid

import pytest
from messaging.adapters.mail import FakeMailer, FileMailbox
from messaging.domain.outbound_email import FAILED, PENDING, SENT, retry_delay
from messaging.service.notifications import queue_invitation_email
from messaging.service.sending import SendingPolicy, send_due_emails

POLICY = SendingPolicy(sender="Client portal <no-reply@portal.example>", max_attempts=5)


def queue_one(store, delivery, practice_id="practice-a"):
    cause = str(uuid.uuid4())
    with store.uow() as uow:
        email_id = queue_invitation_email(
            uow, delivery, practice_id=practice_id, cause_event_id=cause, correlation_id="corr-1"
        )
        uow.commit()
    return email_id, cause


def send(store, mailer):
    return send_due_emails(store.uow, mailer, POLICY)


def test_a_queued_email_is_sent_once_and_its_bodies_are_forgotten(store, delivery, clock):
    email_id, cause = queue_one(store, delivery)
    mailer = FakeMailer()

    send(store, mailer)
    send(store, mailer)

    (message,) = mailer.sent
    assert message["Message-ID"] == f"<{email_id}@portal>"
    assert message["To"] == "ana.lima@example.com"
    assert message["Subject"] == "Harbour & Pine Counselling invites you to its client portal"
    assert delivery.accept_url in message.get_body(("plain",)).get_content()
    assert delivery.accept_url in message.get_body(("html",)).get_content()
    email = store.only_email()
    assert (email.status, email.attempts, email.sent_at) == (SENT, 1, clock.now())
    assert email.text_body is None and email.html_body is None
    (event,) = store.events_of("messaging.email.sent")
    assert event.data == {"email_id": email_id, "template": "invitation", "cause_event_id": cause, "attempts": 1}
    assert event.practice_id == "practice-a"
    assert event.causation_id == cause


def test_the_same_event_queues_one_email(store, delivery):
    cause = str(uuid.uuid4())
    ids = []
    for _ in range(2):
        with store.uow() as uow:
            ids.append(queue_invitation_email(uow, delivery, practice_id="p", cause_event_id=cause, correlation_id="c"))
            uow.commit()

    assert ids[0] == ids[1]
    assert len(store.emails) == 1


def test_retry_delays_grow_thirty_seconds_two_minutes_eight_minutes():
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [
        dt.timedelta(seconds=30),
        dt.timedelta(minutes=2),
        dt.timedelta(minutes=8),
        dt.timedelta(minutes=32),
    ]


def test_a_failed_send_waits_for_its_back_off_before_trying_again(store, delivery, clock):
    queue_one(store, delivery)
    mailer = FakeMailer(failures=2)

    send(store, mailer)
    clock.advance(seconds=29)
    send(store, mailer)
    assert mailer.attempts == 1
    clock.advance(seconds=1)
    send(store, mailer)
    assert mailer.attempts == 2
    assert store.only_email().next_attempt_at == clock.now() + dt.timedelta(minutes=2)
    clock.advance(minutes=2)
    send(store, mailer)

    assert mailer.attempts == 3 and len(mailer.sent) == 1
    email = store.only_email()
    assert (email.status, email.attempts, email.last_error) == (SENT, 3, None)
    assert store.events_of("messaging.email.sent")[0].data["attempts"] == 3


def test_after_the_last_attempt_the_email_fails_with_a_reason_and_no_address(store, delivery, clock):
    email_id, cause = queue_one(store, delivery)
    mailer = FakeMailer(failures=99)

    for _ in range(POLICY.max_attempts):
        assert store.only_email().status == PENDING
        send(store, mailer)
        clock.advance(hours=3)
    send(store, mailer)

    assert mailer.attempts == POLICY.max_attempts
    email = store.only_email()
    assert (email.status, email.attempts) == (FAILED, POLICY.max_attempts)
    assert email.text_body is None and email.html_body is None
    (event,) = store.events_of("messaging.email.failed")
    assert event.data["email_id"] == email_id and event.data["cause_event_id"] == cause
    assert event.data["reason"] == "the fake mail server is down"
    assert "ana.lima" not in event.to_json().decode()
    assert store.events_of("messaging.email.sent") == []


def test_a_permanent_refusal_fails_at_once(store, delivery):
    queue_one(store, delivery)

    send(store, FakeMailer(failures=1, permanent=True))

    assert store.only_email().status == FAILED
    assert len(store.events_of("messaging.email.failed")) == 1


def test_due_emails_go_oldest_first(store, delivery, clock):
    first, _ = queue_one(store, delivery)
    clock.advance(seconds=1)
    second, _ = queue_one(store, delivery)
    mailer = FakeMailer()

    send(store, mailer)

    assert [m["Message-ID"] for m in mailer.sent] == [f"<{first}@portal>", f"<{second}@portal>"]


def test_a_crash_between_send_and_commit_rewrites_the_same_file(store, delivery, tmp_path):
    email_id, _ = queue_one(store, delivery)
    mailbox = FileMailbox(tmp_path)
    store.failing_commits = 1

    with pytest.raises(RuntimeError):
        send(store, mailbox)
    send(store, mailbox)

    assert [p.name for p in tmp_path.iterdir()] == [f"{email_id}.eml"]
    assert store.only_email().status == SENT
    assert len(store.events_of("messaging.email.sent")) == 1
