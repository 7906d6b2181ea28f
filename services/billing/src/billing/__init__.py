"""Billing: cards on file through a payment processor, autopay with recorded consent, invoices, an
append-only ledger and payments made once per idempotency key."""
