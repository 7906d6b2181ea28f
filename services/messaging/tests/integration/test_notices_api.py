"""Notice preferences and the email provider's signed webhook over HTTP, on SQLite and PostgreSQL: a signed
bounce marks the email bounced and publishes `messaging.email.bounced` once, a late delivery never undoes
it, a hard-bounced address is not mailed again; anything unsigned, badly signed or stale is 400 and changes
nothing."""

import dataclasses
import json
import uuid

import pytest
from messaging.adapters.mail import FakeMailer
from messaging.app import create_app
from messaging.domain.outbound_email import BOUNCED, FAILED, SENT, OutboundEmail, RenderedEmail
from messaging.domain.provider_reports import signature
from messaging.service.sending import SendingPolicy, send_due_emails
from portalkit.auth import TokenVerifier, install_verifier
from portalkit.storage import LocalFolderStore
from portalkit.testing import outbox_events

PREFERENCES = "/api/v1/messaging/preferences"
WEBHOOK = "/api/v1/messaging/webhooks/email"
SECRET = "whsec-integration-only"


@pytest.fixture
def hooked(settings, clock, tokens, directory, tmp_path):
    app = create_app(
        dataclasses.replace(settings, email_webhook_secret=SECRET), clock, directory, LocalFolderStore(tmp_path)
    )
    install_verifier(
        app, TokenVerifier(settings.jwks_url, settings.token_issuer, settings.token_audience, clock, fetch=tokens.jwks)
    )
    yield app.test_client()
    app.extensions["messaging_engine"].dispose()


def queue_email(uow_factory, clock, recipient="ana@example.com"):
    with uow_factory() as uow:
        email = OutboundEmail.queue(
            practice_id="practice-a",
            cause_event_id=str(uuid.uuid4()),
            correlation_id="corr",
            template="invitation",
            recipient=recipient,
            content=RenderedEmail("Subject", "Text", "<p>Html</p>"),
            now=clock.now(),
        )
        uow.emails.add(email)
        uow.commit()
    return email


def sent_email(uow_factory, clock, recipient="ana@example.com"):
    email = queue_email(uow_factory, clock, recipient)
    send_due_emails(uow_factory, FakeMailer(), SendingPolicy("portal@example.test"))
    return email


def post_report(web, clock, body, secret=SECRET, timestamp=None):
    raw = json.dumps(body).encode()
    timestamp = timestamp or str(int(clock.now().timestamp()))
    headers = {"Webhook-Timestamp": timestamp, "Webhook-Signature": signature(secret, timestamp, raw)}
    return web.post(WEBHOOK, data=raw, headers=headers, content_type="application/json")


def bounce(email, bounce_type="hard", event_id=None):
    return {
        "id": event_id or f"evt_{uuid.uuid4().hex}",
        "type": "bounce",
        "bounce_type": bounce_type,
        "message_id": f"<{email.id}@portal>",
        "code": "5.1.1",
    }


def email_of(uow_factory, email_id):
    with uow_factory() as uow:
        return uow.emails.get(email_id)


def test_a_signed_bounce_marks_the_email_bounced_and_is_told_once(hooked, uow_factory, clock, engine):
    email = sent_email(uow_factory, clock)
    report = bounce(email)

    first = post_report(hooked, clock, report)
    again = post_report(hooked, clock, report)

    assert (first.status_code, first.json["outcome"]) == (200, "taken")
    assert again.json["outcome"] == "repeated"
    assert email_of(uow_factory, email.id).status == BOUNCED
    (bounced,) = outbox_events(engine, "messaging.email.bounced")
    assert bounced.data == {
        "email_id": email.id,
        "template": "invitation",
        "cause_event_id": email.cause_event_id,
        "attempts": 1,
        "bounce_type": "hard",
        "reason": "the mailbox refused the email for good",
        "code": "5.1.1",
    }
    assert "ana@example.com" not in json.dumps(bounced.data)


def test_a_late_delivery_never_undoes_a_bounce(hooked, uow_factory, clock):
    email = sent_email(uow_factory, clock)
    delivered = {"id": "evt_delivered", "type": "delivered", "message_id": f"<{email.id}@portal>"}

    post_report(hooked, clock, bounce(email, "soft"))
    post_report(hooked, clock, delivered)

    found = email_of(uow_factory, email.id)
    assert (found.status, found.bounce_kind, found.delivered_at) == (BOUNCED, "soft", None)


def test_a_hard_bounced_address_is_not_mailed_again_until_it_changes(hooked, uow_factory, clock, engine):
    email = sent_email(uow_factory, clock, "Gone@Example.com")
    post_report(hooked, clock, bounce(email))
    again = queue_email(uow_factory, clock, "gone@example.com")
    other = queue_email(uow_factory, clock, "ana.new@example.com")
    mailer = FakeMailer()

    send_due_emails(uow_factory, mailer, SendingPolicy("portal@example.test"))

    assert [str(m["To"]) for m in mailer.sent] == ["ana.new@example.com"]
    assert (email_of(uow_factory, again.id).status, email_of(uow_factory, other.id).status) == (FAILED, SENT)
    (failed,) = outbox_events(engine, "messaging.email.failed")
    assert (failed.data["email_id"], failed.data["reason"]) == (again.id, "the address bounced before")


@pytest.mark.parametrize("problem", ["wrong-secret", "stale", "unsigned", "tampered"])
def test_a_report_not_signed_as_it_must_be_is_400_and_changes_nothing(hooked, uow_factory, clock, engine, problem):
    email = sent_email(uow_factory, clock)
    if problem == "wrong-secret":
        answer = post_report(hooked, clock, bounce(email), secret="guess")
    elif problem == "stale":
        answer = post_report(hooked, clock, bounce(email), timestamp=str(int(clock.now().timestamp()) - 301))
    elif problem == "unsigned":
        answer = hooked.post(WEBHOOK, json=bounce(email))
    else:
        timestamp = str(int(clock.now().timestamp()))
        signed = signature(SECRET, timestamp, json.dumps(bounce(email, "soft")).encode())
        headers = {"Webhook-Timestamp": timestamp, "Webhook-Signature": signed}
        answer = hooked.post(WEBHOOK, data=json.dumps(bounce(email)), headers=headers, content_type="application/json")

    assert answer.status_code == 400
    assert answer.content_type == "application/problem+json"
    assert email_of(uow_factory, email.id).status == SENT
    assert outbox_events(engine, "messaging.email.bounced") == []


def test_without_a_secret_there_is_no_webhook(web, uow_factory, clock):
    email = sent_email(uow_factory, clock)

    assert post_report(web, clock, bounce(email)).status_code == 404


def test_a_client_reads_and_chooses_how_they_are_told(web, ana, person):
    assert web.get(PREFERENCES, headers=ana.headers).json == {
        "channel": "email",
        "mobile": None,
        "updated_at": None,
        "mobile_confirmed": False,
    }

    chosen = web.put(PREFERENCES, json={"channel": "both", "mobile": "+1 555 555 0123"}, headers=ana.headers)

    assert chosen.status_code == 200
    assert (chosen.json["channel"], chosen.json["mobile"]) == ("both", "+15555550123")
    assert web.get(PREFERENCES, headers=ana.headers).json == chosen.json
    other = person("client")
    assert web.get(PREFERENCES, headers=other.headers).json["channel"] == "email"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"channel": "sms"}, "mobile"),
        ({"channel": "sms", "mobile": "0123"}, "mobile"),
        ({"channel": "pigeon"}, "channel"),
        ({"channel": "email", "colour": "blue"}, "colour"),
    ],
)
def test_a_preference_that_cannot_work_is_422_naming_the_field_and_changes_nothing(web, ana, body, field):
    web.put(PREFERENCES, json={"channel": "email"}, headers=ana.headers)

    refused = web.put(PREFERENCES, json=body, headers=ana.headers)

    assert refused.status_code == 422
    assert field in refused.json["errors"] or field in refused.json["errors"].get("json", {})
    assert web.get(PREFERENCES, headers=ana.headers).json["channel"] == "email"


def test_staff_have_no_notice_preferences_here(web, dana):
    assert web.get(PREFERENCES, headers=dana.headers).status_code == 403
