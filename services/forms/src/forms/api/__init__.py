"""The HTTP API of the forms service: parse, call the use case, render."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app, request
from portalkit.auth import principal, requires
from portalkit.errors import Problem

from forms.adapters.signed_pdf import SignedConsentPdf
from forms.adapters.submission_pdf import SubmissionPdf
from forms.domain.permissions import roles_allowed
from forms.service.actors import ClientCaller, Staff
from forms.service.identity import Identity


@dataclasses.dataclass(frozen=True)
class Wiring:
    """What the views need; app.create_app builds it, views read it with `wiring()`."""

    unit_of_work: Callable[[], Any]
    identity: Identity
    signed_pdf: SignedConsentPdf
    submission_pdf: SubmissionPdf


def wiring() -> Wiring:
    return current_app.extensions["forms"]  # type: ignore[no-any-return]


F = TypeVar("F", bound=Callable[..., Any])


def allowed(action: str) -> Callable[[F], F]:
    """A staff path taking `action`: the roles come from the one permission table (domain/permissions.py)."""
    return requires(*sorted(roles_allowed(action)))


def staff_caller() -> Staff:
    who = principal()
    return Staff(who.practice_id, who.account_id, who.role, request.remote_addr, who.email)


def client_caller() -> ClientCaller:
    """The client and the profile the token acts for (their own, a partner's or a minor's)."""
    who = principal()
    if not who.profile_id:
        raise Problem(403, "profile-required", "Choose whose portal to open first.")
    features = wiring().identity.features(who.practice_id)
    return ClientCaller(
        who.practice_id,
        who.account_id,
        who.profile_id,
        request.remote_addr,
        request.user_agent.string,
        frozenset(name for name, on in features.items() if not on),
    )
