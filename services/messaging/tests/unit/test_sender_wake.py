"""The sender sends a freshly queued email when woken, not at its next look; a consumer wakes it
once the event's emails are committed, and not when the handler fails."""

import threading
import time
import uuid

import pytest
from messaging.adapters.mail import FakeMailer
from messaging.service.notifications import queue_invitation_email
from messaging.service.sending import SendingPolicy
from messaging.worker import Doorbell, WakingInbox, sender_loop
from portalkit.events import new_envelope

POLICY = SendingPolicy(sender="Client portal <no-reply@portal.example>")


def queue(store, delivery):
    with store.uow() as uow:
        queue_invitation_email(
            uow, delivery, practice_id="practice-a", cause_event_id=str(uuid.uuid4()), correlation_id="c"
        )
        uow.commit()


def wait_until(condition, seconds):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


@pytest.mark.parametrize("woken", [True, False])
def test_a_woken_sender_sends_at_once_and_an_idle_one_waits(store, delivery, woken):
    mailer, wake, stop = FakeMailer(), Doorbell(), threading.Event()
    loop = threading.Thread(target=sender_loop(store.uow, mailer, POLICY, idle_wait=30.0, wake=wake), args=(stop,))
    loop.start()
    try:
        assert wait_until(lambda: mailer.attempts == 0, 0.2)  # idle: nothing due yet
        queue(store, delivery)
        if woken:
            wake.ring()
        assert wait_until(lambda: len(mailer.sent) == 1, 1.0) is woken
    finally:
        stop.set()
        wake.ring()
        loop.join(timeout=5)


class RecordingInbox:
    consumer = "messaging.thread-notifications"
    event_types = ["messaging.message.sent"]

    def __init__(self, fails=False):
        self.fails = fails
        self.handled = []

    def handle(self, envelope):
        if self.fails:
            raise RuntimeError("the handler failed")
        self.handled.append(envelope.id)


def test_the_inbox_wakes_the_sender_only_after_the_handler_committed(clock):
    wake = Doorbell()
    envelope = new_envelope("messaging.message.sent", {"thread_id": "t"}, "practice-a", clock)
    failing = WakingInbox(RecordingInbox(fails=True), wake)

    with pytest.raises(RuntimeError):
        failing.handle(envelope)
    assert not wake.rung

    inbox = RecordingInbox()
    WakingInbox(inbox, wake).handle(envelope)
    assert wake.rung and inbox.handled == [envelope.id]
    assert WakingInbox(inbox, wake).event_types == ["messaging.message.sent"]


def test_a_ring_wakes_one_waiting_sender_not_all():
    bell, woken = Doorbell(), []
    waiters = [threading.Thread(target=lambda: woken.append(bell.wait(2.0))) for _ in range(3)]
    for waiter in waiters:
        waiter.start()
    time.sleep(0.1)

    bell.ring()

    assert wait_until(lambda: len(woken) == 1, 1.0) and woken == [True]
    time.sleep(0.2)
    assert len(woken) == 1  # the other two still wait
    for waiter in waiters:
        waiter.join(timeout=5)
    assert sorted(woken) == [False, False, True]


def test_a_ring_while_every_sender_is_busy_is_kept_for_the_next_wait():
    bell = Doorbell()
    bell.ring()
    bell.ring()

    assert bell.wait(0.0) is True
    assert bell.wait(0.0) is False  # kept once, not counted
