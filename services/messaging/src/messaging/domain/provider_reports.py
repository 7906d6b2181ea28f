"""What the email provider's webhook tells: a message bounced (hard or soft), its recipient complained,
or it was delivered. Each report is signed: HMAC-SHA256 over `<timestamp>.<raw body>` with the shared
secret, hex in `Webhook-Signature: v1=<hex>`, the Unix time in `Webhook-Timestamp`, accepted for 300
seconds either side of now.

A report is `{id, type: bounce|complaint|delivered, message_id: "<email id@portal>", bounce_type: hard|soft
(bounces), code (optional: the mail server's status, e.g. "5.1.1"), occurred_at (optional, ISO 8601)}`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import json
import re
from typing import Any

from messaging.domain.outbound_email import HARD, SOFT

TOLERANCE = dt.timedelta(seconds=300)
SIGNATURE_HEADER = "Webhook-Signature"
TIMESTAMP_HEADER = "Webhook-Timestamp"
BOUNCE = "bounce"
COMPLAINT = "complaint"
DELIVERED = "delivered"
_EVENT_ID = re.compile(r"^[A-Za-z0-9_.:\-]{1,100}$")
_MESSAGE_ID = re.compile(r"^<?([0-9a-f-]{36})@portal>?$")
# A mail server's enhanced status ("5.1.1") or a provider's short code ("mailbox_full"): nothing more.
_CODE = re.compile(r"^[A-Za-z0-9_.\-]{1,40}$")


class BadReport(ValueError):
    """The report is not signed as it must be, is too old, or says nothing usable. `code` names which."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


@dataclasses.dataclass(frozen=True)
class ProviderReport:
    event_id: str
    kind: str
    email_id: str
    bounce_type: str | None
    code: str | None
    occurred_at: dt.datetime | None


def signature(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"v1={mac.hexdigest()}"


def verify(secret: str, timestamp: str | None, signed: str | None, body: bytes, now: dt.datetime) -> None:
    """BadReport unless `signed` is the secret's signature of the body at a timestamp near `now`."""
    if not timestamp or not signed:
        raise BadReport("unsigned-report", f"The {TIMESTAMP_HEADER} and {SIGNATURE_HEADER} headers are required.")
    try:
        sent_at = dt.datetime.fromtimestamp(int(timestamp), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise BadReport("bad-timestamp", f"{TIMESTAMP_HEADER} is not a Unix time.") from None
    # Compared before the time, in constant time, so a forger learns nothing from which check failed.
    expected = signature(secret, timestamp, body)
    if not hmac.compare_digest(expected.encode(), signed.strip().encode()):
        raise BadReport("bad-signature", "The signature does not match the report.")
    if abs(now - sent_at) > TOLERANCE:
        raise BadReport("stale-report", "The report is more than 300 seconds away from now.")


def parse(body: bytes) -> ProviderReport:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise BadReport("bad-report", "The report is not JSON.") from None
    if not isinstance(data, dict):
        raise BadReport("bad-report", "The report is not a JSON object.")
    event_id = _text(data, "id")
    if not _EVENT_ID.match(event_id):
        raise BadReport("bad-report", "The report has no usable id.")
    kind = _text(data, "type")
    if kind not in (BOUNCE, COMPLAINT, DELIVERED):
        raise BadReport("bad-report", "The report's type is not bounce, complaint or delivered.")
    found = _MESSAGE_ID.match(_text(data, "message_id"))
    if not found:
        raise BadReport("bad-report", "The report names no portal message.")
    bounce_type = _text(data, "bounce_type") or None
    if kind == BOUNCE and bounce_type not in (HARD, SOFT):
        raise BadReport("bad-report", "A bounce's bounce_type is hard or soft.")
    code = _text(data, "code") or None
    if code is not None and not _CODE.match(code):
        code = None  # a free-text diagnostic may quote the address: it is dropped
    return ProviderReport(event_id, kind, found.group(1), bounce_type if kind == BOUNCE else None, code, _moment(data))


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    return value.strip() if isinstance(value, str) else ""


def _moment(data: dict[str, Any]) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(_text(data, "occurred_at").replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else None
