"""Texted sign-in codes: what the text says (a code, the practice, the expiry, nothing clinical),
that it goes out once, and that a failing provider is retried only while the code still works."""

import datetime as dt
import uuid

import pytest
from messaging.adapters.sms import FakeSmsSender, FileSmsBox, Sms
from messaging.domain.text_message import FAILED, PENDING, SENT, InvalidText, code_text
from messaging.events import identity_notification_handlers, open_sms_delivery
from messaging.service.texting import queue_text, send_due_texts
from portalkit.broker import PoisonMessage
from portalkit.clock import UTC
from portalkit.sealed import Sealer, new_key

EXPIRES = dt.datetime(2026, 1, 5, 9, 5, tzinfo=UTC)
DELIVERY = {"to": "+15550100199", "code": "482913", "expires_at": "2026-01-05T09:05:00Z", "practice_name": "Harbour"}


def queue_one(store, cause=None, purpose="sign_in"):
    with store.uow() as uow:
        text_id = queue_text(
            uow,
            code_text(purpose, DELIVERY, EXPIRES),
            practice_id="practice-a",
            cause_event_id=cause or str(uuid.uuid4()),
            correlation_id="corr-1",
        )
        uow.commit()
    return text_id


def test_a_sign_in_text_holds_the_code_the_practice_and_the_expiry_only():
    text = code_text("sign_in", DELIVERY, EXPIRES)

    assert text.to == "+15550100199"
    assert text.body == "Harbour: 482913 is your sign-in code. It expires at 09:05 UTC. Never share it."
    assert "confirm this phone" in code_text("enrolment", DELIVERY, EXPIRES).body


def test_a_mobile_confirmation_text_names_the_practice_and_the_code_only():
    text = code_text("notices", DELIVERY, EXPIRES)

    assert (text.template, text.to) == ("sms_mobile_confirmation_code", "+15550100199")
    assert text.body == (
        "Harbour: 482913 is your code to confirm this number for portal notices. It expires at 09:05 UTC."
    )


@pytest.mark.parametrize(("field", "value"), [("to", "ana@example.com"), ("to", ""), ("code", "12345a")])
def test_details_that_make_no_safe_text_are_refused(field, value):
    with pytest.raises(InvalidText):
        code_text("sign_in", {**DELIVERY, field: value}, EXPIRES)


def test_a_queued_text_is_sent_once_and_its_code_forgotten(store):
    text_id = queue_one(store)
    sender = FakeSmsSender()

    send_due_texts(store.uow, sender, 5)
    send_due_texts(store.uow, sender, 5)

    assert sender.sent == [Sms(text_id, "+15550100199", code_text("sign_in", DELIVERY, EXPIRES).body)]
    stored = store.texts[text_id]
    assert (stored.status, stored.body) == (SENT, None)
    (sent,) = store.events_of("messaging.sms.sent")
    assert sent.data["sms_id"] == text_id


def test_the_same_event_queues_one_text(store):
    cause = str(uuid.uuid4())

    assert queue_one(store, cause) == queue_one(store, cause)
    assert len(store.texts) == 1


def test_a_failing_provider_is_retried_while_the_code_still_works_then_given_up(store, clock):
    text_id = queue_one(store)
    sender = FakeSmsSender(failures=10)

    send_due_texts(store.uow, sender, 5)  # 09:00, again at 09:00:30
    clock.advance(seconds=30)
    send_due_texts(store.uow, sender, 5)  # again at 09:02:30
    assert store.texts[text_id].status == PENDING
    clock.advance(minutes=2)
    send_due_texts(store.uow, sender, 5)  # the next try would be 09:10:30, after the code died at 09:05

    stored = store.texts[text_id]
    assert (stored.status, stored.attempts, stored.body) == (FAILED, 3, None)
    (failed,) = store.events_of("messaging.sms.failed")
    assert "+1555" not in failed.data["reason"]


def test_a_refused_number_is_given_up_at_once(store):
    text_id = queue_one(store)

    send_due_texts(store.uow, FakeSmsSender(failures=1, permanent=True), 5)

    assert store.texts[text_id].status == FAILED


def test_the_file_box_writes_one_text_file_per_text(tmp_path):
    box = FileSmsBox(tmp_path / "sms")

    box.send(Sms("a1b2", "+15550100199", "Harbour: 482913 is your sign-in code."))
    box.send(Sms("a1b2", "+15550100199", "Harbour: 482913 is your sign-in code."))

    (written,) = (tmp_path / "sms").iterdir()
    assert written.name == "a1b2.txt"
    assert written.read_text() == "To: +15550100199\n\nHarbour: 482913 is your sign-in code.\n"


def test_a_delivery_that_cannot_be_opened_is_poison():
    key = new_key()
    data = {"account_id": str(uuid.uuid4()), "purpose": "sign_in", "expires_at": "2026-01-05T09:05:00Z"}

    readable = open_sms_delivery(Sealer(key), {**data, "delivery": Sealer(key).seal(DELIVERY)})
    with pytest.raises(PoisonMessage):
        open_sms_delivery(Sealer(key), {**data, "delivery": Sealer(new_key()).seal(DELIVERY)})

    assert readable.to == "+15550100199"
    assert "identity.sms_code.requested" in identity_notification_handlers(Sealer(key))
