"""Staff give clients forms, consents and assessments; clients fill them in several sittings and submit.
A submitted assignment never changes again."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

from portalkit.errors import Problem, ValidationProblem, not_found

from forms.domain.assignment import (
    AnswersInvalid,
    Assignment,
    AssignmentClosed,
    AssignmentStatus,
    WrongKind,
    reminder_time,
)
from forms.domain.audit import AuditAction, AuditEntry
from forms.domain.practice_settings import FormsSettings
from forms.domain.signers import NamedSignerInvalid, ProfileLink, Signers, check_named, signers_of
from forms.domain.templates import TemplateKind, TemplateVersion
from forms.service.actors import ClientCaller, Staff
from forms.service.identity import Identity
from forms.service.templates import ResolvedTemplate, resolve_for_assignment

ASSIGNMENT_CREATED = "forms.assignment.created"
TASK_ASSIGNED = "forms.task.assigned"
ASSIGNMENT_SUBMITTED = "forms.assignment.submitted"
ASSIGNMENT_WITHDRAWN = "forms.assignment.withdrawn"
ASSESSMENT_COMPLETED = "forms.assessment.completed"
RISK_FLAGGED = "forms.assessment.risk_flagged"


@dataclasses.dataclass(frozen=True)
class Opened:
    """An assignment with the exact template version it was given."""

    assignment: Assignment
    version: TemplateVersion


@dataclasses.dataclass(frozen=True)
class Submitted:
    assignment: Assignment
    crisis_resources: str | None
    show_score: bool


@dataclasses.dataclass(frozen=True)
class Giving:
    """What staff give: templates (built-in keys or template ids), a due date, whether as one packet,
    and the accounts (of a couple's or minor's profile) that must complete or sign."""

    refs: list[str]
    due_on: dt.date | None = None
    packet: bool = False
    signers: list[str] = dataclasses.field(default_factory=list)


def assign(uow: Any, identity: Identity, staff: Staff, client_id: str, giving: Giving) -> list[Assignment]:
    """One assignment per template, in one transaction."""
    if identity.client(staff.practice_id, client_id) is None:
        raise not_found("Client")
    links = identity.links(staff.practice_id, client_id) if giving.signers else []
    with uow:
        now = uow.clock.now()
        if giving.due_on is not None and giving.due_on < now.date():
            raise ValidationProblem({"due_on": ["The due date cannot be in the past."]})
        packet_id = str(uuid.uuid4()) if giving.packet else None
        zone = identity.time_zone(staff.practice_id) if giving.due_on is not None else dt.UTC
        made = []
        for ref in giving.refs:
            resolved = resolve_for_assignment(uow, staff.practice_id, ref, now)
            signer_ids = named_signers(links, giving.signers, resolved.version.content.kind)
            extra = {"due_on": giving.due_on, "packet_id": packet_id, "signer_ids": signer_ids}
            made.append(give(uow, resolved, client_id, staff.account_id, zone=zone, **extra))
        uow.commit()
        return made


def named_signers(links: list[ProfileLink], named: list[str], kind: TemplateKind) -> tuple[str, ...]:
    try:
        return check_named(links, named, consent=kind == TemplateKind.CONSENT)
    except NamedSignerInvalid as invalid:
        index = named.index(invalid.account_id)
        raise ValidationProblem({f"signers.{index}": [invalid.message]}) from None


def give(
    uow: Any, resolved: ResolvedTemplate, client_id: str, by: str | None, zone: dt.tzinfo = dt.UTC, **extra: Any
) -> Assignment:
    """Add the assignment and publish it, with the client's task, in the caller's transaction. With a
    due date, the client is reminded the day before, at 9 AM on the practice's clock (`zone`)."""
    content = resolved.version.content
    now = uow.clock.now()
    assignment = Assignment(
        id=str(uuid.uuid4()),
        practice_id=resolved.template.practice_id,
        client_id=client_id,
        template_id=resolved.template.id,
        template_version_id=resolved.version.id,
        kind=content.kind,
        title=content.title,
        instrument=content.instrument,
        assigned_at=now,
        assigned_by=by,
        **extra,
    )
    assignment.remind_at = reminder_time(assignment.due_on, now, zone)
    uow.assignments.add(assignment)
    created = {
        "assignment_id": assignment.id,
        "client_id": client_id,
        "template_id": assignment.template_id,
        "template_version_id": assignment.template_version_id,
        "kind": str(assignment.kind),
        "packet_id": assignment.packet_id,
        "replaces_id": assignment.replaces_id,
    }
    uow.publish(ASSIGNMENT_CREATED, created, assignment.practice_id)
    task = {"client_id": client_id, "task_kind": str(assignment.kind), "task_id": assignment.id}
    uow.publish(TASK_ASSIGNED, task, assignment.practice_id)
    return assignment


def client_assignments(uow: Any, client: ClientCaller) -> list[Assignment]:
    with uow:
        found = uow.assignments.of_client(client.practice_id, client.client_id)
        return [a for a in found if a.status != AssignmentStatus.WITHDRAWN and client.offered(a.kind)]


def signed_by_caller(uow: Any, client: ClientCaller, found: list[Assignment]) -> set[str]:
    """The pending consents among `found` that the caller signed already: a couple's, waiting for the
    other partner, which the caller has nothing more to do for."""
    pending = [a.id for a in found if a.kind == TemplateKind.CONSENT and a.status == AssignmentStatus.PENDING]
    if not pending:
        return set()
    with uow:
        return uow.signatures.signed_by(client.practice_id, client.account_id, pending)  # type: ignore[no-any-return]


def open_assignment(uow: Any, client: ClientCaller, assignment_id: str) -> tuple[Opened, FormsSettings]:
    """The client's assignment with its version, and the practice's forms settings (scores shown?
    crisis resources)."""
    with uow:
        assignment = clients_assignment(uow, client, assignment_id)
        version = uow.templates.version(client.practice_id, assignment.template_version_id)
        return Opened(assignment, version), uow.settings.get(client.practice_id)


def save_draft(
    uow: Any, identity: Identity, client: ClientCaller, assignment_id: str, answers: Mapping[str, Any]
) -> Assignment:
    must_be_filler(uow, identity, client, assignment_id)
    with uow:
        assignment = clients_assignment(uow, client, assignment_id, lock=True)
        version = uow.templates.version(client.practice_id, assignment.template_version_id)
        with refusals():
            assignment.save_draft(version, answers, uow.clock.now())
        uow.assignments.save(assignment)
        uow.commit()
        return assignment


def submit(
    uow: Any, identity: Identity, client: ClientCaller, assignment_id: str, answers: Mapping[str, Any]
) -> Submitted:
    must_be_filler(uow, identity, client, assignment_id)
    with uow:
        assignment = clients_assignment(uow, client, assignment_id, lock=True)
        version = uow.templates.version(client.practice_id, assignment.template_version_id)
        with refusals():
            assignment.submit(version, answers, uow.clock.now(), client.account_id)
        uow.assignments.save(assignment)
        _publish_submission(uow, assignment)
        settings = uow.settings.get(client.practice_id)
        uow.commit()
        crisis = settings.crisis_resources if assignment.risk_flag else None
        return Submitted(assignment, crisis, settings.show_scores_to_clients)


def signers_for(identity: Identity, assignment: Assignment) -> Signers:
    return signers_of(identity.links(assignment.practice_id, assignment.client_id), assignment.signer_ids)


def must_be_filler(uow: Any, identity: Identity, client: ClientCaller, assignment_id: str) -> None:
    """Staff named who completes this, and it is not the caller: 403 `not-your-task`. Asked before the
    assignment's row is locked (who was named never changes), so identity is not called under a lock."""
    with uow:
        assignment = clients_assignment(uow, client, assignment_id)
    if assignment.signer_ids and not signers_for(identity, assignment).may_fill(client.account_id):
        raise Problem(
            403,
            "not-your-task",
            "Someone else on this profile completes this.",
            "Your practice asked another person who can open this profile to complete it.",
        )


def for_someone_else(identity: Identity, client: ClientCaller, found: list[Assignment]) -> set[str]:
    """The pending assignments among `found` that staff gave to other accounts of the profile."""
    named = [a for a in found if a.signer_ids and a.status == AssignmentStatus.PENDING]
    if not named:
        return set()
    links = identity.links(client.practice_id, client.client_id)
    return {a.id for a in named if not signers_of(links, a.signer_ids).may_fill(client.account_id)}


def _publish_submission(uow: Any, assignment: Assignment) -> None:
    ids = {"assignment_id": assignment.id, "client_id": assignment.client_id}
    uow.publish(ASSIGNMENT_SUBMITTED, {**ids, "kind": str(assignment.kind)}, assignment.practice_id)
    if assignment.instrument is not None:
        uow.publish(ASSESSMENT_COMPLETED, {**ids, "instrument": assignment.instrument}, assignment.practice_id)
    if assignment.risk_flag:
        uow.publish(RISK_FLAGGED, ids, assignment.practice_id)


def staff_client_assignments(uow: Any, identity: Identity, staff: Staff, client_id: str) -> list[Assignment]:
    with uow:
        found = uow.assignments.of_client(staff.practice_id, client_id)
    if not found and identity.client(staff.practice_id, client_id) is None:
        raise not_found("Client")
    return found


def staff_assignment(uow: Any, staff: Staff, assignment_id: str) -> Opened:
    """An assignment as staff see it; a clinical reader's look at a submission is audited."""
    with uow:
        assignment = uow.assignments.by_id(staff.practice_id, assignment_id)
        if assignment is None:
            raise not_found("Assignment")
        version = uow.templates.version(staff.practice_id, assignment.template_version_id)
        if staff.may("read_answers") and assignment.status == AssignmentStatus.COMPLETED:
            record_audit(uow, staff, AuditAction.READ_SUBMISSION, assignment)
            uow.commit()
        return Opened(assignment, version)


def withdraw(uow: Any, staff: Staff, assignment_id: str) -> Assignment:
    with uow:
        assignment = uow.assignments.by_id(staff.practice_id, assignment_id, lock=True)
        if assignment is None:
            raise not_found("Assignment")
        with refusals():
            assignment.withdraw(uow.clock.now(), staff.account_id)
        uow.assignments.save(assignment)
        ids = {"assignment_id": assignment.id, "client_id": assignment.client_id}
        uow.publish(ASSIGNMENT_WITHDRAWN, ids, staff.practice_id)
        uow.commit()
        return assignment


def record_audit(
    uow: Any, staff: Staff, action: AuditAction, assignment: Assignment | None, client_id: str = ""
) -> None:
    entry = AuditEntry(
        practice_id=staff.practice_id,
        actor_id=staff.account_id,
        actor_role=staff.role,
        action=action,
        client_id=assignment.client_id if assignment else client_id,
        assignment_id=assignment.id if assignment else None,
        at=uow.clock.now(),
        ip=staff.ip,
    )
    uow.audit.add(entry)


def clients_assignment(uow: Any, client: ClientCaller, assignment_id: str, lock: bool = False) -> Assignment:
    assignment = uow.assignments.by_id(client.practice_id, assignment_id, lock=lock)
    if (
        assignment is None
        or assignment.client_id != client.client_id
        or assignment.status == AssignmentStatus.WITHDRAWN
    ):
        raise not_found("Assignment")
    if not client.offered(assignment.kind):
        raise feature_off(TemplateKind(assignment.kind).feature)
    return assignment


def feature_off(feature: str) -> Problem:
    """As the gateway answers for a feature's paths (the same code and fields)."""
    return Problem(
        403,
        "feature-off",
        "Your practice does not offer this in the portal.",
        "Contact your practice if you need it.",
        feature=feature,
    )


@contextlib.contextmanager
def refusals() -> Iterator[None]:
    """Turn the domain's refusals into problem answers."""
    try:
        yield
    except AssignmentClosed as error:
        if error.status == AssignmentStatus.COMPLETED:
            raise Problem(409, "assignment-submitted", "This was submitted already and can no longer change.") from None
        raise Problem(409, "assignment-withdrawn", "The practice withdrew this.") from None
    except AnswersInvalid as error:
        raise ValidationProblem(error.fields, "Answer or correct each question listed in `errors`.") from None
    except WrongKind as error:
        if error.kind == TemplateKind.CONSENT:
            raise Problem(409, "consent-must-be-signed", "A consent is signed, not submitted.") from None
        raise Problem(409, "not-a-consent", "Only a consent is signed.") from None
