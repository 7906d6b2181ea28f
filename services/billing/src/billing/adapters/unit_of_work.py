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

    def read_as_one_moment(self) -> None:
        """Every later statement of this transaction sees the database as its first one did (PostgreSQL's
        REPEATABLE READ; call it before any): an account read in several statements, invoices, ledger,
        payments, then cannot show a change committed between them in one part and not in another, e.g.
        an invoice still unpaid beside a balance its payment has lowered. Nothing to do on SQLite, whose
        transactions hold the write lock from their start."""
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
