"""The practice's settings (staff read them, owners and admins change them) and what its sign-in
pages may show to anyone."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from portalkit.auth import principal

from identity.api import caller, dependencies, staff
from identity.api.schemas import PracticeSettingsChangeSchema, PracticeSettingsSchema, PublicProfileSchema
from identity.service import practice_settings as use_cases

blp = Blueprint("practice", __name__, url_prefix="/api/v1", description="The practice's settings.")


@blp.get("/staff/practice/settings")
@staff("read_practice_settings")
@blp.response(200, PracticeSettingsSchema)
def practice_settings() -> dict[str, Any]:
    deps = dependencies()
    return use_cases.settings_of(deps.uow(), principal().practice_id, deps.session_policy)


@blp.patch("/staff/practice/settings")
@staff("change_practice_settings")
@blp.arguments(PracticeSettingsChangeSchema)
@blp.response(200, PracticeSettingsSchema)
def change_practice_settings(body: dict[str, Any]) -> dict[str, Any]:
    deps, who = dependencies(), principal()
    change = use_cases.SettingsChange(who.practice_id, who.account_id, body)
    return use_cases.change_settings(deps.uow(), change, deps.session_policy, caller())


@blp.get("/practices/<practice_id>/public-profile")
@blp.response(200, PublicProfileSchema)
def public_profile(practice_id: str) -> dict[str, Any]:
    """For sign-in pages, before anyone signs in: the name, logo and phone only."""
    return use_cases.public_profile(dependencies().uow(), practice_id)
