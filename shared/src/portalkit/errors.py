"""Errors as RFC 9457 problem details (`application/problem+json`) with a stable `code`."""

from __future__ import annotations

from typing import Any

PROBLEM_BASE = "https://portal.example/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"


class Problem(Exception):
    """Raise anywhere below an API; the web layer renders it. `code` never changes once published."""

    def __init__(self, status: int, code: str, title: str, detail: str | None = None, **extra: Any) -> None:
        super().__init__(title)
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.extra = extra

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": PROBLEM_BASE + self.code,
            "code": self.code,
            "title": self.title,
            "status": self.status,
        }
        if self.detail:
            body["detail"] = self.detail
        body.update(self.extra)
        return body


class ValidationProblem(Problem):
    def __init__(self, fields: dict[str, list[str]], detail: str | None = None) -> None:
        super().__init__(
            422,
            "validation-failed",
            "Some fields are missing or not valid.",
            detail or "Correct the fields listed in `errors` and try again.",
            errors=fields,
        )


def not_found(what: str) -> Problem:
    return Problem(404, "not-found", f"{what} not found.")


def forbidden(detail: str = "You may not do this.") -> Problem:
    return Problem(403, "forbidden", "Forbidden.", detail)


def unauthorized(detail: str = "Sign in to continue.") -> Problem:
    return Problem(401, "unauthorized", "Not signed in.", detail)


def service_unavailable(detail: str) -> Problem:
    return Problem(503, "service-unavailable", "The service is unavailable for a moment.", detail)
