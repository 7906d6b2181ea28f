"""The web UI: plain HTML pages and their assets, each page a static file that fetches its data
from the public API. Nothing here reads a session; the pages' scripts ask /api/v1/me."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, redirect, send_from_directory
from portalkit.errors import not_found

WEB_DIR = Path(__file__).resolve().parent.parent / "web"

LEGAL_DOCUMENTS = {
    "terms": "legal-terms.html",
    "privacy": "legal-privacy.html",
    "electronic-notices": "legal-electronic-notices.html",
}


def pages_blueprint() -> Blueprint:
    blueprint = Blueprint("pages", __name__, static_folder=str(WEB_DIR / "assets"), static_url_path="/assets")

    @blueprint.get("/")
    def home() -> Response:
        return redirect("/sign-in")  # type: ignore[return-value]

    @blueprint.get("/sign-in")
    def sign_in() -> Response:
        return _page("sign-in.html")

    @blueprint.get("/staff/clients")
    def staff_clients() -> Response:
        return _page("staff-clients.html")

    @blueprint.get("/staff/clients/<client_id>")
    def staff_client(client_id: str) -> Response:
        return _page("staff-client.html")

    @blueprint.get("/invitations/<token>")
    def invitation(token: str) -> Response:
        return _page("invitation.html")

    @blueprint.get("/dashboard")
    def dashboard() -> Response:
        return _page("dashboard.html")

    @blueprint.get("/legal/<document>")
    def legal(document: str) -> Response:
        if document not in LEGAL_DOCUMENTS:
            raise not_found("Document")
        return _page(LEGAL_DOCUMENTS[document])

    return blueprint


def _page(name: str) -> Response:
    return send_from_directory(WEB_DIR, name, mimetype="text/html", max_age=0)
