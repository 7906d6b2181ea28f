"""Which service owns a public path, whether it needs an access token, and what it does to a
browser session. The table is ordered: the first matching route wins."""

from __future__ import annotations

import dataclasses
import enum
import re

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_ANY_METHOD = frozenset({"GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"})
_SEGMENT = re.compile(r"[A-Za-z0-9_~.\-]+")


class SessionStep(enum.Enum):
    """What a route means for a browser's cookie session."""

    NONE = "none"
    START = "start"  # answers with tokens: the gateway sets the cookies
    RENEW = "renew"  # takes the refresh cookie, answers with new tokens
    END = "end"  # takes the cookies, then the gateway clears them


@dataclasses.dataclass(frozen=True)
class Route:
    pattern: re.Pattern[str]
    upstream: str
    # Methods a caller may use without an access token.
    public: frozenset[str] = frozenset()
    session: SessionStep = SessionStep.NONE
    # Bytes a request body may have; None: the app's limit (portalkit.web, 1 MB).
    body_limit: int | None = None

    def needs_token(self, method: str) -> bool:
        return method not in self.public

    def uses_access_cookie(self, method: str) -> bool:
        return self.needs_token(method) or self.session is SessionStep.END

    def uses_refresh_cookie(self) -> bool:
        return self.session in (SessionStep.RENEW, SessionStep.END)


def _route(
    pattern: str,
    upstream: str,
    public: set[str] | frozenset[str] = frozenset(),
    session: SessionStep = SessionStep.NONE,
    body_limit: int | None = None,
) -> Route:
    return Route(re.compile(pattern + r"\Z"), upstream, frozenset(public), session, body_limit)


_ID = r"[^/]+"
LOGO_UPLOAD_BYTES = 1024 * 1024 + 64 * 1024
_POST = {"POST"}
ATTACHMENT_BYTES = 10 * 1024 * 1024 + 64 * 1024
INSURANCE_PHOTO_BYTES = 5 * 1024 * 1024 + 64 * 1024

ROUTES: tuple[Route, ...] = (
    _route(r"/api/v1/auth/login", "identity", _POST, session=SessionStep.START),
    _route(r"/api/v1/auth/refresh", "identity", _POST, session=SessionStep.RENEW),
    _route(r"/api/v1/auth/logout", "identity", _POST, session=SessionStep.END),
    # Sign-in by link, code, staff PIN or a two-step code answers like a login (a two-step challenge
    # carries no token, so it starts no session); the other steps happen before sign-in.
    _route(r"/api/v1/auth/(link/consume|pin|mfa)", "identity", _POST, session=SessionStep.START),
    # Choosing a profile answers a new token pair for the same session, scoped to that profile.
    _route(r"/api/v1/auth/profile", "identity", session=SessionStep.START),
    # An emailed email-change link is confirmed without signing in: holding the token is the proof.
    _route(r"/api/v1/auth/(link|password/(forgot|reset)|verify-email(/resend)?|mfa/sms)", "identity", _POST),
    _route(r"/api/v1/auth/email-change/confirm", "identity", _POST),
    _route(r"/api/v1/auth/.+", "identity"),
    _route(rf"/api/v1/me(/sessions(/{_ID})?|/sign-ins|/2fa(/totp(/confirm)?|/sms(/confirm)?)?)?", "identity"),
    _route(r"/api/v1/me/(email|profiles)", "identity"),
    # What a practice's sign-in pages may show anyone: its name, logo and phone.
    _route(rf"/api/v1/practices/{_ID}/(public-profile|logo)", "identity", {"GET", "HEAD"}),
    _route(r"/api/v1/staff/practice/settings", "identity"),
    # A logo of up to 1 MB (identity's limit) with its multipart framing.
    _route(r"/api/v1/staff/practice/logo", "identity", body_limit=LOGO_UPLOAD_BYTES),
    _route(rf"/api/v1/staff/clients/{_ID}/(invitations(/revoke|/current/link)?|portal-status)", "invitations"),
    _route(r"/api/v1/staff/(portal-statuses|invitations/bulk)", "invitations"),
    _route(rf"/api/v1/staff/clients(/{_ID})?", "identity"),
    _route(rf"/api/v1/staff/clients/{_ID}/(emails(/remove|/default)?|links(/{_ID})?)", "identity"),
    _route(
        rf"/api/v1/staff/clients/{_ID}/(sign-in-pin|reset-link|account/disable|account/enable|sign-in-events|2fa/reset)",
        "identity",
    ),
    _route(rf"/api/v1/invitations/{_ID}(/accept)?", "invitations", {"GET", "HEAD", "POST"}),
    _route(r"/api/v1/staff/dev/.+", "messaging"),
    # forms: templates, assignments and their answers, signatures, scores, the forms settings.
    _route(rf"/api/v1/staff/clients/{_ID}/(assignments|packets|scores)", "forms"),
    _route(rf"/api/v1/staff/clients/{_ID}/recurring-assessments(/{_ID})?", "forms"),
    _route(r"/api/v1/staff/(templates(/copies|/[^/]+)?|forms/(settings|audit))", "forms"),
    _route(
        rf"/api/v1/staff/assignments/{_ID}(/withdraw|/risk-acknowledgement|/signed-document|/submission-document|/fhir)?",
        "forms",
    ),
    _route(rf"/api/v1/assignments(/{_ID}(/draft|/submit|/sign|/signed-document)?)?", "forms"),
    # scheduling: appointments kept by staff, the scheduling set-up, the client's appointments, calendar
    # files and feed, self-scheduling. A calendar feed is read by calendar programs: its token is the key.
    _route(rf"/api/v1/staff/appointments(/{_ID}(/move|/move-series|/cancel|/no-show|/video)?)?", "scheduling"),
    _route(rf"/api/v1/staff/(appointment-types|scheduling/settings|clinicians(/{_ID}/availability)?)", "scheduling"),
    _route(rf"/api/v1/staff/appointment-requests(/{_ID}/(approve|decline))?", "scheduling"),
    _route(rf"/api/v1/appointments(/calendar-feed|/{_ID}/(calendar|requests|video))?", "scheduling"),
    _route(r"/api/v1/booking/(options|slots|appointments)", "scheduling"),
    _route(rf"/api/v1/calendar-feeds/{_ID}", "scheduling", {"GET", "HEAD"}),
    # messaging: secure threads, the client's (guarded by the `messages` feature) and staff's inbox.
    _route(rf"/api/v1/(staff/)?threads(/{_ID}(/messages(/{_ID}/retract)?|/read)?)?", "messaging"),
    _route(rf"/api/v1/staff/threads/{_ID}/(assign|archive|unarchive)", "messaging"),
    # A file of up to 10 MB (messaging's ATTACHMENT_MAX_BYTES) with its multipart framing.
    _route(rf"/api/v1/(staff/)?threads/{_ID}/attachments(/{_ID})?", "messaging", body_limit=ATTACHMENT_BYTES),
    _route(r"/api/v1/staff/(inbox|messaging/settings(/uploads)?)", "messaging"),
    _route(r"/api/v1/messages/unread", "messaging"),
    # messaging: each client account's notice preferences; the email provider's reports, signed (no token).
    # The mobile number is confirmed with a texted code (`…/mobile/confirmation`), a new one at `…/mobile/code`.
    _route(r"/api/v1/messaging/preferences(/mobile/(confirmation|code))?", "messaging"),
    _route(r"/api/v1/messaging/webhooks/email", "messaging", _POST),
    # billing: Stripe's webhooks come without a user token (billing checks their signature).
    _route(r"/api/v1/billing/webhooks/stripe", "billing", _POST),
    # billing: the client's cards, autopay, invoices and payments, which processor the card form uses,
    # the sandbox processor's card tokens; staff's invoices, a client's ledger, refunds of a payment and
    # the billing settings.
    _route(
        rf"/api/v1/billing/(cards(/{_ID}(/default)?)?|autopay|invoices(/{_ID}/payments)?|processor|sandbox/tokens)",
        "billing",
    ),
    _route(rf"/api/v1/staff/clients/{_ID}/(billing|invoices)", "billing"),
    _route(rf"/api/v1/staff/(invoices/{_ID}/issue|billing/settings|payments/{_ID}/refunds)", "billing"),
    # billing's insurance (the client's guarded by the `insurance` feature): a card photo of up to 5 MB
    # (billing's INSURANCE_PHOTO_MAX_BYTES) with its multipart framing.
    _route(
        r"/api/v1/billing/insurance(/(primary|secondary)(/photos/(front|back))?)?",
        "billing",
        body_limit=INSURANCE_PHOTO_BYTES,
    ),
    _route(rf"/api/v1/staff/clients/{_ID}/insurance(/(primary|secondary)(/verify|/photos/(front|back))?)?", "billing"),
    # messaging: documents shared with a client (feature `documents`) and the client's uploads (`uploads`),
    # and staff's side of both; a file of up to 10 MB with its multipart framing.
    _route(rf"/api/v1/documents(/waiting|/{_ID}/(file|acknowledge))?", "messaging"),
    _route(r"/api/v1/uploads", "messaging", body_limit=ATTACHMENT_BYTES),
    _route(rf"/api/v1/uploads/{_ID}/file", "messaging"),
    _route(rf"/api/v1/staff/clients/{_ID}/documents", "messaging", body_limit=ATTACHMENT_BYTES),
    _route(rf"/api/v1/staff/documents/{_ID}/file", "messaging"),
    # messaging: files staff ask a client for (feature `uploads`), and the client's file against one.
    _route(r"/api/v1/upload-requests", "messaging"),
    _route(rf"/api/v1/upload-requests/{_ID}/file", "messaging", body_limit=ATTACHMENT_BYTES),
    _route(rf"/api/v1/staff/(clients/{_ID}/upload-requests|upload-requests/{_ID}/cancel)", "messaging"),
    # messaging: a client's notices for staff (sent, failed, bounced, withheld).
    _route(rf"/api/v1/staff/clients/{_ID}/notices", "messaging"),
    # messaging: profile pictures (a photo of up to 10 MB, kept as a 256-pixel square).
    _route(r"/api/v1/profile-picture", "messaging", body_limit=ATTACHMENT_BYTES),
    _route(rf"/api/v1/(profile-pictures/{_ID}|staff/clients/{_ID}/picture)", "messaging"),
    # billing's documents: statements, superbills and receipts (PDF), the client's and staff's.
    _route(rf"/api/v1/billing/(statements|superbills|receipts)(/{_ID}/pdf)?", "billing"),
    _route(rf"/api/v1/staff/clients/{_ID}/(statements|superbills|receipts|documents/audit)", "billing"),
    _route(rf"/api/v1/staff/(statements|superbills|receipts)/{_ID}/pdf", "billing"),
    # billing's Good Faith Estimates: the client's (feature `estimates`) and staff's.
    _route(rf"/api/v1/billing/estimates(/{_ID}/(pdf|acknowledge))?", "billing"),
    _route(rf"/api/v1/staff/clients/{_ID}/estimates", "billing"),
    _route(rf"/api/v1/staff/estimates/{_ID}(/issue|/pdf)?", "billing"),
    _route(r"/\.well-known/jwks\.json", "identity", _ANY_METHOD),
)


def find_route(path: str) -> Route | None:
    """The route owning `path`, or None. Paths with dot segments are refused: an HTTP client
    would resolve `/api/v1/auth/../../internal/x` into a path the gateway must never reach."""
    if not _plain(path):
        return None
    return next((route for route in ROUTES if route.pattern.match(path)), None)


def _plain(path: str) -> bool:
    segments = path.split("/")[1:]
    return bool(segments) and all(_SEGMENT.fullmatch(s) and s not in {".", ".."} for s in segments)
