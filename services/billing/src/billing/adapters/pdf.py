"""Billing's PDFs (fpdf2): receipts, monthly statements and superbills on Letter pages, in the
practice's TrueType font when one is configured, else the core Latin-1 font."""

from __future__ import annotations

import datetime as dt

from fpdf import FPDF

from billing.domain.documents import Party, Receipt, Statement, Superbill, money
from billing.domain.estimates import DISPUTE_THRESHOLD_CENTS, Estimate
from billing.domain.ledger import EntryKind

LATIN1_STAND_INS = str.maketrans(
    {"\u2014": "-", "\u2013": "-", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00b7": "-"}
)
FONT = "Portal"
ENTRY_NAMES = {
    EntryKind.CHARGE: "Charge",
    EntryKind.PAYMENT: "Payment",
    EntryKind.ADJUSTMENT: "Adjustment",
    EntryKind.REFUND: "Refund",
}


class _Document(FPDF):  # type: ignore[misc]
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font_size(7)
        self.cell(0, 4, f"{self.footer_text}   page {self.page_no()}/{{nb}}", align="C")


class BillingPdf:
    """One document being written."""

    def __init__(self, title: str, footer: str, font_path: str = "") -> None:
        self._unicode = bool(font_path)
        self._pdf = _Document(format="Letter")
        self._pdf.set_auto_page_break(auto=True, margin=20)
        if font_path:
            self._pdf.add_font(FONT, fname=font_path)
            self._pdf.set_font(FONT, size=10)
        else:
            self._pdf.set_font("Helvetica", size=10)
        self._pdf.set_title(self._text(title))
        self._pdf.footer_text = self._text(footer)
        self._pdf.add_page()

    def heading(self, text: str, size: int = 16) -> None:
        self.line(text, size)
        self._pdf.ln(2)

    def line(self, text: str, size: int = 10) -> None:
        self._pdf.set_font_size(size)
        self._pdf.multi_cell(0, size * 0.5, self._text(text), new_x="LMARGIN", new_y="NEXT")

    def pairs(self, rows: list[tuple[str, str]]) -> None:
        """A label column and a value column."""
        self._pdf.set_font_size(10)
        for label, value in rows:
            self._pdf.cell(55, 6, self._text(label))
            self._pdf.multi_cell(0, 6, self._text(value), new_x="LMARGIN", new_y="NEXT")

    def table(self, widths: tuple[float, ...], header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        """Columns of fixed widths (mm); the last column's text is right-aligned (amounts)."""
        self._pdf.set_font_size(8)
        for row_index, row in enumerate([header, *rows]):
            for index, (width, text) in enumerate(zip(widths, row, strict=True)):
                align = "R" if index == len(widths) - 1 else "L"
                self._pdf.cell(width, 6, self._text(text), border="B" if row_index == 0 else 0, align=align)
            self._pdf.ln(6)
        self._pdf.ln(2)

    def space(self, height: float = 4) -> None:
        self._pdf.ln(height)

    def output(self) -> bytes:
        return bytes(self._pdf.output())

    def _text(self, text: str) -> str:
        if self._unicode:
            return text
        return text.translate(LATIN1_STAND_INS).encode("latin-1", "replace").decode("latin-1")


def _day(moment: dt.date | dt.datetime | None) -> str:
    if moment is None:
        return ""
    return (moment.date() if isinstance(moment, dt.datetime) else moment).isoformat()


def _practice_block(pdf: BillingPdf, party: Party) -> None:
    pdf.line(party.practice_name or "Your practice", size=12)
    for address_line in party.practice_address.splitlines():
        pdf.line(address_line)
    pdf.space()


def receipt_pdf(party: Party, receipt: Receipt, font_path: str = "") -> bytes:
    pdf = BillingPdf("Receipt", f"Receipt {receipt.payment_id}", font_path)
    _practice_block(pdf, party)
    pdf.heading("Receipt")
    pdf.pairs(
        [
            ("Received from", party.client_name),
            ("Date", _day(receipt.paid_at)),
            ("Amount paid", money(receipt.amount_cents, party.currency)),
            ("Paid with", receipt.card + (" (autopay)" if receipt.autopay else "")),
            ("Payment", receipt.payment_id),
            ("Invoice", receipt.invoice.id),
        ]
    )
    pdf.space()
    currency = receipt.invoice.currency
    rows = [
        (_day(line.date_of_service), line.service_code, line.description, money(line.fee_cents, currency))
        for line in receipt.invoice.lines
    ] + [
        ("", "", adjustment.description, money(-adjustment.amount_cents, currency))
        for adjustment in receipt.invoice.adjustments
    ]
    pdf.table((25, 25, 95, 35), ("Date", "Code", "Service", "Amount"), rows)
    if receipt.refunds:
        pdf.pairs(
            [(f"Refunded {_day(when)}", money(-cents, currency)) for when, cents in receipt.refunds]
            + [("Kept of this payment", money(receipt.amount_cents - receipt.refunded_cents, currency))]
        )
    pdf.pairs(
        [
            ("Invoice total", money(receipt.invoice.total_cents, currency)),
            ("Still due on it", money(receipt.invoice.due_cents, currency)),
        ]
    )
    return pdf.output()


def statement_pdf(party: Party, statement: Statement, font_path: str = "") -> bytes:
    period = f"{_day(statement.period_start)} to {_day(statement.period_end)}"
    pdf = BillingPdf("Statement", f"Statement {period}, {party.client_name}", font_path)
    _practice_block(pdf, party)
    pdf.heading("Statement")
    pdf.pairs([("Client", party.client_name), ("Period", period)])
    pdf.space()
    currency = party.currency
    rows = [
        (_day(entry.created_at), ENTRY_NAMES[entry.kind], entry.description, money(entry.signed_cents, currency))
        for entry in statement.entries
    ]
    pdf.table((25, 30, 90, 35), ("Date", "Kind", "Description", "Amount"), rows)
    pdf.pairs(
        [
            ("Opening balance", money(statement.opening_cents, currency)),
            ("Charges", money(statement.charges_cents, currency)),
            ("Payments", money(-statement.payments_cents, currency)),
            ("Adjustments", money(-statement.adjustments_cents, currency)),
            ("Refunds", money(statement.refunds_cents, currency)),
            ("Closing balance", money(statement.closing_cents, currency)),
        ]
    )
    return pdf.output()


def superbill_pdf(party: Party, superbill: Superbill, font_path: str = "") -> bytes:
    period = f"{_day(superbill.period_start)} to {_day(superbill.period_end)}"
    pdf = BillingPdf("Superbill", f"Superbill {period}, {party.client_name}", font_path)
    _practice_block(pdf, party)
    pdf.heading("Superbill")
    clinicians = dict.fromkeys(
        f"{item.line.clinician_name or 'Not named'}, NPI {item.line.clinician_npi or 'not given'}"
        for item in superbill.lines
    )
    pdf.pairs(
        [
            ("Practice NPI", party.practice_npi),
            ("Tax id (EIN)", party.practice_tax_id),
            ("Rendering clinician", "; ".join(clinicians)),
            ("Client", party.client_name),
            ("Date of birth", _day(party.client_date_of_birth) or "not on file"),
            ("Services from", period),
            ("Diagnoses (ICD-10)", ", ".join(superbill.diagnosis_codes)),
        ]
    )
    pdf.space()
    currency = party.currency
    rows = [
        (
            _day(item.line.date_of_service),
            item.line.service_code,
            " ".join(item.line.modifiers),
            item.line.place_of_service or "",
            str(item.line.units),
            ", ".join(item.line.diagnosis_codes),
            money(item.line.fee_cents, currency),
            money(item.paid_cents, currency),
        )
        for item in superbill.lines
    ]
    header = ("Date", "CPT", "Modifiers", "POS", "Units", "Diagnoses", "Fee", "Paid")
    pdf.table((22, 16, 20, 12, 12, 38, 30, 30), header, rows)
    pdf.pairs(
        [("Total fees", money(superbill.fees_cents, currency)), ("Total paid", money(superbill.paid_cents, currency))]
    )
    return pdf.output()


def estimate_pdf(party: Party, estimate: Estimate, font_path: str = "") -> bytes:
    """A Good Faith Estimate as the No Surprises Act asks it, with the client's acknowledgement once given."""
    period = f"{_day(estimate.period_start)} to {_day(estimate.period_end)}"
    pdf = BillingPdf("Good Faith Estimate", f"Good Faith Estimate {estimate.id}, version {estimate.version}", font_path)
    _practice_block(pdf, party)
    pdf.heading("Good Faith Estimate")
    pdf.pairs(
        [
            ("Client", party.client_name),
            ("Date of birth", _day(party.client_date_of_birth) or "not on file"),
            ("Primary service", estimate.primary_service),
            ("Period covered", period),
            ("Provider", party.practice_name),
            ("Provider NPI", party.practice_npi),
            ("Tax id (EIN)", party.practice_tax_id),
            ("Diagnoses (ICD-10)", ", ".join(estimate.diagnosis_codes) or "none given"),
            ("Date issued", _day(estimate.issued_at)),
            ("Estimate", f"{estimate.id}, version {estimate.version}"),
        ]
    )
    pdf.space()
    currency = estimate.currency
    rows = [
        (
            line.service_code or "-",
            line.description,
            ", ".join(line.diagnosis_codes),
            str(line.quantity),
            money(line.fee_cents, currency),
            money(line.total_cents, currency),
        )
        for line in estimate.lines
    ]
    header = ("Code", "Expected service", "Diagnoses", "Qty", "Fee each", "Expected")
    pdf.table((18, 70, 30, 12, 25, 25), header, rows)
    pdf.pairs([("Total expected charges", money(estimate.total_cents, currency))])
    pdf.space()
    for paragraph in _estimate_notice(money(DISPUTE_THRESHOLD_CENTS, "USD")):
        pdf.line(paragraph, size=8)
        pdf.space(2)
    if estimate.acknowledgement is not None:
        ack = estimate.acknowledgement
        pdf.line(
            f"Acknowledged by {party.client_name} (account {ack.account_id}) on {ack.at.isoformat(timespec='seconds')}"
            f" from {ack.ip}; the document shown had SHA-256 {ack.document_sha256}."
        )
    return pdf.output()


def _estimate_notice(threshold: str) -> list[str]:
    return [
        "About this estimate. You are receiving it because you do not have health insurance or are choosing "
        "not to use it for this care. It lists the services we reasonably expect to provide over the period "
        "above and what we expect to charge for them, based on what we know today. It is not a contract: "
        "you are not obliged to receive these services from us, and your actual bill may differ if your "
        "care changes.",
        f"If you are billed {threshold} or more above this estimate, federal law lets you dispute the bill. "
        "Tell us first: we can correct the bill to match the estimate, discuss it, or tell you about "
        "financial help. You can also start the patient-provider dispute resolution process with the U.S. "
        "Department of Health and Human Services within 120 calendar days of the date on the bill; while "
        "the dispute is open the bill is not sent to collection.",
        "Keep a copy of this estimate. More about your rights: www.cms.gov/nosurprises.",
    ]
