"""The practice's forms settings: read by every staff role, changed by owners and admins."""

from __future__ import annotations

import dataclasses
from typing import Any

from portalkit.errors import ValidationProblem

from forms.domain.practice_settings import MAX_CRISIS_TEXT, FormsSettings
from forms.service.actors import Staff


def forms_settings(uow: Any, practice_id: str) -> FormsSettings:
    with uow:
        return uow.settings.get(practice_id)  # type: ignore[no-any-return]


def change_forms_settings(uow: Any, staff: Staff, changes: dict[str, Any]) -> FormsSettings:
    """Only the named settings change; an empty crisis text (or null) brings the default text back."""
    if "crisis_resources_text" in changes:
        text = (changes["crisis_resources_text"] or "").strip()
        if len(text) > MAX_CRISIS_TEXT:
            raise ValidationProblem({"crisis_resources_text": [f"At most {MAX_CRISIS_TEXT} characters."]})
        changes = {**changes, "crisis_resources_text": text or None}
    with uow:
        current = uow.settings.get(staff.practice_id)
        changed = dataclasses.replace(current, **changes, updated_at=uow.clock.now(), updated_by=staff.account_id)
        uow.settings.save(changed)
        uow.commit()
        return changed
