"""portalkit's reader of identity's internal API, against a real HTTP server standing in for identity:
the internal token goes along, a 404 is an answer, other refusals are passed on or become a 502,
and a practice's settings are kept for the cache's seconds only."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from flask import Flask, jsonify, request
from portalkit.errors import Problem
from portalkit.http import InternalClient
from portalkit.identity import IdentityReader, default_email, full_name, practice_name
from werkzeug.serving import make_server

CLIENT = {
    "id": "client-1",
    "first_name": "Avery",
    "last_name": "Lind",
    "emails": [
        {"address": "old@example.test", "is_default": False},
        {"address": "avery@example.test", "is_default": True},
    ],
    "practice": {"name": "Harbor Counseling"},
}


class Identity:
    def __init__(self) -> None:
        self.settings_asked = 0
        self.time_zone = "America/Chicago"
        self.tokens: list[str | None] = []
        self.app = Flask("identity-stand-in")
        self.app.add_url_rule("/internal/practices/<practice>/clients/<client>", view_func=self.client)
        self.app.add_url_rule("/internal/practices/<practice>/clients/<client>/links", view_func=self.links)
        self.app.add_url_rule("/internal/practices/<practice>/staff", view_func=self.staff)
        self.app.add_url_rule("/internal/practices/<practice>/settings", view_func=self.settings)

    def client(self, practice: str, client: str):  # type: ignore[no-untyped-def]
        self.tokens.append(request.headers.get("X-Internal-Token"))
        if client == "broken":
            return "no", 500
        if client == "refused":
            problem = {"type": "about:blank", "code": "not-allowed", "title": "Not allowed.", "status": 409}
            return jsonify(problem), 409, {"Content-Type": "application/problem+json"}
        return (jsonify(CLIENT), 200) if client == "client-1" else (jsonify({}), 404)

    def links(self, practice: str, client: str):  # type: ignore[no-untyped-def]
        return jsonify({"items": [{"account_id": "acc-1", "kind": "self", "active": True}]})

    def staff(self, practice: str):  # type: ignore[no-untyped-def]
        if practice != "practice-1":
            return jsonify({}), 404
        roles = request.args.getlist("role")
        members = [{"account_id": "s1", "email": "c@example.test", "role": "clinician"}]
        members.append({"account_id": "s2", "email": "b@example.test", "role": "billing"})
        return jsonify({"items": [m for m in members if m["role"] in roles]})

    def settings(self, practice: str):  # type: ignore[no-untyped-def]
        self.settings_asked += 1
        return jsonify({"features": {"forms": True, "billing": 0}, "time_zone": self.time_zone})


@pytest.fixture
def identity() -> Iterator[tuple[Identity, str]]:
    stand_in = Identity()
    server = make_server("127.0.0.1", 0, stand_in.app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield stand_in, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


class Clock:
    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds


def test_a_clients_record_is_read_with_the_internal_token(identity):
    stand_in, url = identity
    reader = IdentityReader(InternalClient(url, "internal-secret"))

    record = reader.client_record("practice-1", "client-1")

    assert record is not None
    assert (full_name(record), default_email(record), practice_name(record)) == (
        "Avery Lind",
        "avery@example.test",
        "Harbor Counseling",
    )
    assert stand_in.tokens == ["internal-secret"]
    assert reader.client_exists("practice-1", "someone-else") is False


def test_a_refusal_is_passed_on_and_a_failure_is_a_502(identity):
    _, url = identity
    reader = IdentityReader(InternalClient(url, "internal-secret", retries=0))

    with pytest.raises(Problem) as refused:
        reader.client_record("practice-1", "refused")
    with pytest.raises(Problem) as broken:
        reader.client_record("practice-1", "broken")

    assert (refused.value.status, refused.value.code) == (409, "not-allowed")
    assert (broken.value.status, broken.value.code) == (502, "upstream-error")


def test_links_and_staff_in_the_roles_asked_for(identity):
    _, url = identity
    reader = IdentityReader(InternalClient(url, "internal-secret"))

    assert reader.profile_links("practice-1", "client-1") == [{"account_id": "acc-1", "kind": "self", "active": True}]
    assert [m["account_id"] for m in reader.staff_members("practice-1", ("owner", "clinician"))] == ["s1"]
    assert reader.staff_members("another-practice", ("clinician",)) == []


def test_settings_are_kept_for_the_caches_seconds_and_asked_again_when_the_clock_goes_back(identity):
    stand_in, url = identity
    clock = Clock()
    reader = IdentityReader(InternalClient(url, "internal-secret"), settings_cache_seconds=10, now=clock)

    assert reader.features("practice-1") == {"forms": True, "billing": False}
    stand_in.time_zone = "Europe/Berlin"
    clock.seconds += 9
    assert str(reader.time_zone("practice-1")) == "America/Chicago"
    assert stand_in.settings_asked == 1

    clock.seconds += 1
    assert str(reader.time_zone("practice-1")) == "Europe/Berlin"
    clock.seconds -= 5
    reader.features("practice-1")
    assert stand_in.settings_asked == 3


def test_a_time_zone_this_machine_lacks_is_utc(identity):
    stand_in, url = identity
    stand_in.time_zone = "Mars/Olympus_Mons"
    reader = IdentityReader(InternalClient(url, "internal-secret"), settings_cache_seconds=0)

    assert str(reader.time_zone("practice-1")) == "UTC"
