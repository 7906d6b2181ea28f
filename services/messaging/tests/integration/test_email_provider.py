"""The HTTP email provider adapter against a real HTTP server on this machine (werkzeug): the
email's parts as JSON with the token and its id as the idempotency key; how each answer counts."""

import datetime as dt

import pytest
from messaging.adapters.mail import HttpEmailProvider, MailError, mailer_from_settings
from messaging.settings import MessagingSettings
from portalkit.clock import UTC

NOW = dt.datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
SENDER = "Client portal <no-reply@portal.example>"


@pytest.fixture
def message(composed_invitation):
    return composed_invitation(NOW, SENDER)


def test_an_email_is_posted_as_json_with_the_token_and_its_id_as_the_idempotency_key(provider, message):
    email, composed = message

    HttpEmailProvider(provider.url, "mail-secret").send(composed)

    (seen,) = provider.requests
    body = seen["json"]
    assert (body["to"], body["from"], body["subject"]) == ("ana.lima@example.com", SENDER, composed["Subject"])
    assert body["message_id"] == f"<{email.id}@portal>"
    assert "https://portal.example/invitations/tok_smtp" in body["text"] and body["html"].startswith("<!DOCTYPE html>")
    assert seen["headers"]["Authorization"] == "Bearer mail-secret"
    assert seen["headers"]["Idempotency-Key"] == email.id


@pytest.mark.parametrize(("status", "permanent"), [(500, False), (503, False), (429, False), (408, False), (422, True)])
def test_the_answer_says_whether_to_try_again(provider, message, status, permanent):
    provider.status = status

    with pytest.raises(MailError) as refused:
        HttpEmailProvider(provider.url, "mail-secret").send(message[1])

    assert refused.value.permanent is permanent
    assert refused.value.reason == f"the email provider answered {status}"


def test_an_unreachable_provider_is_retried_later(provider, message):
    url = provider.url
    provider.close()

    with pytest.raises(MailError) as refused:
        HttpEmailProvider(url, "mail-secret", timeout=2).send(message[1])

    assert not refused.value.permanent and "unreachable" in refused.value.reason


def test_the_settings_choose_the_provider(provider):
    settings = MessagingSettings(mail_backend="http", email_provider_url=provider.url, email_provider_token="t")

    assert isinstance(mailer_from_settings(settings), HttpEmailProvider)
    with pytest.raises(ValueError, match="EMAIL_PROVIDER_URL"):
        mailer_from_settings(MessagingSettings(mail_backend="http", email_provider_url="ftp://x"))
