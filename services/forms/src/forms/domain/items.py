"""The questions a form is made of, when each is shown, and which answers a submission may hold."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import re
from collections.abc import Mapping, Sequence
from typing import Any

LINK_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
MAX_SHORT_TEXT = 500
MAX_LONG_TEXT = 10_000
MAX_NAME = 200

Answers = Mapping[str, Any]


class ItemType(enum.StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    YES_NO = "yes_no"
    DATE = "date"
    NUMBER = "number"
    SCALE = "scale"
    HEADING = "heading"
    INSTRUCTIONS = "instructions"
    SIGNATURE = "signature"


DISPLAY_ONLY = frozenset({ItemType.HEADING, ItemType.INSTRUCTIONS})
CHOICES = frozenset({ItemType.SINGLE_CHOICE, ItemType.MULTIPLE_CHOICE})


class TemplateInvalid(ValueError):
    """A template's questions do not hold together; `fields` names what is wrong, as an API error."""

    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__(str(fields))
        self.fields = fields


@dataclasses.dataclass(frozen=True)
class Option:
    value: str | int
    label: str


@dataclasses.dataclass(frozen=True)
class Condition:
    """Show the item only when the answer to `item` equals `equals` (or, for a multiple choice, holds it)."""

    item: str
    equals: Any

    def holds(self, answer: Any) -> bool:
        if isinstance(answer, list):
            return self.equals in answer
        return _same(answer, self.equals)


@dataclasses.dataclass(frozen=True)
class Item:
    link_id: str
    type: ItemType
    text: str
    required: bool = False
    options: tuple[Option, ...] = ()
    min: float | None = None
    max: float | None = None
    min_label: str | None = None
    max_label: str | None = None
    enable_when: Condition | None = None

    @property
    def answerable(self) -> bool:
        return self.type not in DISPLAY_ONLY

    def problem_with(self, value: Any) -> str | None:
        """Why `value` is not an answer to this item, or None when it is."""
        check = _CHECKS[self.type]
        return check(self, value)

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"link_id": self.link_id, "type": str(self.type), "text": self.text}
        body["required"] = self.required
        if self.options:
            body["options"] = [{"value": o.value, "label": o.label} for o in self.options]
        for name in ("min", "max", "min_label", "max_label"):
            if getattr(self, name) is not None:
                body[name] = getattr(self, name)
        if self.enable_when is not None:
            body["enable_when"] = {"item": self.enable_when.item, "equals": self.enable_when.equals}
        return body


def item_from_dict(body: Mapping[str, Any]) -> Item:
    condition = body.get("enable_when")
    return Item(
        link_id=str(body["link_id"]),
        type=ItemType(body["type"]),
        text=str(body.get("text", "")),
        required=bool(body.get("required", False)),
        options=tuple(Option(o["value"], str(o["label"])) for o in body.get("options") or ()),
        min=body.get("min"),
        max=body.get("max"),
        min_label=body.get("min_label"),
        max_label=body.get("max_label"),
        enable_when=None if not condition else Condition(str(condition["item"]), condition["equals"]),
    )


def check_items(items: Sequence[Item]) -> None:
    """Raise TemplateInvalid unless the questions hold together: unique link ids, choices with options,
    scales with bounds, conditions pointing at an earlier question with a value it can take."""
    problems: dict[str, list[str]] = {}
    seen: dict[str, Item] = {}
    for item in items:
        for problem in _item_problems(item, seen):
            problems.setdefault(item.link_id, []).append(problem)
        seen[item.link_id] = item
    if problems:
        raise TemplateInvalid(problems)


def _item_problems(item: Item, earlier: Mapping[str, Item]) -> list[str]:
    problems = []
    if not LINK_ID.match(item.link_id):
        problems.append("A link id is 1-64 lower-case letters, digits, dots, dashes or underscores.")
    if item.link_id in earlier:
        problems.append("Another question has this link id.")
    if item.type in CHOICES and len({o.value for o in item.options}) != len(item.options or [None, None]):
        problems.append("A choice needs options with different values.")
    if item.type == ItemType.SCALE and (item.min is None or item.max is None or item.min >= item.max):
        problems.append("A scale needs whole-number min and max, min below max.")
    if item.enable_when is not None:
        problems.extend(_condition_problems(item.enable_when, earlier))
    if item.required and not item.answerable:
        problems.append("Headings and instructions take no answer, so cannot be required.")
    return problems


def _condition_problems(condition: Condition, earlier: Mapping[str, Item]) -> list[str]:
    source = earlier.get(condition.item)
    if source is None or not source.answerable:
        return ["A condition names an earlier question that takes an answer."]
    probe = [condition.equals] if source.type == ItemType.MULTIPLE_CHOICE else condition.equals
    if source.problem_with(probe) is not None:
        return ["The condition's value is not an answer that question can take."]
    return []


def visible_items(items: Sequence[Item], answers: Answers) -> list[Item]:
    """The questions shown for these answers: a condition holds only when its question is shown too."""
    shown: dict[str, Item] = {}
    for item in items:
        condition = item.enable_when
        if condition is None or (condition.item in shown and condition.holds(answers.get(condition.item))):
            shown[item.link_id] = item
    return list(shown.values())


def is_missing(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def check_submission(items: Sequence[Item], answers: Answers) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The answers that count (those of shown questions) and every problem, keyed by link id:
    each missing required answer, each invalid value, each key that is no question of the form."""
    known = {item.link_id: item for item in items}
    problems: dict[str, list[str]] = {}
    for link_id in answers:
        if link_id not in known or not known[link_id].answerable:
            problems[link_id] = ["This is not a question of this form."]
    kept: dict[str, Any] = {}
    for item in visible_items(items, answers):
        value = answers.get(item.link_id)
        if not item.answerable:
            continue
        if is_missing(value):
            if item.required:
                problems[item.link_id] = ["An answer is required."]
            continue
        problem = item.problem_with(value)
        if problem is not None:
            problems[item.link_id] = [problem]
        else:
            kept[item.link_id] = value
    return kept, problems


def check_draft(items: Sequence[Item], answers: Answers) -> dict[str, list[str]]:
    """A draft may be incomplete and half-typed; it may only name the form's questions."""
    answerable = {item.link_id for item in items if item.answerable}
    return {key: ["This is not a question of this form."] for key in answers if key not in answerable}


def _same(left: Any, right: Any) -> bool:
    return type(left) is type(right) and left == right


def _text(limit: int) -> Any:
    def check(item: Item, value: Any) -> str | None:
        if not isinstance(value, str):
            return "Expected text."
        return None if len(value) <= limit else f"At most {limit} characters."

    return check


def _single(item: Item, value: Any) -> str | None:
    if any(_same(value, option.value) for option in item.options):
        return None
    return "Choose one of the options."


def _multiple(item: Item, value: Any) -> str | None:
    if not isinstance(value, list) or len(value) != len({repr(v) for v in value}):
        return "Expected a list of different options."
    return next((_single(item, v) for v in value if _single(item, v) is not None), None)


def _yes_no(item: Item, value: Any) -> str | None:
    return None if isinstance(value, bool) else "Expected yes (true) or no (false)."


def _date(item: Item, value: Any) -> str | None:
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return "Expected a date as YYYY-MM-DD."
    return None if len(value) == 10 else "Expected a date as YYYY-MM-DD."


def _number(item: Item, value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return "Expected a number."
    if item.min is not None and value < item.min:
        return f"At least {item.min:g}."
    if item.max is not None and value > item.max:
        return f"At most {item.max:g}."
    return None


def _scale(item: Item, value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return "Expected a whole number on the scale."
    return _number(item, value)


def _none(item: Item, value: Any) -> str | None:
    return "Headings and instructions take no answer."


_CHECKS = {
    ItemType.SHORT_TEXT: _text(MAX_SHORT_TEXT),
    ItemType.LONG_TEXT: _text(MAX_LONG_TEXT),
    ItemType.SIGNATURE: _text(MAX_NAME),
    ItemType.SINGLE_CHOICE: _single,
    ItemType.MULTIPLE_CHOICE: _multiple,
    ItemType.YES_NO: _yes_no,
    ItemType.DATE: _date,
    ItemType.NUMBER: _number,
    ItemType.SCALE: _scale,
    ItemType.HEADING: _none,
    ItemType.INSTRUCTIONS: _none,
}
