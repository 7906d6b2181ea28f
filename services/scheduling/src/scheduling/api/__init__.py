"""The HTTP API of the scheduling service: parse, call the use case, render."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Response, current_app, redirect
from portalkit.auth import principal, requires
from portalkit.errors import Problem

from scheduling.adapters.unit_of_work import SchedulingUnitOfWork
from scheduling.domain.permissions import roles_allowed
from scheduling.service import video
from scheduling.service.actors import ClientCaller, Staff
from scheduling.service.identity import Identity
from scheduling.service.video import VideoRooms


@dataclasses.dataclass(frozen=True)
class Wiring:
    """What the views need; app.create_app builds it, views read it with `wiring()`."""

    unit_of_work: Callable[[], SchedulingUnitOfWork]
    identity: Identity
    public_base_url: str
    video: VideoRooms


def wiring() -> Wiring:
    return current_app.extensions["scheduling"]  # type: ignore[no-any-return]


F = TypeVar("F", bound=Callable[..., Any])


def allowed(action: str) -> Callable[[F], F]:
    """A staff path taking `action`: the roles come from the one permission table (domain/permissions.py)."""
    return requires(*sorted(roles_allowed(action)))


def staff_caller() -> Staff:
    who = principal()
    return Staff(who.practice_id, who.account_id, who.role)


def telehealth_offered(practice_id: str) -> bool:
    """Whether the practice offers video appointments in the portal (on unless turned off)."""
    return wiring().identity.features(practice_id).get("telehealth", True)


def telehealth_off() -> Problem:
    return Problem(
        403,
        "feature-off",
        "Your practice does not offer this in the portal.",
        "Contact your practice if you need it.",
        feature="telehealth",
    )


def client_caller() -> ClientCaller:
    """The client and the profile the token acts for (their own, a partner's or a minor's)."""
    who = principal()
    if who.role != "client" or not who.profile_id:
        raise Problem(403, "profile-required", "Choose whose portal to open first.")
    return ClientCaller(who.practice_id, who.account_id, who.profile_id)


def enter_room(who: ClientCaller | Staff, appointment_id: str) -> Response:
    """A participant is sent on to the video room (see service/video.py `enter`)."""
    if not telehealth_offered(who.practice_id):
        raise telehealth_off()
    room = video.enter(wiring().unit_of_work(), wiring().identity, wiring().video, who, appointment_id)
    response = redirect(room, 303)
    response.headers["Cache-Control"] = "no-store"
    return response
