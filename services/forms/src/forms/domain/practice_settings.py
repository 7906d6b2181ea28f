"""The forms settings a practice chooses: whether clients see their own scores, and the crisis
resources a client is shown when an answer signals risk."""

from __future__ import annotations

import dataclasses
import datetime as dt

MAX_CRISIS_TEXT = 2_000

DEFAULT_CRISIS_RESOURCES = (
    "If you are thinking about harming yourself, you do not have to wait for your next session. "
    "In the United States, call or text 988 (Suicide and Crisis Lifeline) at any time, day or night. "
    "If you are in immediate danger, call 911 or your local emergency number, or go to the nearest "
    "emergency room. Your therapist has been told that one of your answers needs their attention."
)


@dataclasses.dataclass(frozen=True)
class FormsSettings:
    practice_id: str
    show_scores_to_clients: bool = False
    # None: the default text above.
    crisis_resources_text: str | None = None
    updated_at: dt.datetime | None = None
    updated_by: str | None = None

    @property
    def crisis_resources(self) -> str:
        return self.crisis_resources_text or DEFAULT_CRISIS_RESOURCES
