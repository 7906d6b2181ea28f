"""The HTTP SMS provider adapter against a real HTTP server on this machine (werkzeug), and a
texted code asked for by identity going through the inbox into a real database and out as a file."""

import uuid

import pytest
from messaging.adapters.orm import outbound_texts
from messaging.adapters.sms import FileSmsBox, HttpSmsProvider, Sms, SmsError
from messaging.service.texting import send_due_texts
from messaging.worker import identity_notifications_inbox
from portalkit.clock import FixedClock
from portalkit.events import new_envelope
from portalkit.sealed import Sealer
from portalkit.testing import outbox_events
from sqlalchemy import func, select

SMS = Sms("5b0c0f6e-3f4e-4c38-9d55-2f1b7c7e1a01", "+15550100199", "Harbour: 482913 is your sign-in code.")


def test_a_text_is_posted_with_the_token_and_its_id_as_the_idempotency_key(provider):
    HttpSmsProvider(provider.url, "provider-secret", "Harbour").send(SMS)

    (seen,) = provider.requests
    assert seen["path"] == "/messages"
    assert seen["json"] == {"to": "+15550100199", "from": "Harbour", "body": SMS.body}
    assert seen["headers"]["Authorization"] == "Bearer provider-secret"
    assert seen["headers"]["Idempotency-Key"] == SMS.id


@pytest.mark.parametrize(("status", "permanent"), [(500, False), (503, False), (429, False), (400, True), (401, True)])
def test_a_refusal_says_whether_trying_again_can_help(provider, status, permanent):
    provider.status = status

    with pytest.raises(SmsError) as refused:
        HttpSmsProvider(provider.url, "provider-secret", "Harbour").send(SMS)

    assert refused.value.permanent is permanent
    assert "+1555" not in refused.value.reason


def test_an_unreachable_provider_is_tried_again_later(provider):
    url = provider.url
    provider.close()

    with pytest.raises(SmsError) as refused:
        HttpSmsProvider(url, "provider-secret", "Harbour", timeout=2).send(SMS)

    assert refused.value.permanent is False


def test_a_code_identity_asks_for_is_texted_once_however_often_the_event_comes(
    settings, engine, uow_factory, background, tmp_path
):
    inbox = identity_notifications_inbox(settings, uow_factory, background.stop)
    delivery = {
        "to": "+15550100199",
        "code": "482913",
        "expires_at": "2026-01-05T09:05:00Z",
        "practice_name": "Harbour",
    }
    data = {
        "account_id": str(uuid.uuid4()),
        "purpose": "sign_in",
        "expires_at": "2026-01-05T09:05:00Z",
        "delivery": Sealer(settings.sealed_payload_key).seal(delivery),
    }
    event = new_envelope("identity.sms_code.requested", data, "practice-a", FixedClock())

    inbox.handle(event)
    inbox.handle(event)
    send_due_texts(uow_factory, FileSmsBox(tmp_path / "sms"), 5)

    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(outbound_texts)).scalar_one() == 1
    (file,) = (tmp_path / "sms").iterdir()
    assert "482913 is your sign-in code" in file.read_text()
    (sent,) = outbox_events(engine, "messaging.sms.sent")
    assert sent.data["cause_event_id"] == event.id
