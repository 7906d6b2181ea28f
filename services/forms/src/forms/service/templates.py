"""The practice's form library: built-ins, copies and the practice's own templates, each edit a new version."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from portalkit.errors import Problem, ValidationProblem, not_found

from forms.domain.builtins import BUILTINS, builtin
from forms.domain.items import TemplateInvalid
from forms.domain.templates import Template, TemplateContent, TemplateKind, TemplateVersion, next_version
from forms.service.actors import Staff


@dataclasses.dataclass(frozen=True)
class TemplateSummary:
    id: str | None
    key: str | None
    title: str
    kind: TemplateKind
    instrument: str | None
    builtin: bool
    version: int | None
    version_id: str | None
    copied_from: str | None = None


@dataclasses.dataclass(frozen=True)
class ResolvedTemplate:
    template: Template
    version: TemplateVersion


def list_templates(uow: Any, practice_id: str) -> list[TemplateSummary]:
    """Every built-in (whether the practice has used it yet or not), then the practice's own library."""
    with uow:
        stored = uow.templates.of_practice(practice_id)
        used = {t.builtin_key: t for t in stored if t.builtin_key}
        builtins = [_builtin_summary(uow, key, content, used.get(key)) for key, content in BUILTINS.items()]
        own = [_summary(t, uow.templates.version_number(practice_id, t.id, t.current_version)) for t in stored]
        return builtins + [summary for summary in own if not summary.builtin]


def template_detail(uow: Any, practice_id: str, ref: str) -> tuple[TemplateSummary, TemplateContent, str]:
    """A template's current content (a built-in not used yet: its content as shipped) and its digest."""
    with uow:
        content = builtin(ref)
        if content is not None:
            stored = uow.templates.by_builtin_key(practice_id, ref)
            return _builtin_summary(uow, ref, content, stored), content, content.digest()
        template = _own_template(uow, practice_id, ref)
        version = uow.templates.version_number(practice_id, template.id, template.current_version)
        return _summary(template, version), version.content, version.content_sha256


def resolve_for_assignment(uow: Any, practice_id: str, ref: str, now: Any) -> ResolvedTemplate:
    """The template version an assignment of `ref` (a built-in key or a template id) points at; the
    practice's row of a built-in is made on first use and gets a new version when the shipped text changes."""
    ref = _builtin_key_of_row(uow, practice_id, ref) or ref
    content = builtin(ref)
    if content is None:
        template = _own_template(uow, practice_id, ref)
        return ResolvedTemplate(
            template, uow.templates.version_number(practice_id, template.id, template.current_version)
        )
    template = uow.templates.by_builtin_key(practice_id, ref, lock=True)
    if template is None:
        fresh = Template(str(uuid.uuid4()), practice_id, ref, 0, now, None)
        version = next_version(fresh, str(uuid.uuid4()), content, now, None)
        if uow.templates.add_builtin(fresh):
            uow.templates.add_version(version)
            return ResolvedTemplate(fresh, version)
        template = uow.templates.by_builtin_key(practice_id, ref, lock=True)
    current = uow.templates.version_number(practice_id, template.id, template.current_version)
    if current.content_sha256 == content.digest():
        return ResolvedTemplate(template, current)
    return ResolvedTemplate(template, _add_version(uow, template, content, now, None))


def create_template(uow: Any, staff: Staff, content: TemplateContent) -> TemplateSummary:
    with uow:
        template = Template(str(uuid.uuid4()), staff.practice_id, None, 0, uow.clock.now(), staff.account_id)
        version = _checked_version(template, content, uow.clock.now(), staff.account_id)
        uow.templates.add(template)
        uow.templates.add_version(version)
        uow.commit()
        return _summary(template, version)


def copy_builtin(uow: Any, staff: Staff, key: str, title: str | None) -> TemplateSummary:
    """The practice's own editable copy of a built-in. PHQ-9 and GAD-7 are standard instruments whose
    scores mean something only with the standard wording: they are not copied."""
    content = builtin(key)
    if content is None:
        raise not_found("Built-in template")
    if content.instrument is not None:
        raise Problem(409, "template-not-copyable", "Standard assessments are used as they are.")
    content = dataclasses.replace(content, title=title or content.title)
    with uow:
        template = Template(
            str(uuid.uuid4()), staff.practice_id, None, 0, uow.clock.now(), staff.account_id, copied_from=key
        )
        version = _checked_version(template, content, uow.clock.now(), staff.account_id)
        uow.templates.add(template)
        uow.templates.add_version(version)
        uow.commit()
        return _summary(template, version)


def edit_template(uow: Any, staff: Staff, template_id: str, content: TemplateContent, on_new_version: Any) -> Any:
    """A new version of the practice's template; what was assigned keeps its version. `on_new_version`
    runs in the same transaction (consents: ask for signatures again)."""
    with uow:
        template = uow.templates.by_id(staff.practice_id, template_id, lock=True)
        if template is None or not template.editable:
            raise not_found("Template")
        current = uow.templates.version_number(staff.practice_id, template.id, template.current_version)
        if content.kind != current.content.kind:
            raise ValidationProblem({"kind": ["A template keeps its kind; make a new template instead."]})
        version = _add_version(uow, template, content, uow.clock.now(), staff.account_id)
        renewals = on_new_version(uow, staff, template, version)
        uow.commit()
        return _summary(template, version), renewals


def _add_version(uow: Any, template: Template, content: TemplateContent, now: Any, by: str | None) -> TemplateVersion:
    version = _checked_version(template, content, now, by)
    uow.templates.save(template)
    uow.templates.add_version(version)
    return version


def _checked_version(template: Template, content: TemplateContent, now: Any, by: str | None) -> TemplateVersion:
    try:
        return next_version(template, str(uuid.uuid4()), content, now, by)
    except TemplateInvalid as invalid:
        raise ValidationProblem(
            {f"items.{k}" if k != "document" else k: v for k, v in invalid.fields.items()}
        ) from None


def _builtin_key_of_row(uow: Any, practice_id: str, ref: str) -> str | None:
    """The template list names a built-in the practice has used by its row's id: that id means the built-in."""
    row = uow.templates.by_id(practice_id, ref) if _is_uuid(ref) else None
    return row.builtin_key if row is not None else None


def _own_template(uow: Any, practice_id: str, template_id: str) -> Template:
    template = uow.templates.by_id(practice_id, template_id) if _is_uuid(template_id) else None
    if template is None or not template.editable:
        raise not_found("Template")
    return template


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _builtin_summary(uow: Any, key: str, content: TemplateContent, stored: Template | None) -> TemplateSummary:
    version = (
        None if stored is None else uow.templates.version_number(stored.practice_id, stored.id, stored.current_version)
    )
    return TemplateSummary(
        id=None if stored is None else stored.id,
        key=key,
        title=content.title,
        kind=content.kind,
        instrument=content.instrument,
        builtin=True,
        version=None if version is None else version.number,
        version_id=None if version is None else version.id,
    )


def _summary(template: Template, version: TemplateVersion) -> TemplateSummary:
    return TemplateSummary(
        id=template.id,
        key=template.builtin_key,
        title=version.content.title,
        kind=version.content.kind,
        instrument=version.content.instrument,
        builtin=template.builtin_key is not None,
        version=version.number,
        version_id=version.id,
        copied_from=template.copied_from,
    )
