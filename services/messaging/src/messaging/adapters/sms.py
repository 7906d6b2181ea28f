"""Where text messages go: a folder of .txt files (dev), an SMS provider's HTTP API (production),
or a list (tests). Each text carries its id, so a provider can drop a resend after a crash."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import tempfile
from pathlib import Path
from typing import Protocol

import requests

from messaging.adapters.provider_http import ProviderRefused, post_to_provider, web_url
from messaging.settings import MessagingSettings


class SmsError(Exception):
    """The text was not handed over. `reason` is short and names no number; `permanent` means
    trying again cannot help (the provider refused the number or the request)."""

    def __init__(self, reason: str, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


@dataclasses.dataclass(frozen=True)
class Sms:
    id: str
    to: str
    body: str


class SmsSender(Protocol):
    def send(self, sms: Sms) -> None: ...


class FileSmsBox:
    """One `<sms id>.txt` per text in `folder` (first line `To: <number>`), written whole or not at all."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    def send(self, sms: Sms) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._write_atomically(self.folder / f"{sms.id}.txt", f"To: {sms.to}\n\n{sms.body}\n")
        except OSError as error:
            raise SmsError(f"cannot write to the SMS folder ({type(error).__name__})") from error

    def _write_atomically(self, target: Path, content: str) -> None:
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".sending-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(content)
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise


class HttpSmsProvider:
    """POST `{to, from, body}` as JSON with a bearer token and `Idempotency-Key: <sms id>`. A 2xx is
    sent; 4xx (but 408 and 429) is a refusal for good; 5xx, 408, 429 and network errors are retried."""

    def __init__(
        self, url: str, token: str, sender: str, timeout: float = 10.0, session: requests.Session | None = None
    ) -> None:
        self._url = web_url(url, "SMS_PROVIDER_URL")
        self._token = token
        self._sender = sender
        self._timeout = timeout
        self._session = session or requests.Session()

    def send(self, sms: Sms) -> None:
        body = {"to": sms.to, "from": self._sender, "body": sms.body}
        try:
            post_to_provider(self._session, self._url, self._token, sms.id, body, self._timeout, "SMS provider")
        except ProviderRefused as error:
            raise SmsError(error.reason, permanent=error.permanent) from error


class FakeSmsSender:
    """For tests: keeps what it is given; told to, fails the next few sends."""

    def __init__(self, failures: int = 0, permanent: bool = False) -> None:
        self.sent: list[Sms] = []
        self.failures = failures
        self.permanent = permanent

    def send(self, sms: Sms) -> None:
        if self.failures > 0:
            self.failures -= 1
            raise SmsError("the fake SMS provider is down", permanent=self.permanent)
        self.sent.append(sms)


def sms_sender_from_settings(settings: MessagingSettings) -> FileSmsBox | HttpSmsProvider:
    if settings.sms_backend == "file":
        return FileSmsBox(settings.sms_dir or f"{settings.var_dir}/sms")
    if settings.sms_backend == "http":
        return HttpSmsProvider(
            settings.sms_provider_url, settings.sms_provider_token, settings.sms_sender, settings.sms_timeout
        )
    raise ValueError(f"SMS_BACKEND must be 'file' or 'http', not {settings.sms_backend!r}")
