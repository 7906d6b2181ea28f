"""Templates of a practice's form library and their versions: a version never changes once made."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
import unicodedata
from collections.abc import Sequence
from typing import Any

from forms.domain.items import Item, TemplateInvalid, check_items, item_from_dict

MAX_DOCUMENT = 100_000


class TemplateKind(enum.StrEnum):
    """Also the client's task kind (`forms.task.assigned`)."""

    FORM = "form"
    CONSENT = "consent"
    ASSESSMENT = "assessment"

    @property
    def feature(self) -> str:
        """The portal feature (a practice setting, identity's) that offers this kind to clients."""
        return {"form": "forms", "consent": "consents", "assessment": "assessments"}[self.value]


@dataclasses.dataclass(frozen=True)
class TemplateContent:
    """What a version says: a form's questions, a consent's document, an assessment's instrument."""

    title: str
    kind: TemplateKind
    items: tuple[Item, ...] = ()
    document: str = ""
    instrument: str | None = None

    def check(self) -> None:
        check_items(self.items)
        if self.kind == TemplateKind.CONSENT and not self.document.strip():
            raise TemplateInvalid({"document": ["A consent needs the document the client reads and signs."]})
        if len(self.document) > MAX_DOCUMENT:
            raise TemplateInvalid({"document": [f"At most {MAX_DOCUMENT} characters."]})

    def canonical_text(self) -> str:
        """The exact text a signature covers: NFC, LF line ends, no trailing spaces; title, document, then
        each question as JSON, so that any change of wording makes another digest."""
        parts = [self.title, self.document, *(json.dumps(i.to_dict(), sort_keys=True) for i in self.items)]
        text = "\n\n".join(part.replace("\r\n", "\n").replace("\r", "\n") for part in parts)
        lines = [line.rstrip() for line in unicodedata.normalize("NFC", text).split("\n")]
        return "\n".join(lines).strip() + "\n"

    def digest(self) -> str:
        return hashlib.sha256(self.canonical_text().encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "kind": str(self.kind),
            "items": [item.to_dict() for item in self.items],
            "document": self.document,
            "instrument": self.instrument,
        }


def content_from_dict(body: dict[str, Any]) -> TemplateContent:
    return TemplateContent(
        title=str(body["title"]),
        kind=TemplateKind(body["kind"]),
        items=tuple(item_from_dict(item) for item in body.get("items") or ()),
        document=str(body.get("document") or ""),
        instrument=body.get("instrument"),
    )


@dataclasses.dataclass(frozen=True)
class TemplateVersion:
    id: str
    template_id: str
    practice_id: str
    number: int
    content: TemplateContent
    content_sha256: str
    created_at: dt.datetime
    created_by: str | None


@dataclasses.dataclass
class Template:
    """A practice's template: a copy of a built-in it uses (`builtin_key`) or one of its own library."""

    id: str
    practice_id: str
    builtin_key: str | None
    current_version: int
    created_at: dt.datetime
    created_by: str | None
    copied_from: str | None = None

    @property
    def editable(self) -> bool:
        return self.builtin_key is None


def next_version(template: Template, version_id: str, content: TemplateContent, now: dt.datetime, by: str | None):
    """The template's next version; raises TemplateInvalid when the content does not hold together."""
    content.check()
    template.current_version += 1
    return TemplateVersion(
        id=version_id,
        template_id=template.id,
        practice_id=template.practice_id,
        number=template.current_version,
        content=content,
        content_sha256=content.digest(),
        created_at=now,
        created_by=by,
    )


def items_of(body: Sequence[dict[str, Any]]) -> tuple[Item, ...]:
    return tuple(item_from_dict(item) for item in body)
