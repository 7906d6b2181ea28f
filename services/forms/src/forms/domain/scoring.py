"""PHQ-9 and GAD-7: their items, total scores, severity bands and the PHQ-9 item 9 risk rule."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

PHQ9 = "phq-9"
GAD7 = "gad-7"


@dataclasses.dataclass(frozen=True)
class Band:
    severity: str
    low: int
    high: int


@dataclasses.dataclass(frozen=True)
class AssessmentScore:
    total: int
    severity: str


@dataclasses.dataclass(frozen=True)
class Instrument:
    key: str
    scored_items: tuple[str, ...]
    difficulty_item: str
    bands: tuple[Band, ...]
    loinc_panel: str
    loinc_total: str

    @property
    def max_total(self) -> int:
        return 3 * len(self.scored_items)

    def severity_of(self, total: int) -> str:
        band = next((band for band in self.bands if band.low <= total <= band.high), None)
        if band is None:
            raise ValueError(f"{self.key} total {total} is outside 0-{self.max_total}")
        return band.severity

    def score(self, answers: Mapping[str, Any]) -> AssessmentScore:
        """The total of the scored items (each 0-3; the difficulty question is not counted)."""
        values = [answers[item] for item in self.scored_items]
        if any(isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 3 for v in values):
            raise ValueError(f"{self.key} items are scored 0-3")
        total = sum(values)
        return AssessmentScore(total, self.severity_of(total))

    def raises_risk_flag(self, answers: Mapping[str, Any]) -> bool:
        """PHQ-9 item 9 (thoughts of being better off dead or of self-harm) above 0, on any day."""
        if self.key != PHQ9:
            return False
        value = answers.get("phq9.9")
        return isinstance(value, int) and not isinstance(value, bool) and value > 0


INSTRUMENTS: dict[str, Instrument] = {
    PHQ9: Instrument(
        key=PHQ9,
        scored_items=tuple(f"phq9.{n}" for n in range(1, 10)),
        difficulty_item="phq9.difficulty",
        bands=(
            Band("minimal", 0, 4),
            Band("mild", 5, 9),
            Band("moderate", 10, 14),
            Band("moderately severe", 15, 19),
            Band("severe", 20, 27),
        ),
        loinc_panel="44249-1",
        loinc_total="44261-6",
    ),
    GAD7: Instrument(
        key=GAD7,
        scored_items=tuple(f"gad7.{n}" for n in range(1, 8)),
        difficulty_item="gad7.difficulty",
        bands=(Band("minimal", 0, 4), Band("mild", 5, 9), Band("moderate", 10, 14), Band("severe", 15, 21)),
        loinc_panel="69737-5",
        loinc_total="70274-6",
    ),
}


def instrument_of(key: str | None) -> Instrument | None:
    return INSTRUMENTS.get(key or "")
