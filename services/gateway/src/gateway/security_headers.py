"""Headers on every gateway response: what the browser may load and run, and what it must not do."""

from __future__ import annotations

from flask import Flask, Response, request

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
)

# The client's billing page may load Stripe.js when the practice uses Stripe: the card is typed into
# Stripe's frame and sent to Stripe's API, never to the portal (Stripe's documented origins).
STRIPE_PAGES = frozenset({"/billing"})
STRIPE_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' https://js.stripe.com; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' https://api.stripe.com; frame-src https://js.stripe.com https://hooks.stripe.com; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def install_security_headers(app: Flask) -> None:
    @app.after_request
    def _secure(response: Response) -> Response:
        response.headers.update(SECURITY_HEADERS)
        if request.path in STRIPE_PAGES:
            response.headers["Content-Security-Policy"] = STRIPE_CONTENT_SECURITY_POLICY
        if request.path.startswith("/api/") and not _public_image(response):
            response.headers["Cache-Control"] = "no-store"
        return response


def _public_image(response: Response) -> bool:
    """An image a service marked public (a practice's logo) may be kept by browsers; nothing else."""
    cache_control = response.headers.get("Cache-Control", "")
    return (response.mimetype or "").startswith("image/") and cache_control.startswith("public")
