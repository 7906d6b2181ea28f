"""The web UI: HTML pages built from one layout (web/templates) and their assets (web/assets). A page
renders nothing from the request and reads no session: its script fetches its data from the public
API (who is signed in from /api/v1/me, the invitation from the token in the address)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from flask import Blueprint, Response, make_response, redirect, render_template
from portalkit.errors import not_found

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
TEMPLATES_DIR = WEB_DIR / "templates"

# Address → template. A part of the address such as the client's id or the invitation token is read
# by the page's script, never by the server.
PAGES = {
    "/sign-in": "sign-in.html",
    "/sign-in/link": "access/sign-in-link.html",
    # Opening an emailed link spends nothing (mail scanners open every link): the page's button does.
    "/sign-in/link/<token>": "access/sign-in-link-open.html",
    "/sign-in/pin": "access/sign-in-pin.html",
    "/forgot-password": "access/forgot-password.html",
    "/reset-password/<token>": "access/reset-password.html",
    "/verify-email/<token>": "access/verify-email.html",
    "/email-change/<token>": "access/email-change.html",
    "/profiles": "profiles.html",
    "/security": "security.html",
    "/notifications": "notifications.html",
    "/staff/clients": "staff/clients.html",
    "/staff/clients/<client_id>": "staff/client.html",
    "/staff/settings": "staff/settings.html",
    "/staff/forms": "staff/forms.html",
    "/staff/assignments/<assignment_id>": "staff/assignment.html",
    "/invitations/<token>": "invitation.html",
    "/dashboard": "dashboard.html",
    "/tasks/<assignment_id>": "task.html",
    "/appointments": "appointments.html",
    "/staff/appointments": "staff/appointments.html",
    "/messages": "messages.html",
    "/documents": "documents.html",
    "/staff/inbox": "staff/inbox.html",
    "/billing": "billing.html",
}


@dataclasses.dataclass(frozen=True)
class LegalDocument:
    title: str
    # The version the invitations service records when a client accepts the document.
    version: str
    text: str


LEGAL_DOCUMENTS = {
    "terms": LegalDocument("Terms of use", "2026-11-01", "legal/terms.html"),
    "privacy": LegalDocument("Privacy notice", "2026-11-01", "legal/privacy.html"),
    "electronic-notices": LegalDocument("Electronic notices", "2026-11-01", "legal/electronic-notices.html"),
}


def pages_blueprint() -> Blueprint:
    blueprint = Blueprint(
        "pages",
        __name__,
        static_folder=str(WEB_DIR / "assets"),
        static_url_path="/assets",
        template_folder=str(TEMPLATES_DIR),
    )

    @blueprint.get("/")
    def home() -> Response:
        return redirect("/sign-in")  # type: ignore[return-value]

    for rule, template in PAGES.items():
        endpoint = template.removesuffix(".html").replace("/", "-")
        blueprint.add_url_rule(rule, endpoint, _page_view(template))

    @blueprint.get("/legal/<document>")
    def legal(document: str) -> Response:
        if document not in LEGAL_DOCUMENTS:
            raise not_found("Document")
        return _page("legal/document.html", document=LEGAL_DOCUMENTS[document])

    return blueprint


def _page_view(template: str) -> Callable[..., Response]:
    def view(**_address_parts: str) -> Response:
        return _page(template)

    return view


def _page(template: str, **context: object) -> Response:
    response = make_response(render_template(template, **context))
    # Revalidate every time, so a deploy's page is never shown with the previous deploy's scripts.
    response.cache_control.no_cache = True
    return response
