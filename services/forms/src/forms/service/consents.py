"""Consents: the client signs the exact version shown, with evidence; a new version of the document
asks everyone who signed an older one to sign again."""

from __future__ import annotations

import contextlib
import dataclasses
import uuid
from collections.abc import Iterator
from typing import Any

from portalkit.errors import Problem, not_found

from forms.domain.assignment import Assignment, AssignmentStatus
from forms.domain.audit import AuditAction, AuditEntry
from forms.domain.consent import ConsentSignature, check_signing
from forms.domain.signers import SignerRefused, Signers, signers_of
from forms.domain.templates import Template, TemplateKind, TemplateVersion
from forms.service.actors import ClientCaller, Staff
from forms.service.assignments import ASSIGNMENT_SUBMITTED, clients_assignment, give, record_audit, refusals
from forms.service.identity import Identity
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
    # The signature of the account asking (for a download: the first one) ...
    signature: ConsentSignature
    # ... and every signature of the assignment, first signed first (a couple's consent has one per partner).
    signatures: tuple[ConsentSignature, ...] = ()


def sign_consent(
    uow: Any, identity: Identity, client: ClientCaller, assignment_id: str, signing: Signing
) -> SignedConsent:
    """Add the account's signature; the consent is completed when it needs no other (domain/signers.py)."""
    links = identity.links(client.practice_id, client.client_id)
    with uow:
        assignment = clients_assignment(uow, client, assignment_id, lock=True)
        version = uow.templates.version(client.practice_id, assignment.template_version_id)
        now = uow.clock.now()
        earlier = uow.signatures.of_assignment(client.practice_id, assignment.id)
        signers = signers_of(links, assignment.signer_ids)
        with refusals(), signer_refusals():
            assignment.check_signable()
            signers.check(client.account_id, {s.account_id for s in earlier})
            name, drawing = check_signing(signing.full_name, signing.agree, signing.drawing)
        signature = _signature(client, assignment, version, name, drawing, now)
        uow.signatures.add(signature)
        _complete_if_signed(uow, signers, assignment, [*earlier, signature], now)
        ids = {"assignment_id": assignment.id, "client_id": assignment.client_id}
        signed = {**ids, "signature_id": signature.id, "template_version_id": version.id}
        uow.publish(CONSENT_SIGNED, signed, client.practice_id)
        uow.commit()
        return SignedConsent(assignment, version, signature, (*earlier, signature))


def _complete_if_signed(
    uow: Any, signers: Signers, assignment: Assignment, signatures: list[ConsentSignature], now: Any
) -> None:
    if not signers.complete_with({s.account_id for s in signatures}):
        return
    assignment.complete_by_signature(now, signatures[-1].account_id)
    uow.assignments.save(assignment)
    ids = {"assignment_id": assignment.id, "client_id": assignment.client_id}
    uow.publish(ASSIGNMENT_SUBMITTED, {**ids, "kind": str(assignment.kind)}, assignment.practice_id)


@contextlib.contextmanager
def signer_refusals() -> Iterator[None]:
    try:
        yield
    except SignerRefused as refused:
        raise {
            "already-signed": Problem(
                409, "already-signed", "You have signed this already.", "Your partner signs next."
            ),
            "guardian-must-sign": Problem(
                403, "guardian-must-sign", "A parent or guardian signs this consent.", "Ask them to sign in and sign."
            ),
            "not-a-signer": Problem(403, "not-a-signer", "This account does not sign for this profile."),
        }[refused.code] from None


def _signature(
    client: ClientCaller,
    assignment: Assignment,
    version: TemplateVersion,
    name: str,
    drawing: bytes | None,
    now: Any,
) -> ConsentSignature:
    return ConsentSignature(
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
        record_audit(uow, staff, AuditAction.DOWNLOAD_SIGNED_PDF, assignment)
        uow.commit()
        return signed


def signature_for(uow: Any, assignment: Assignment) -> ConsentSignature | None:
    with uow:
        return signature_of(uow, assignment.practice_id, assignment)


def signature_of(uow: Any, practice_id: str, assignment: Assignment) -> ConsentSignature | None:
    if assignment.kind != TemplateKind.CONSENT or assignment.status != AssignmentStatus.COMPLETED:
        return None
    return uow.signatures.by_assignment(practice_id, assignment.id)  # type: ignore[no-any-return]


def signatures_for(uow: Any, assignment: Assignment) -> list[ConsentSignature]:
    """Every signature of a consent, completed or still waiting for a partner's, first signed first."""
    if assignment.kind != TemplateKind.CONSENT:
        return []
    with uow:
        return uow.signatures.of_assignment(assignment.practice_id, assignment.id)  # type: ignore[no-any-return]


def _signed(uow: Any, practice_id: str, assignment: Assignment) -> SignedConsent:
    signature = signature_of(uow, practice_id, assignment)
    if signature is None:
        raise not_found("Signed consent")
    every = tuple(uow.signatures.of_assignment(practice_id, assignment.id))
    version = uow.templates.version(practice_id, assignment.template_version_id)
    return SignedConsent(assignment, version, signature, every)
