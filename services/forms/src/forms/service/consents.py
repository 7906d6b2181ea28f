"""Consents: the client signs the exact version shown, with evidence; a new version of the document
asks everyone who signed an older one to sign again."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from portalkit.errors import not_found

from forms.domain.assignment import Assignment, AssignmentStatus
from forms.domain.audit import AuditAction, AuditEntry
from forms.domain.consent import ConsentSignature, check_signing
from forms.domain.templates import Template, TemplateKind, TemplateVersion
from forms.service.actors import ClientCaller, Staff
from forms.service.assignments import ASSIGNMENT_SUBMITTED, clients_assignment, give, record_read, refusals
from forms.service.templates import ResolvedTemplate

CONSENT_SIGNED = "forms.consent.signed"


@dataclasses.dataclass(frozen=True)
class Signing:
    full_name: str
    agree: bool
    drawing: str | None = None


@dataclasses.dataclass(frozen=True)
class SignedConsent:
    assignment: Assignment
    version: TemplateVersion
    signature: ConsentSignature


def sign_consent(uow: Any, client: ClientCaller, assignment_id: str, signing: Signing) -> SignedConsent:
    with uow:
        assignment = clients_assignment(uow, client, assignment_id, lock=True)
        version = uow.templates.version(client.practice_id, assignment.template_version_id)
        now = uow.clock.now()
        with refusals():
            assignment.complete_by_signature(now, client.account_id)
            name, drawing = check_signing(signing.full_name, signing.agree, signing.drawing)
        signature = ConsentSignature(
            id=str(uuid.uuid4()),
            practice_id=client.practice_id,
            assignment_id=assignment.id,
            client_id=client.client_id,
            account_id=client.account_id,
            template_id=assignment.template_id,
            template_version_id=version.id,
            full_name=name,
            drawing_png=drawing,
            signed_at=now,
            ip=client.ip,
            user_agent=(client.user_agent or "")[:500] or None,
            document_sha256=version.content.digest(),
        )
        uow.assignments.save(assignment)
        uow.signatures.add(signature)
        ids = {"assignment_id": assignment.id, "client_id": assignment.client_id}
        uow.publish(ASSIGNMENT_SUBMITTED, {**ids, "kind": str(assignment.kind)}, client.practice_id)
        signed = {**ids, "signature_id": signature.id, "template_version_id": version.id}
        uow.publish(CONSENT_SIGNED, signed, client.practice_id)
        uow.commit()
        return SignedConsent(assignment, version, signature)


def ask_to_sign_again(uow: Any, staff: Staff, template: Template, version: TemplateVersion) -> int:
    """Every standing signature of an older version of this consent is marked as needing renewal and the
    client gets the new version to sign (one assignment each). How many clients were asked."""
    if version.content.kind != TemplateKind.CONSENT:
        return 0
    resolved = ResolvedTemplate(template, version)
    asked = set()
    for signature in uow.signatures.standing_of_template(staff.practice_id, template.id):
        if signature.template_version_id == version.id:
            continue
        renewal = uow.assignments.pending_of_version(staff.practice_id, signature.client_id, version.id) or give(
            uow, resolved, signature.client_id, staff.account_id, replaces_id=signature.assignment_id
        )
        signature.resign_requested_at, signature.resign_assignment_id = uow.clock.now(), renewal.id
        uow.signatures.save(signature)
        asked.add(signature.client_id)
    return len(asked)


def client_signed_consent(uow: Any, client: ClientCaller, assignment_id: str) -> SignedConsent:
    """The client's own signed consent (for the PDF); the download is audited."""
    with uow:
        assignment = clients_assignment(uow, client, assignment_id)
        signed = _signed(uow, client.practice_id, assignment)
        uow.audit.add(
            AuditEntry(
                client.practice_id,
                client.account_id,
                "client",
                AuditAction.DOWNLOAD_SIGNED_PDF,
                assignment.client_id,
                assignment.id,
                uow.clock.now(),
                client.ip,
            )
        )
        uow.commit()
        return signed


def staff_signed_consent(uow: Any, staff: Staff, assignment_id: str) -> SignedConsent:
    with uow:
        assignment = uow.assignments.by_id(staff.practice_id, assignment_id)
        if assignment is None:
            raise not_found("Assignment")
        signed = _signed(uow, staff.practice_id, assignment)
        record_read(uow, staff, AuditAction.DOWNLOAD_SIGNED_PDF, assignment)
        uow.commit()
        return signed


def signature_for(uow: Any, assignment: Assignment) -> ConsentSignature | None:
    with uow:
        return signature_of(uow, assignment.practice_id, assignment)


def signature_of(uow: Any, practice_id: str, assignment: Assignment) -> ConsentSignature | None:
    if assignment.kind != TemplateKind.CONSENT or assignment.status != AssignmentStatus.COMPLETED:
        return None
    return uow.signatures.by_assignment(practice_id, assignment.id)  # type: ignore[no-any-return]


def _signed(uow: Any, practice_id: str, assignment: Assignment) -> SignedConsent:
    signature = signature_of(uow, practice_id, assignment)
    if signature is None:
        raise not_found("Signed consent")
    return SignedConsent(assignment, uow.templates.version(practice_id, assignment.template_version_id), signature)
