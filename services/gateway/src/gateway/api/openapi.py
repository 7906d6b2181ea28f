"""The gateway's /openapi.json: the services' public paths in one document, fetched on first use
and kept (a failed fetch is not kept, so the next request tries again)."""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from typing import Any

from flask import Flask, jsonify
from portalkit.errors import Problem

from gateway.adapters.upstream import Upstream, UpstreamRequest

PUBLIC_PREFIX = "/api/v1/"
Document = dict[str, Any]


class MergedOpenApi:
    def __init__(self, upstream: Upstream, upstream_urls: Mapping[str, str], version: str) -> None:
        self._upstream = upstream
        self._upstream_urls = upstream_urls
        self._version = version
        self._document: Document | None = None
        self._lock = threading.Lock()

    def document(self) -> Document:
        with self._lock:
            if self._document is None:
                fetched = {name: self._fetch(url) for name, url in self._upstream_urls.items()}
                self._document = merge_documents(fetched, self._version)
            return self._document

    def _fetch(self, base_url: str) -> Document:
        answer = self._upstream.send(UpstreamRequest("GET", base_url.rstrip("/") + "/openapi.json", timeout=5.0))
        try:
            document = json.loads(answer.body) if answer.status == 200 else None
        except ValueError:
            document = None
        if not isinstance(document, dict):
            raise Problem(502, "bad-gateway", "A service's API description could not be read.")
        return document


def install_merged_openapi(app: Flask, merged: MergedOpenApi) -> None:
    """Take over the /openapi.json route that create_service_app gave the gateway."""
    app.view_functions["api-docs.openapi_json"] = lambda: jsonify(merged.document())


def merge_documents(documents: Mapping[str, Document], version: str) -> Document:
    paths: Document = {}
    components: Document = {}
    for service, document in documents.items():
        document = _without_conflicts(service, document, components)
        paths.update({path: item for path, item in document.get("paths", {}).items() if path.startswith(PUBLIC_PREFIX)})
        for section, entries in document.get("components", {}).items():
            components.setdefault(section, {}).update(entries)
    return {
        "openapi": "3.0.3",
        "info": {"title": "Client portal API", "version": version},
        "paths": dict(sorted(paths.items())),
        "components": components,
    }


def _without_conflicts(service: str, document: Document, merged: Document) -> Document:
    """A component another service already defined differently is renamed `<Service><Name>`."""
    renames: dict[str, str] = {}
    for section, entries in document.get("components", {}).items():
        for name, entry in entries.items():
            if merged.get(section, {}).get(name, entry) != entry:
                renames[f"#/components/{section}/{name}"] = f"#/components/{section}/{service.title()}{name}"
    if not renames:
        return document
    renamed: Document = _rewrite_refs(document, renames)
    for old, new in renames.items():
        section, old_name, new_name = old.split("/")[2], old.split("/")[3], new.split("/")[3]
        renamed["components"][section][new_name] = renamed["components"][section].pop(old_name)
    return renamed


def _rewrite_refs(node: Any, renames: Mapping[str, str]) -> Any:
    if isinstance(node, dict):
        return {
            key: renames.get(value, value)
            if key == "$ref" and isinstance(value, str)
            else _rewrite_refs(value, renames)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(value, renames) for value in node]
    return node
