"""Where emails go: a folder of .eml files (dev), an SMTP server (production), or a list (tests).

Every message carries `Message-ID: <email id@portal>`: resending one after a crash writes the same
file again, and a mail server or mailbox downstream can recognise the duplicate.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.policy
import email.utils
import os
import re
import smtplib
import ssl
import tempfile
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

import requests

from messaging.adapters.provider_http import ProviderRefused, post_to_provider, web_url
from messaging.domain.outbound_email import OutboundEmail
from messaging.settings import MessagingSettings

MESSAGE_ID_DOMAIN = "portal"
_EMAIL_ID = re.compile(r"^[0-9a-f-]{36}$")


class MailError(Exception):
    """The message was not handed over. `reason` is short and names no address; `permanent`
    means trying again cannot help (the server refused the recipient or the message)."""

    def __init__(self, reason: str, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None: ...


def message_id(email_id: str) -> str:
    return f"<{email_id}@{MESSAGE_ID_DOMAIN}>"


def email_id_of(message: EmailMessage) -> str:
    found = str(message.get("Message-ID", "")).strip().removeprefix("<").removesuffix(f"@{MESSAGE_ID_DOMAIN}>")
    if not _EMAIL_ID.match(found):
        raise MailError("the message has no portal Message-ID", permanent=True)
    return found


def compose_message(outbound: OutboundEmail, sender: str, now: dt.datetime) -> EmailMessage:
    message = EmailMessage()
    message["Message-ID"] = message_id(outbound.id)
    message["Date"] = email.utils.format_datetime(now)
    message["From"] = sender
    message["To"] = outbound.recipient
    message["Subject"] = outbound.subject
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(outbound.text_body or "")
    if outbound.html_body:
        message.add_alternative(outbound.html_body, subtype="html")
    return message


class FileMailbox:
    """One `<email id>.eml` per email in `folder`, written whole or not at all."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    def send(self, message: EmailMessage) -> None:
        target = self.folder / f"{email_id_of(message)}.eml"
        content = message.as_bytes(policy=email.policy.SMTP)
        try:
            try:
                self._write_atomically(target, content)
            except FileNotFoundError:  # the folder is made on the first email, or again if removed
                self.folder.mkdir(parents=True, exist_ok=True)
                self._write_atomically(target, content)
        except OSError as error:
            raise MailError(f"cannot write to the mail folder ({type(error).__name__})") from error

    def _write_atomically(self, target: Path, content: bytes) -> None:
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".sending-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise

    def read(self, email_id: str) -> EmailMessage | None:
        if not _EMAIL_ID.match(email_id):
            return None
        try:
            content = (self.folder / f"{email_id}.eml").read_bytes()
        except FileNotFoundError:
            return None
        parsed = email.message_from_bytes(content, policy=email.policy.default)
        return parsed  # type: ignore[return-value]

    def text_of(self, email_id: str) -> str | None:
        message = self.read(email_id)
        body = message.get_body(preferencelist=("plain",)) if message else None
        return body.get_content() if body else None  # type: ignore[union-attr]


class SmtpMailer:
    def __init__(
        self,
        host: str,
        port: int,
        username: str = "",
        password: str = "",
        starttls: bool = False,
        use_ssl: bool = False,
        timeout: float = 10.0,
    ) -> None:
        self._host = host
        self._port = port
        self._username = username
        self._password = password
        self._starttls = starttls
        self._use_ssl = use_ssl
        self._timeout = timeout

    def send(self, message: EmailMessage) -> None:
        try:
            with self._connect() as smtp:
                if self._starttls and not self._use_ssl:
                    smtp.starttls(context=ssl.create_default_context())
                if self._username:
                    smtp.login(self._username, self._password)
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            raise MailError("the mail server refused the recipient", permanent=True) from error
        except smtplib.SMTPResponseException as error:
            raise MailError(
                f"the mail server answered {error.smtp_code}", permanent=500 <= error.smtp_code < 600
            ) from error
        except (smtplib.SMTPException, OSError) as error:
            raise MailError(f"the mail server is unreachable ({type(error).__name__})") from error

    def _connect(self) -> smtplib.SMTP:
        if self._use_ssl:
            context = ssl.create_default_context()
            return smtplib.SMTP_SSL(self._host, self._port, timeout=self._timeout, context=context)
        return smtplib.SMTP(self._host, self._port, timeout=self._timeout)


class FakeMailer:
    """For tests: keeps what it is given; told to, fails the next few sends."""

    def __init__(self, failures: int = 0, permanent: bool = False) -> None:
        self.sent: list[EmailMessage] = []
        self.failures = failures
        self.permanent = permanent
        self.attempts = 0

    def send(self, message: EmailMessage) -> None:
        self.attempts += 1
        if self.failures > 0:
            self.failures -= 1
            raise MailError("the fake mail server is down", permanent=self.permanent)
        self.sent.append(message)


class HttpEmailProvider:
    """An email provider's JSON API: POST `{from, to, subject, text, html, message_id}` with a bearer
    token and `Idempotency-Key: <email id>`. 2xx sent; 5xx, 408, 429 and network errors retried;
    other 4xx refused for good."""

    def __init__(self, url: str, token: str, timeout: float = 10.0, session: requests.Session | None = None) -> None:
        self._url = web_url(url, "EMAIL_PROVIDER_URL")
        self._token = token
        self._timeout = timeout
        self._session = session or requests.Session()

    def send(self, message: EmailMessage) -> None:
        email_id = email_id_of(message)
        text = message.get_body(preferencelist=("plain",))
        page = message.get_body(preferencelist=("html",))
        body = {
            "message_id": str(message["Message-ID"]),
            "from": str(message["From"]),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "text": text.get_content() if text else "",  # type: ignore[union-attr]
            "html": page.get_content() if page else None,  # type: ignore[union-attr]
        }
        try:
            post_to_provider(self._session, self._url, self._token, email_id, body, self._timeout, "email provider")
        except ProviderRefused as error:
            raise MailError(error.reason, permanent=error.permanent) from error


def mailer_from_settings(settings: MessagingSettings) -> FileMailbox | SmtpMailer | HttpEmailProvider:
    if settings.mail_backend == "http":
        return HttpEmailProvider(settings.email_provider_url, settings.email_provider_token, settings.smtp_timeout)
    if settings.mail_backend == "file":
        return FileMailbox(settings.mail_dir)
    if settings.mail_backend == "smtp":
        return SmtpMailer(
            settings.smtp_host,
            settings.smtp_port,
            settings.smtp_username,
            settings.smtp_password,
            starttls=settings.smtp_starttls,
            use_ssl=settings.smtp_ssl,
            timeout=settings.smtp_timeout,
        )
    raise ValueError(f"MAIL_BACKEND must be 'file', 'smtp' or 'http', not {settings.mail_backend!r}")
