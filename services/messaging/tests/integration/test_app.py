"""The web app: readiness, and the dev mailbox staff use to read outgoing mail."""

import dataclasses

import pytest
from messaging.adapters.mail import FileMailbox
from messaging.app import create_app
from messaging.events import notification_handlers
from messaging.service.sending import SendingPolicy, send_due_emails
from portalkit.auth import TokenVerifier, install_verifier
from portalkit.sealed import Sealer

MAILBOX = "/api/v1/staff/dev/mailbox"


@pytest.fixture
def make_client(tokens, clock):
    def make(settings):
        app = create_app(settings, clock)
        verifier = TokenVerifier(
            settings.jwks_url, settings.token_issuer, settings.token_audience, clock, fetch=tokens.jwks
        )
        install_verifier(app, verifier)
        return app.test_client()

    return make


@pytest.fixture
def dev_settings(settings):
    return dataclasses.replace(settings, dev_mailbox=True)


def deliver(settings, uow_factory, *events):
    handlers = notification_handlers(Sealer(settings.sealed_payload_key))
    for event in events:
        with uow_factory() as uow:
            handlers[event.type](uow, event)
            uow.commit()
    send_due_emails(uow_factory, FileMailbox(settings.mail_dir), SendingPolicy(sender=settings.mail_from))


def as_staff(tokens, role="front_desk", practice_id="practice-a"):
    return {"Authorization": f"Bearer {tokens.issue(role, practice_id)}"}


def test_staff_read_their_practice_s_sent_mail_with_its_text(
    dev_settings, uow_factory, invitation_sent, make_client, tokens
):
    deliver(
        dev_settings,
        uow_factory,
        invitation_sent("practice-a", to="ana@example.com", token="tok_a"),
        invitation_sent("practice-b", to="bo@example.com", token="tok_b"),
    )
    client = make_client(dev_settings)

    answer = client.get(MAILBOX, headers=as_staff(tokens))

    assert answer.status_code == 200
    (item,) = answer.json["items"]
    assert item["to"] == "ana@example.com"
    assert item["subject"] == "Harbour & Pine Counselling invites you to its client portal"
    assert "https://portal.example/invitations/tok_a" in item["text"]
    assert item["sent_at"].startswith("2026-01-05T09:00:00")


def test_clients_and_strangers_cannot_read_the_mailbox(dev_settings, make_client, tokens):
    client = make_client(dev_settings)

    assert client.get(MAILBOX).status_code == 401
    assert client.get(MAILBOX, headers=as_staff(tokens, role="client")).status_code == 403


def test_without_the_dev_mailbox_setting_the_path_does_not_exist(settings, make_client, tokens):
    client = make_client(settings)

    answer = client.get(MAILBOX, headers=as_staff(tokens))

    assert answer.status_code == 404
    assert answer.mimetype == "application/problem+json"


def test_with_smtp_the_dev_mailbox_does_not_exist_even_when_asked_for(dev_settings, make_client, tokens):
    client = make_client(dataclasses.replace(dev_settings, mail_backend="smtp"))

    assert client.get(MAILBOX, headers=as_staff(tokens)).status_code == 404


def test_ready_when_database_and_broker_answer_and_not_when_the_broker_is_gone(settings, make_client):
    assert make_client(settings).get("/readyz").status_code == 200

    gone = make_client(dataclasses.replace(settings, amqp_url="amqp://guest:guest@127.0.0.1:1/%2F")).get("/readyz")

    assert gone.status_code == 503
    assert gone.json["checks"] == {"broker": "BrokerError"}
