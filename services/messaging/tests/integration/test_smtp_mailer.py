"""SmtpMailer against a real SMTP server on 127.0.0.1 (aiosmtpd)."""

import datetime as dt
import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from messaging.adapters.mail import MailError, SmtpMailer
from portalkit.clock import UTC

NOW = dt.datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    def __init__(self, refuse_recipients=False):
        self.envelopes = []
        self.refuse_recipients = refuse_recipients

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_recipients:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    servers = []

    def start(inbox, **options):
        controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), **options)
        controller.start()
        servers.append(controller)
        return controller.port

    yield start
    for controller in servers:
        controller.stop()


@pytest.fixture
def message(composed_invitation):
    return composed_invitation(NOW)[1]


def test_the_server_receives_the_invitation_with_its_message_id(smtp_server, message):
    inbox = Inbox()
    port = smtp_server(inbox)

    SmtpMailer("127.0.0.1", port, timeout=5).send(message)

    (received,) = inbox.envelopes
    assert received.mail_from == "no-reply@portal.example"
    assert received.rcpt_tos == ["ana.lima@example.com"]
    content = received.content.decode()
    assert f"Message-ID: {message['Message-ID']}" in content
    assert "multipart/alternative" in content


def test_a_refused_recipient_is_a_permanent_failure_whose_reason_names_no_address(smtp_server, message):
    port = smtp_server(Inbox(refuse_recipients=True))

    with pytest.raises(MailError) as refused:
        SmtpMailer("127.0.0.1", port, timeout=5).send(message)

    assert refused.value.permanent
    assert "ana.lima" not in refused.value.reason


def test_an_unreachable_server_is_a_failure_to_retry(message):
    with pytest.raises(MailError) as failed:
        SmtpMailer("127.0.0.1", free_port(), timeout=2).send(message)

    assert not failed.value.permanent


@pytest.mark.filterwarnings("ignore:Requiring AUTH:UserWarning")  # plain-text AUTH is fine on loopback
def test_with_a_username_the_mailer_signs_in_before_sending(smtp_server, message):
    inbox = Inbox()
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"s3cret")

    port = smtp_server(inbox, authenticator=authenticator, auth_require_tls=False, auth_required=True)

    SmtpMailer("127.0.0.1", port, username="portal", password="s3cret", timeout=5).send(message)

    assert logins == [(b"portal", b"s3cret")]
    assert len(inbox.envelopes) == 1
