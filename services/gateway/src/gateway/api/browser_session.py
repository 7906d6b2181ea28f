"""Browser sessions: tokens live in HttpOnly cookies the page never reads; a CSRF cookie the page
does read is echoed in a header on every unsafe request (double-submit), so another site cannot
make the browser act on the user's behalf."""

from __future__ import annotations

import hmac
import json
import secrets
from typing import Any

from flask import Request, Response
from portalkit.errors import Problem

from gateway.routing import SAFE_METHODS, Route

ACCESS_COOKIE = "portal_access"
REFRESH_COOKIE = "portal_refresh"
CSRF_COOKIE = "portal_csrf"
CSRF_HEADER = "X-CSRF-Token"
WEB_CLIENT_HEADER = "X-Portal-Client"
REFRESH_COOKIE_PATH = "/api/v1/auth"
TOKEN_FIELDS = ("access_token", "refresh_token")


def csrf_failed() -> Problem:
    return Problem(403, "csrf-failed", "The request could not be confirmed.", "Reload the page and try again.")


def access_token_from_cookie(request: Request, route: Route | None) -> str | None:
    """The access cookie, when this request should use it in place of an Authorization header
    (`route` None: a path the gateway answers itself, always signed in)."""
    if "Authorization" in request.headers or (route is not None and not route.uses_access_cookie(request.method)):
        return None
    token = request.cookies.get(ACCESS_COOKIE)
    if token:
        check_csrf(request)
    return token or None


def body_with_refresh_cookie(request: Request, route: Route, body: bytes) -> bytes:
    """Refresh and logout take the refresh token from the cookie when the body has none."""
    cookie = request.cookies.get(REFRESH_COOKIE)
    if not cookie or not route.uses_refresh_cookie():
        return body
    document = _json_object(body) if body.strip() else {}
    if document is None or document.get("refresh_token"):
        return body
    check_csrf(request)
    return json.dumps({**document, "refresh_token": cookie}).encode()


def check_csrf(request: Request) -> None:
    if request.method in SAFE_METHODS:
        return
    expected = request.cookies.get(CSRF_COOKIE, "")
    given = request.headers.get(CSRF_HEADER, "")
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        raise csrf_failed()


def start_session(request: Request, response: Response, secure: bool) -> None:
    """After a successful login or refresh: tokens into cookies; a web page gets them only there."""
    document = _json_object(response.get_data())
    if response.status_code != 200 or not document or "access_token" not in document:
        return
    max_age = document.get("expires_in") if isinstance(document.get("expires_in"), int) else None
    _set(response, ACCESS_COOKIE, str(document["access_token"]), "/", secure, max_age=max_age)
    if document.get("refresh_token"):
        _set(response, REFRESH_COOKIE, str(document["refresh_token"]), REFRESH_COOKIE_PATH, secure)
    _set(response, CSRF_COOKIE, secrets.token_urlsafe(32), "/", secure, http_only=False)
    if request.headers.get(WEB_CLIENT_HEADER) == "web":
        stripped = {key: value for key, value in document.items() if key not in TOKEN_FIELDS}
        response.set_data(json.dumps(stripped))


def end_session(response: Response, secure: bool) -> None:
    for name, path in ((ACCESS_COOKIE, "/"), (REFRESH_COOKIE, REFRESH_COOKIE_PATH), (CSRF_COOKIE, "/")):
        response.delete_cookie(name, path=path, secure=secure, httponly=name != CSRF_COOKIE, samesite="Strict")


def _set(
    response: Response,
    name: str,
    value: str,
    path: str,
    secure: bool,
    max_age: int | None = None,
    http_only: bool = True,
) -> None:
    response.set_cookie(name, value, max_age=max_age, path=path, secure=secure, httponly=http_only, samesite="Strict")


def _json_object(body: bytes) -> dict[str, Any] | None:
    try:
        document = json.loads(body)
    except ValueError:
        return None
    return document if isinstance(document, dict) else None
