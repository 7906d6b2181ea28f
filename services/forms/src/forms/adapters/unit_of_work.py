"""The database transaction every use case of this service runs in."""

from __future__ import annotations

from portalkit.db import UnitOfWork

from forms.adapters.repositories import (
    AssignmentRepository,
    AuditRepository,
    RecurringRepository,
    SettingsRepository,
    SignatureRepository,
    TemplateRepository,
)


class FormsUnitOfWork(UnitOfWork):
    templates: TemplateRepository
    assignments: AssignmentRepository
    signatures: SignatureRepository
    settings: SettingsRepository
    audit: AuditRepository
    recurring: RecurringRepository

    def _start(self) -> None:
        self.templates = TemplateRepository(self.session)
        self.assignments = AssignmentRepository(self.session)
        self.signatures = SignatureRepository(self.session)
        self.settings = SettingsRepository(self.session)
        self.audit = AuditRepository(self.session)
        self.recurring = RecurringRepository(self.session)
