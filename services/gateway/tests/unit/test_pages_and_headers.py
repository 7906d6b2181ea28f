"""The web UI is served as static pages, and every gateway answer carries the security headers."""

import re
from pathlib import Path

import pytest
from gateway.api.pages import WEB_DIR
from gateway.security_headers import CONTENT_SECURITY_POLICY

PAGES = [
    "/sign-in",
    "/staff/clients",
    "/staff/clients/5f0c6a8e-0000-4000-8000-000000000001",
    "/invitations/some-token",
    "/dashboard",
    "/legal/terms",
    "/legal/privacy",
    "/legal/electronic-notices",
]


def assert_security_headers(response):
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.parametrize("path", PAGES)
def test_each_page_is_served_as_html_with_the_security_headers(client, upstream, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert b'<script type="module" src="/assets/' in response.data or path.startswith("/legal/")
    assert_security_headers(response)
    assert upstream.sent == []


def test_the_home_page_sends_people_to_sign_in(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in"
    assert_security_headers(response)


def test_assets_are_served_with_their_types(client):
    css = client.get("/assets/portal.css")
    script = client.get("/assets/api.js")

    assert css.mimetype == "text/css"
    assert script.mimetype in {"text/javascript", "application/javascript"}
    assert_security_headers(script)


def test_an_unknown_legal_document_is_a_404(client):
    assert client.get("/legal/cookies").status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("GET", "/api/v1/me", {}),
        ("GET", "/api/v1/nothing", {}),
        ("GET", "/healthz", {}),
        ("POST", "/api/v1/auth/login", {}),
    ],
)
def test_api_and_operational_answers_carry_the_security_headers_and_are_not_cached(client, method, path, headers):
    response = client.open(path, method=method, headers=headers, json={})

    assert_security_headers(response)
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("page", sorted(WEB_DIR.glob("*.html")), ids=lambda page: page.name)
def test_no_page_holds_inline_script_style_or_event_handlers(page: Path):
    html = page.read_text(encoding="utf-8")

    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert "<style" not in html
    assert re.findall(r"\sstyle\s*=", html) == []
    assert re.findall(r"\son[a-z]+\s*=", html) == []
    assert "http://" not in html and "https://" not in html


def test_the_legal_documents_carry_their_version(client):
    for document in ("terms", "privacy", "electronic-notices"):
        assert b"Version 2026-11-01" in client.get(f"/legal/{document}").data
