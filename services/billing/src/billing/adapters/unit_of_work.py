"""The database transaction every use case of this service runs in."""

from __future__ import annotations

from portalkit.db import UnitOfWork

from billing.adapters.repositories import (
    AttemptRepository,
    AutopayRepository,
    CardRepository,
    DocumentRepository,
    EstimateRepository,
    IdempotencyRepository,
    InsuranceRepository,
    InvoiceRepository,
    LedgerRepository,
    ProcessorEventRepository,
    RefundRepository,
    SettingsRepository,
)


class BillingUnitOfWork(UnitOfWork):
    settings: SettingsRepository
    cards: CardRepository
    autopay: AutopayRepository
    invoices: InvoiceRepository
    ledger: LedgerRepository
    attempts: AttemptRepository
    idempotency: IdempotencyRepository
    insurance: InsuranceRepository
    documents: DocumentRepository
    refunds: RefundRepository
    estimates: EstimateRepository
    processor_events: ProcessorEventRepository

    def _start(self) -> None:
        self.settings = SettingsRepository(self.session)
        self.cards = CardRepository(self.session)
        self.autopay = AutopayRepository(self.session)
        self.invoices = InvoiceRepository(self.session)
        self.ledger = LedgerRepository(self.session)
        self.attempts = AttemptRepository(self.session)
        self.idempotency = IdempotencyRepository(self.session)
        self.insurance = InsuranceRepository(self.session)
        self.documents = DocumentRepository(self.session)
        self.refunds = RefundRepository(self.session)
        self.estimates = EstimateRepository(self.session)
        self.processor_events = ProcessorEventRepository(self.session)
