"""A gateway wired to a fake upstream transport and a verifier trusting a key made for the test run."""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from gateway.adapters.upstream import UpstreamAnswer, UpstreamRequest
from gateway.app import create_app
from gateway.settings import GatewaySettings
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from portalkit.auth import TokenVerifier
from portalkit.clock import FixedClock

SETTINGS = GatewaySettings(
    identity_url="http://identity.test",
    invitations_url="http://invitations.test",
    messaging_url="http://messaging.test",
    forms_url="http://forms.test",
    scheduling_url="http://scheduling.test",
    billing_url="http://billing.test",
    jwks_url="http://identity.test/.well-known/jwks.json",
    internal_token="internal-secret",
)

Answer = UpstreamAnswer | Callable[[UpstreamRequest], UpstreamAnswer]


def json_answer(status: int, body: Any, **headers: str) -> UpstreamAnswer:
    content_type = "application/problem+json" if status >= 400 else "application/json"
    return UpstreamAnswer(status, {"Content-Type": content_type, **headers}, json.dumps(body).encode())


SESSION_STATE_URL = "http://identity.test/internal/sessions/"


class FakeUpstream:
    """Records what the gateway sends; answers what a test told it to, else 200 `{"served": true}`.
    Identity's session checks are kept apart (`session_checks`): every session is on unless a test
    ended it (`ended_sessions`) or set another answer for its URL."""

    def __init__(self) -> None:
        self.sent: list[UpstreamRequest] = []
        self.session_checks: list[UpstreamRequest] = []
        self.ended_sessions: set[str] = set()
        self._answers: dict[tuple[str, str], Answer] = {}

    def answer(self, method: str, url: str, answer: Answer) -> None:
        self._answers[(method, url)] = answer

    def send(self, request: UpstreamRequest) -> UpstreamAnswer:
        if request.url.startswith(SESSION_STATE_URL):
            return self._session_state(request)
        self.sent.append(request)
        answer = self._answers.get((request.method, request.url.split("?")[0]), json_answer(200, {"served": True}))
        return answer(request) if callable(answer) else answer

    def _session_state(self, request: UpstreamRequest) -> UpstreamAnswer:
        self.session_checks.append(request)
        answer = self._answers.get((request.method, request.url))
        if answer is not None:
            return answer(request) if callable(answer) else answer
        session_id = request.url.removeprefix(SESSION_STATE_URL)
        return json_answer(200, {"active": session_id not in self.ended_sessions})

    @property
    def last(self) -> UpstreamRequest:
        return self.sent[-1]


@pytest.fixture(scope="session")
def signing_key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": "test-key"})


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def issue_token(signing_key: RSAKey, clock: FixedClock) -> Callable[..., str]:
    def issue(role: str = "owner", key: RSAKey | None = None, lifetime: int = 900, **claims: Any) -> str:
        now = int(clock.now().timestamp())
        body = {
            "iss": SETTINGS.token_issuer,
            "aud": SETTINGS.token_audience,
            "sub": str(uuid.uuid4()),
            "practice_id": "practice-1",
            "role": role,
            "email": "someone@example.org",
            "profile_id": None,
            "sid": "session-1",
            "iat": now,
            "exp": now + lifetime,
            "jti": str(uuid.uuid4()),
            **claims,
        }
        return jwt.encode({"alg": "RS256", "kid": "test-key"}, body, key or signing_key)

    return issue


@pytest.fixture
def upstream() -> FakeUpstream:
    return FakeUpstream()


@pytest.fixture
def make_gateway(upstream: FakeUpstream, clock: FixedClock, signing_key: RSAKey) -> Callable[..., Any]:
    """The gateway app, with settings changed as a test needs."""

    def make(transport: Any = None, **overrides: Any) -> Any:
        settings = dataclasses.replace(SETTINGS, **overrides)
        published = KeySet([signing_key]).as_dict(private=False)
        verifier = TokenVerifier(
            settings.jwks_url, settings.token_issuer, settings.token_audience, clock, fetch=lambda _url: published
        )
        return create_app(settings, clock, transport or upstream, verifier)

    return make


@pytest.fixture
def gateway(make_gateway: Callable[..., Any]) -> Any:
    return make_gateway()


@pytest.fixture
def client(gateway: Any) -> Any:
    return gateway.test_client()


@pytest.fixture
def staff_headers(issue_token: Callable[..., str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token('owner')}"}


@pytest.fixture(name="json_answer")
def json_answer_fixture() -> Callable[..., UpstreamAnswer]:
    return json_answer
