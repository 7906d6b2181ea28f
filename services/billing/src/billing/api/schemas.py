"""Request and response bodies of the billing API (marshmallow)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

CENTS = validate.Range(min=1, max=10_000_000)


class CardTokenBody(Schema):
    token = fields.String(required=True, validate=validate.Length(min=1, max=200))


class CardOut(Schema):
    id = fields.String()
    brand = fields.String()
    last4 = fields.String()
    exp_month = fields.Integer()
    exp_year = fields.Integer()
    is_default = fields.Boolean()
    created_at = fields.AwareDateTime()


class CardsOut(Schema):
    items = fields.List(fields.Nested(CardOut))


class SandboxCardBody(Schema):
    number = fields.String(required=True, validate=validate.Length(min=12, max=30))
    exp_month = fields.Integer(required=True, validate=validate.Range(min=1, max=12))
    exp_year = fields.Integer(required=True, validate=validate.Range(min=2000, max=2100))
    cvc = fields.String(required=True, validate=validate.Length(min=3, max=4))


class SandboxTokenOut(Schema):
    token = fields.String()
    brand = fields.String()
    last4 = fields.String()
    exp_month = fields.Integer()
    exp_year = fields.Integer()


class AutopayBody(Schema):
    card_id = fields.String(required=True, validate=validate.Length(min=1, max=36))
    consent_version = fields.String(required=True, validate=validate.Length(min=1, max=20))


class AutopayOut(Schema):
    enrolled = fields.Boolean()
    card_id = fields.String(allow_none=True)
    enrolled_at = fields.AwareDateTime(allow_none=True)
    consent_version = fields.String()
    consent_text = fields.String()


class LineBody(Schema):
    date_of_service = fields.Date(required=True)
    service_code = fields.String(required=True, validate=validate.Length(min=1, max=20))
    description = fields.String(required=True, validate=validate.Length(min=1, max=200))
    fee_cents = fields.Integer(required=True, strict=True, validate=CENTS)
    diagnosis_codes = fields.List(
        fields.String(validate=validate.Length(max=8)), load_default=list, validate=validate.Length(max=4)
    )
    modifiers = fields.List(
        fields.String(validate=validate.Length(max=2)), load_default=list, validate=validate.Length(max=4)
    )
    place_of_service = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2))
    units = fields.Integer(load_default=1, strict=True)
    clinician_name = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=120))
    clinician_npi = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=10))


class AdjustmentBody(Schema):
    description = fields.String(required=True, validate=validate.Length(min=1, max=200))
    amount_cents = fields.Integer(required=True, strict=True, validate=CENTS)


class InvoiceBody(Schema):
    lines = fields.List(fields.Nested(LineBody), required=True, validate=validate.Length(min=1, max=50))
    adjustments = fields.List(fields.Nested(AdjustmentBody), load_default=list, validate=validate.Length(max=20))


class LineOut(Schema):
    date_of_service = fields.Date()
    service_code = fields.String()
    description = fields.String()
    fee_cents = fields.Integer()
    diagnosis_codes = fields.List(fields.String())
    modifiers = fields.List(fields.String())
    place_of_service = fields.String(allow_none=True)
    units = fields.Integer()
    clinician_name = fields.String(allow_none=True)
    clinician_npi = fields.String(allow_none=True)


class AdjustmentOut(Schema):
    description = fields.String()
    amount_cents = fields.Integer()


class InvoiceOut(Schema):
    id = fields.String()
    client_id = fields.String()
    status = fields.String()
    currency = fields.String()
    lines = fields.List(fields.Nested(LineOut))
    adjustments = fields.List(fields.Nested(AdjustmentOut))
    total_cents = fields.Integer()
    paid_cents = fields.Integer()
    due_cents = fields.Integer()
    created_at = fields.AwareDateTime()
    issued_at = fields.AwareDateTime(allow_none=True)
    paid_at = fields.AwareDateTime(allow_none=True)


class ClientInvoicesOut(Schema):
    balance_cents = fields.Integer()
    currency = fields.String()
    open = fields.List(fields.Nested(InvoiceOut))
    paid = fields.List(fields.Nested(InvoiceOut))


class PayBody(Schema):
    card_id = fields.String(required=True, validate=validate.Length(min=1, max=36))


class PaymentOut(Schema):
    id = fields.String()
    invoice_id = fields.String()
    card_id = fields.String()
    amount_cents = fields.Integer()
    currency = fields.String()
    status = fields.String()
    decline_code = fields.String(allow_none=True)
    autopay = fields.Boolean()
    created_at = fields.AwareDateTime()
    settled_at = fields.AwareDateTime(allow_none=True)


class RefundBody(Schema):
    amount_cents = fields.Integer(required=True, strict=True, validate=CENTS)
    reason = fields.String(required=True, validate=validate.Length(min=1, max=200))


class RefundOut(Schema):
    id = fields.String()
    payment_id = fields.String()
    invoice_id = fields.String()
    client_id = fields.String()
    amount_cents = fields.Integer()
    currency = fields.String()
    reason = fields.String()
    status = fields.String()
    failure_code = fields.String(allow_none=True)
    requested_by = fields.String()
    requested_role = fields.String()
    created_at = fields.AwareDateTime()
    settled_at = fields.AwareDateTime(allow_none=True)


class RefundResultOut(RefundOut):
    # What the payment can still give back after this refund.
    remaining_cents = fields.Integer()


class StaffPaymentOut(PaymentOut):
    refunded_cents = fields.Integer()
    refundable_cents = fields.Integer()


class LedgerEntryOut(Schema):
    id = fields.String()
    invoice_id = fields.String()
    kind = fields.String()
    amount_cents = fields.Integer()
    currency = fields.String()
    description = fields.String()
    payment_id = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()


class StaffAutopayOut(Schema):
    card_id = fields.String()
    consent_version = fields.String()
    enrolled_by = fields.String()
    enrolled_at = fields.AwareDateTime()
    ip_address = fields.String()


class ClientAccountOut(Schema):
    # What the caller's role may do here (`refund_payments`, `manage_invoices`, ...): the page offers only those.
    allowed_actions = fields.List(fields.String())
    balance_cents = fields.Integer()
    invoices = fields.List(fields.Nested(InvoiceOut))
    ledger = fields.List(fields.Nested(LedgerEntryOut))
    cards = fields.List(fields.Nested(CardOut))
    autopay = fields.Nested(StaffAutopayOut, allow_none=True)
    payments = fields.List(fields.Nested(StaffPaymentOut))
    refunds = fields.List(fields.Nested(RefundOut))


class SettingsBody(Schema):
    currency = fields.String(validate=validate.Length(equal=3))
    autopay_delay_days = fields.Integer(strict=True)
    late_cancel_fee_cents = fields.Integer(strict=True)
    no_show_fee_cents = fields.Integer(strict=True)
    practice_name = fields.String(validate=validate.Length(max=200))
    address = fields.String(validate=validate.Length(max=500))
    npi = fields.String(validate=validate.Length(max=10))
    tax_id = fields.String(validate=validate.Length(max=10))
    processor = fields.String(validate=validate.Length(max=20))


class SettingsOut(Schema):
    currency = fields.String()
    autopay_delay_days = fields.Integer()
    late_cancel_fee_cents = fields.Integer()
    no_show_fee_cents = fields.Integer()
    practice_name = fields.String()
    address = fields.String()
    npi = fields.String()
    tax_id = fields.String()
    processor = fields.String()
    # The processors a practice may choose here (Stripe once the service has its keys).
    processors_available = fields.List(fields.String())


class ProcessorOut(Schema):
    """How the client's browser turns a card into a token: the sandbox's tokenisation, or Stripe.js
    with the publishable key."""

    processor = fields.String()
    publishable_key = fields.String(allow_none=True)


class StatementBody(Schema):
    month = fields.String(required=True, validate=validate.Regexp(r"^[0-9]{4}-[0-9]{2}$", error="A month as YYYY-MM."))


class SuperbillBody(Schema):
    from_ = fields.Date(required=True, data_key="from")
    to = fields.Date(required=True)


class DocumentOut(Schema):
    id = fields.String()
    client_id = fields.String()
    kind = fields.String()
    period_start = fields.Date()
    period_end = fields.Date()
    total_cents = fields.Integer()
    created_at = fields.AwareDateTime()
    download_path = fields.String()


class DocumentsOut(Schema):
    items = fields.List(fields.Nested(DocumentOut))


class ReceiptOut(Schema):
    payment_id = fields.String()
    invoice_id = fields.String()
    amount_cents = fields.Integer()
    currency = fields.String()
    paid_at = fields.AwareDateTime(allow_none=True)
    autopay = fields.Boolean()
    refunded_cents = fields.Integer()
    refunds = fields.List(fields.Nested(lambda: ReceiptRefundOut()))
    download_path = fields.String()


class ReceiptRefundOut(Schema):
    amount_cents = fields.Integer()
    refunded_at = fields.AwareDateTime()


class ReceiptsOut(Schema):
    items = fields.List(fields.Nested(ReceiptOut))


class DocumentAuditOut(Schema):
    actor_id = fields.String()
    actor_role = fields.String()
    action = fields.String()
    kind = fields.String()
    document_id = fields.String()
    at = fields.AwareDateTime()
    ip = fields.String(allow_none=True)


class DocumentAuditListOut(Schema):
    items = fields.List(fields.Nested(DocumentAuditOut))


class EstimateLineBody(Schema):
    service_code = fields.String(load_default="", validate=validate.Length(max=10))
    description = fields.String(required=True, validate=validate.Length(min=1, max=200))
    quantity = fields.Integer(required=True, strict=True)
    fee_cents = fields.Integer(required=True, strict=True)
    diagnosis_codes = fields.List(
        fields.String(validate=validate.Length(max=8)), load_default=list, validate=validate.Length(max=4)
    )


class EstimateBody(Schema):
    primary_service = fields.String(required=True, validate=validate.Length(min=1, max=200))
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    lines = fields.List(fields.Nested(EstimateLineBody), required=True, validate=validate.Length(min=1, max=20))


class EstimateChangeBody(EstimateBody):
    """A PATCH: only the fields named change (used with partial=True)."""


class AcknowledgeBody(Schema):
    document_sha256 = fields.String(required=True, validate=validate.Regexp(r"^[0-9a-f]{64}$"))


class EstimateLineOut(Schema):
    service_code = fields.String()
    description = fields.String()
    quantity = fields.Integer()
    fee_cents = fields.Integer()
    total_cents = fields.Integer()
    diagnosis_codes = fields.List(fields.String())


class AcknowledgementOut(Schema):
    account_id = fields.String()
    at = fields.AwareDateTime()
    ip = fields.String()
    user_agent = fields.String()
    document_sha256 = fields.String()


class EstimateOut(Schema):
    id = fields.String()
    client_id = fields.String()
    series_id = fields.String()
    version = fields.Integer()
    replaces = fields.String(allow_none=True)
    status = fields.String()
    primary_service = fields.String()
    period_start = fields.Date()
    period_end = fields.Date()
    currency = fields.String()
    lines = fields.List(fields.Nested(EstimateLineOut))
    total_cents = fields.Integer()
    created_at = fields.AwareDateTime()
    issued_at = fields.AwareDateTime(allow_none=True)
    document_sha256 = fields.String(allow_none=True)
    acknowledgement = fields.Nested(AcknowledgementOut, allow_none=True)
    download_path = fields.String(allow_none=True)


class EstimatesOut(Schema):
    items = fields.List(fields.Nested(EstimateOut))
