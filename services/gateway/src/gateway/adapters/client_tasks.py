"""The client's "Tasks to complete", asked of forms with the client's own access token: the forms,
consents and assessments the practice gave them, each with the page that opens it. A task whose
kind belongs to a feature the practice turned off is left out. Forms being down or slow takes the
tasks out of the dashboard, never the dashboard itself (`TasksUnavailable`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gateway.adapters.as_client import get_as_client
from gateway.adapters.upstream import Upstream

ASSIGNMENTS_PATH = "/api/v1/assignments"
UPLOAD_REQUESTS_PATH = "/api/v1/upload-requests"
# The portal feature each kind of assignment belongs to.
FEATURE_OF_KIND = {"form": "forms", "consent": "consents", "assessment": "assessments"}
TASK_FIELDS = ("id", "kind", "title", "status", "due_on", "completed_at", "signed_by_you", "for_someone_else")


class TasksUnavailable(Exception):
    """Forms (or messaging, for requested uploads) could not say (down, too slow, an answer that could not
    be read)."""


class ClientTasks:
    def __init__(self, upstream: Upstream, forms_url: str, timeout: float = 3.0) -> None:
        self._upstream = upstream
        self._url = forms_url.rstrip("/") + ASSIGNMENTS_PATH
        self._timeout = timeout

    def of(self, access_token: str, features: Mapping[str, bool]) -> list[dict[str, Any]]:
        """The caller's tasks of the features that are on: pending first, then completed, as forms orders them."""
        kinds = {kind for kind, feature in FEATURE_OF_KIND.items() if features.get(feature, True)}
        if not kinds:
            return []
        items = self._assignments(access_token)
        return [_task(item) for item in items if item.get("kind") in kinds]

    def _assignments(self, access_token: str) -> list[dict[str, Any]]:
        return _items_of(self._upstream, self._url, access_token, self._timeout)


class RequestedUploads:
    """The files the practice asked the client for and they have not sent yet, asked of messaging with the
    client's own token: each a task opening "My uploads" at the request."""

    def __init__(self, upstream: Upstream, messaging_url: str, timeout: float = 3.0) -> None:
        self._upstream = upstream
        self._url = messaging_url.rstrip("/") + UPLOAD_REQUESTS_PATH
        self._timeout = timeout

    def of(self, access_token: str) -> list[dict[str, Any]]:
        items = _items_of(self._upstream, self._url, access_token, self._timeout)
        return [_upload_task(item) for item in items if item.get("status") == "open"]


def _items_of(upstream: Upstream, url: str, access_token: str, timeout: float) -> list[dict[str, Any]]:
    document = get_as_client(upstream, url, access_token, timeout, TasksUnavailable)
    if document is None:
        return []  # a caller with no client profile has no tasks
    items = document.get("items")
    if not isinstance(items, list) or not all(isinstance(item, dict) and "id" in item for item in items):
        raise TasksUnavailable()
    return items


def _task(assignment: Mapping[str, Any]) -> dict[str, Any]:
    task = {name: assignment.get(name) for name in TASK_FIELDS}
    task["for_someone_else"] = bool(task["for_someone_else"])  # forms before named signers did not say
    return task | {"url": f"/tasks/{assignment['id']}"}


def _upload_task(request: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": request["id"],
        "kind": "upload",
        "title": request.get("title"),
        "status": "pending",
        "due_on": request.get("due_on"),
        "completed_at": None,
        "signed_by_you": False,
        "for_someone_else": False,
        "url": f"/documents#request-{request['id']}",
    }
