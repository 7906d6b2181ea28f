"""The web UI is served as pages built from one layout, and every gateway answer carries the security
headers. Pages hold no inline code and render nothing from the request."""

import re
from pathlib import Path

import pytest
from flask import render_template
from gateway.api.pages import TEMPLATES_DIR, LegalDocument
from gateway.security_headers import CONTENT_SECURITY_POLICY

PAGES = [
    "/sign-in",
    "/sign-in/link",
    "/sign-in/link/emailed-token_123",
    "/sign-in/pin",
    "/forgot-password",
    "/reset-password/reset-token_123",
    "/verify-email/verify-token_123",
    "/email-change/change-token_123",
    "/profiles",
    "/security",
    "/notifications",
    "/staff/clients",
    "/staff/clients/5f0c6a8e-0000-4000-8000-000000000001",
    "/staff/settings",
    "/staff/forms",
    "/staff/assignments/5f0c6a8e-0000-4000-8000-000000000002",
    "/invitations/some-token",
    "/dashboard",
    "/tasks/5f0c6a8e-0000-4000-8000-000000000003",
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
    assert response.headers["Cache-Control"] == "no-cache"
    assert b'<script type="module" src="/assets/' in response.data or path.startswith("/legal/")
    assert_security_headers(response)
    assert upstream.sent == []


@pytest.mark.parametrize("path", PAGES)
def test_each_page_is_the_layout_around_its_own_content(client, path):
    html = client.get(path).get_data(as_text=True)

    assert html.startswith("<!doctype html>")
    assert re.search(r"<title>[^<]+ · Client Portal</title>", html)
    assert '<a class="skip-link" href="#main">Skip to main content</a>' in html
    assert html.count('<main id="main"') == 1
    assert '<nav class="site-footer__inner" aria-label="Legal">' in html
    assert "{{" not in html and "{%" not in html


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


def inline_code(html: str) -> list[str]:
    """What the CSP would block or what loads from elsewhere: inline scripts, styles, event handlers."""
    return [
        *re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html),
        *re.findall(r"<style\b", html),
        *re.findall(r"\sstyle\s*=", html),
        *re.findall(r"\son[a-z]+\s*=", html),
        *re.findall(r"https?://", html),
    ]


@pytest.mark.parametrize(
    "template", sorted(TEMPLATES_DIR.rglob("*.html")), ids=lambda template: str(template.relative_to(TEMPLATES_DIR))
)
def test_no_template_holds_inline_script_style_or_event_handlers(template: Path):
    assert inline_code(template.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", PAGES)
def test_no_rendered_page_holds_inline_script_style_or_event_handlers(client, path):
    assert inline_code(client.get(path).get_data(as_text=True)) == []


@pytest.mark.parametrize(
    "path",
    [
        "/invitations/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/staff/clients/%22%3E%3Cimg%20src%3Dx%3E?next=%3Cb%3Ebold%3C%2Fb%3E",
        "/sign-in?email=%3Cb%3Ebold%3C%2Fb%3E",
        "/sign-in/link/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/verify-email/%3Cb%3Ebold%3C%2Fb%3E",
        "/reset-password/%22%3E%3Cimg%20src%3Dx%3E",
    ],
)
def test_a_page_renders_nothing_from_the_request(client, path):
    html = client.get(path).get_data(as_text=True)

    for marker in ("alert(1)", "img src=x", "bold", "&lt;"):
        assert marker not in html


def test_the_templates_escape_what_they_are_given(gateway):
    hostile = LegalDocument("<script>alert(1)</script>", '"><img src=x>', "legal/terms.html")

    with gateway.test_request_context("/legal/terms"):
        html = render_template("legal/document.html", document=hostile)

    assert "<script>alert(1)" not in html and "<img src=x>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    ("document", "title", "passage"),
    [
        ("terms", "Terms of use", "Not for emergencies"),
        ("privacy", "Privacy notice", "What we never do"),
        ("electronic-notices", "Electronic notices", "Changing your mind"),
    ],
)
def test_each_legal_document_is_the_one_legal_page_around_its_own_text(client, document, title, passage):
    html = client.get(f"/legal/{document}").get_data(as_text=True)

    assert f"<title>{title} · Client Portal</title>" in html
    assert f"<h1>{title}</h1>" in html
    assert '<p class="legal__version">Version 2026-11-01</p>' in html
    assert f"<h2>{passage}</h2>" in html
