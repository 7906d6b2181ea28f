"""The HTTP API of the billing service: parse, call the use case, render."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Response, current_app, make_response, request
from portalkit.auth import principal, requires
from portalkit.errors import PROBLEM_MEDIA_TYPE, Problem, ValidationProblem

from billing.adapters.processors import Processors
from billing.adapters.sandbox import SandboxProcessor
from billing.adapters.unit_of_work import BillingUnitOfWork
from billing.domain.permissions import roles_allowed
from billing.service import idempotency
from billing.service.actors import ClientCaller, Staff
from billing.service.identity import Identity
from billing.service.processor import PaymentProcessor


@dataclasses.dataclass(frozen=True)
class Wiring:
    """What the views need; app.create_app builds it, views read it with `wiring()`."""

    unit_of_work: Callable[[], BillingUnitOfWork]
    identity: Identity
    # The sandbox and Stripe (when configured): a saved card is charged by the one that issued its token.
    processors: Processors
    # The sandbox's tokenisation, for practices that chose the sandbox.
    sandbox: SandboxProcessor | None
    stripe_publishable_key: str = ""

    @property
    def processor(self) -> PaymentProcessor:
        return self.processors


def wiring() -> Wiring:
    return current_app.extensions["billing"]  # type: ignore[no-any-return]


F = TypeVar("F", bound=Callable[..., Any])


def allowed(action: str) -> Callable[[F], F]:
    """A staff path taking `action`: the roles come from the one permission table (domain/permissions.py)."""
    return requires(*sorted(roles_allowed(action)))


def staff_caller() -> Staff:
    who = principal()
    return Staff(who.practice_id, who.account_id, who.role)


def client_caller() -> ClientCaller:
    """The client and the profile the token acts for (their own, a partner's or a minor's)."""
    who = principal()
    if who.role != "client" or not who.profile_id:
        raise Problem(403, "profile-required", "Choose whose portal to open first.")
    return ClientCaller(who.practice_id, who.account_id, who.profile_id)


IDEMPOTENCY_HEADER = "Idempotency-Key"


def idempotent(view: F) -> F:
    """A payment path: needs an Idempotency-Key (inside `requires`); the first final answer to a key is
    replayed for the same request for 24 hours (service/idempotency.py)."""

    @functools.wraps(view)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        scope = _key_scope()
        unit_of_work = wiring().unit_of_work
        saved = idempotency.claim(unit_of_work, scope, _fingerprint())
        if saved is not None:
            return _replay(saved)
        try:
            response = make_response(view(*args, **kwargs))
        except Problem as problem:
            if problem.status >= 500:
                idempotency.release(unit_of_work, scope)
            else:
                idempotency.finish(unit_of_work, scope, idempotency.SavedAnswer(problem.status, problem.to_dict()))
            raise
        except BaseException:
            idempotency.release(unit_of_work, scope)
            raise
        idempotency.finish(unit_of_work, scope, idempotency.SavedAnswer(response.status_code, response.get_json()))
        return response

    return guarded  # type: ignore[return-value]


def request_key() -> str:
    """The caller's Idempotency-Key with who they are, hashed: what ties a retried request to the
    record the first one began (a refund whose processor answer was lost)."""
    return hashlib.sha256("\x1f".join(_key_scope().parts()).encode()).hexdigest()


def _key_scope() -> idempotency.KeyScope:
    key = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
    if not key or len(key) > 200:
        raise ValidationProblem({IDEMPOTENCY_HEADER: ["Send a new key (up to 200 characters) with each payment."]})
    who = principal()
    return idempotency.KeyScope(who.practice_id, who.account_id, key)


def _fingerprint() -> str:
    body = json.dumps(request.get_json(silent=True), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{request.method} {request.path} {body}".encode()).hexdigest()


def _replay(saved: idempotency.SavedAnswer) -> Response:
    media_type = PROBLEM_MEDIA_TYPE if saved.status_code >= 400 else "application/json"
    response = Response(json.dumps(saved.body), status=saved.status_code, mimetype=media_type)
    response.headers["Idempotent-Replayed"] = "true"
    return response
