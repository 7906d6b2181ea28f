"""The messaging service's settings, read from the environment (see portalkit.settings)."""

from __future__ import annotations

import dataclasses

from portalkit.codes import pepper_from
from portalkit.settings import BaseSettings


@dataclasses.dataclass(frozen=True)
class MessagingSettings(BaseSettings):
    service_name: str = "messaging"
    # "file" writes one <email id>.eml per email under mail_dir; "smtp" hands them to SMTP_HOST;
    # "http" posts them to EMAIL_PROVIDER_URL.
    mail_backend: str = "file"
    mail_dir: str = "var/mail"
    mail_from: str = "Client portal <no-reply@portal.example>"
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    smtp_ssl: bool = False
    smtp_timeout: float = 10.0
    max_send_attempts: int = 5
    # MAIL_BACKEND=http: an email provider's JSON API (see adapters/mail.py) and its bearer token.
    email_provider_url: str = ""
    email_provider_token: str = ""
    # The provider's webhook (POST /api/v1/messaging/webhooks/email) is signed with this; empty: no webhook.
    email_webhook_secret: str = ""
    # "file" writes one <sms id>.txt per text under sms_dir; "http" posts it to SMS_PROVIDER_URL.
    sms_backend: str = "file"
    # Empty: <VAR_DIR>/sms.
    sms_dir: str = ""
    sms_provider_url: str = ""
    sms_provider_token: str = ""
    # The sender the provider shows (a number or an approved name).
    sms_sender: str = ""
    sms_timeout: float = 10.0
    # Key of the HMAC under which the codes confirming a client's mobile number are stored. Set it in
    # production; when empty it is derived from SEALED_PAYLOAD_KEY (dev and tests).
    code_pepper: str = ""
    # Identity's internal API: who among a practice's staff is told of a flagged assessment.
    identity_url: str = "http://127.0.0.1:8081"
    # Consumers of the thread notices at once in one worker: each waits on identity for the address.
    thread_notice_consumers: int = 4
    # Email sender loops in one worker (each email is locked by the one sending it).
    email_senders: int = 3
    # Dev only: staff can read the practice's outgoing mail at /api/v1/staff/dev/mailbox.
    dev_mailbox: bool = False
    # The largest file a message may carry (bytes); the gateway lets a little more through for the framing.
    attachment_max_bytes: int = 10 * 1024 * 1024
    # Every file is scanned before it is stored: "off" (none) or "clamav" (clamd at CLAMD_ADDRESS,
    # `host:port` or `unix:/path`); clamd unreachable refuses files (503), never stores them unscanned.
    virus_scan: str = "off"
    clamd_address: str = ""
    clamd_timeout: float = 30.0
    # Seconds between the worker's sweeps for requested uploads past their due date (one reminder each).
    upload_reminder_interval: float = 60.0


def code_pepper(settings: MessagingSettings) -> bytes:
    return pepper_from(settings.code_pepper, settings.sealed_payload_key, "messaging")
