"""Statements and superbills worked out from the ledger and the invoices, and the PDFs read back."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

from billing.adapters import pdf
from billing.domain.documents import Party, Receipt, month_bounds, statement_of, superbill_of
from billing.domain.invoice import Adjustment, Invoice, InvoiceLine, InvoiceStatus
from billing.domain.ledger import EntryKind, LedgerEntry
from pypdf import PdfReader

PARTY = Party(
    "Calm Waters Counseling", "12 Harbor Road\nPortland, OR 97201", "1234567893", "12-3456789",
    "Jordan Rivera", dt.date(1990, 4, 17), "USD",
)  # fmt: skip


def entry(kind, cents, day, description="Session"):
    at = dt.datetime.combine(day, dt.time(15), tzinfo=dt.UTC)
    return LedgerEntry(f"e-{kind}-{day}-{cents}", "p", "c", "inv", kind, cents, "USD", description, at)


def test_a_statement_takes_each_entry_on_the_day_it_was_on_the_practices_clock():
    new_york = ZoneInfo("America/New_York")
    late_evening = dt.datetime(2026, 11, 30, 22, 30, tzinfo=new_york)  # 03:30 on 1 December in UTC
    ledger = [LedgerEntry("e-1", "p", "c", "inv", EntryKind.PAYMENT, 4000, "USD", "Session", late_evening)]

    in_new_york = statement_of(ledger, *month_bounds(2026, 11), zone=new_york)
    in_utc = statement_of(ledger, *month_bounds(2026, 11))

    assert (in_new_york.payments_cents, in_utc.payments_cents) == (4000, 0)


def text_of(document: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(document)).pages)


def line(day, code="90834", fee=15000, diagnoses=("F41.1",), **more):
    return InvoiceLine(day, code, "Psychotherapy, 45 min", fee, diagnosis_codes=diagnoses, **more)


def invoice(lines, paid=0, adjustments=(), status=InvoiceStatus.ISSUED):
    at = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    return Invoice("inv-1", "p", "c", "USD", tuple(lines), tuple(adjustments), status, at, "staff", at, None, paid)


def test_a_statement_opens_with_the_balance_before_the_month_and_closes_with_its_entries():
    ledger = [
        entry(EntryKind.CHARGE, 15000, dt.date(2026, 10, 20)),
        entry(EntryKind.PAYMENT, 5000, dt.date(2026, 10, 25)),
        entry(EntryKind.CHARGE, 12000, dt.date(2026, 11, 3)),
        entry(EntryKind.ADJUSTMENT, 2000, dt.date(2026, 11, 3), "Sliding scale"),
        entry(EntryKind.PAYMENT, 10000, dt.date(2026, 11, 30)),
        entry(EntryKind.CHARGE, 9000, dt.date(2026, 12, 1)),
    ]

    statement = statement_of(ledger, *month_bounds(2026, 11))

    assert (statement.opening_cents, statement.charges_cents) == (10000, 12000)
    assert (statement.payments_cents, statement.adjustments_cents, statement.closing_cents) == (10000, 2000, 10000)
    text = text_of(pdf.statement_pdf(PARTY, statement))
    assert "2026-11-01 to 2026-11-30" in text and "Jordan Rivera" in text
    for label, figure in [
        ("Opening balance", "USD 100.00"),
        ("Charges", "USD 120.00"),
        ("Payments", "-USD 100.00"),
        ("Adjustments", "-USD 20.00"),
        ("Closing balance", "USD 100.00"),
    ]:
        assert f"{label} {figure}" in " ".join(text.split())
    assert "Sliding scale" in text and "USD 90.00" not in text


def test_a_superbill_takes_the_claimable_services_in_the_dates_and_counts_payments_against_them():
    first = line(dt.date(2026, 11, 3), modifiers=("95",), place_of_service="10", clinician_name="Dr. Ana Lee")
    fee = InvoiceLine(dt.date(2026, 11, 10), "NO-SHOW", "Missed session", 5000)
    later = line(dt.date(2026, 11, 17), code="90837", fee=18000, diagnoses=("F41.1", "F32.0"), units=1)
    outside = line(dt.date(2026, 12, 2))
    invoices = [
        invoice([first, fee, later, outside], paid=17000),
        invoice([line(dt.date(2026, 11, 5))], status=InvoiceStatus.DRAFT),
    ]

    superbill = superbill_of(invoices, dt.date(2026, 11, 1), dt.date(2026, 11, 30))

    assert [(i.line.service_code, i.paid_cents) for i in superbill.lines] == [("90834", 15000), ("90837", 0)]
    assert superbill.fees_cents == 33000 and superbill.diagnosis_codes == ("F41.1", "F32.0")


def test_the_superbill_pdf_says_what_an_insurer_needs():
    first = line(
        dt.date(2026, 11, 3), modifiers=("95",), place_of_service="10", clinician_name="Dr. Ana Lee",
        clinician_npi="1245319599",
    )  # fmt: skip
    superbill = superbill_of([invoice([first], paid=15000)], dt.date(2026, 11, 1), dt.date(2026, 11, 30))

    text = " ".join(text_of(pdf.superbill_pdf(PARTY, superbill)).split())

    for expected in [
        "Calm Waters Counseling", "12 Harbor Road", "Portland, OR 97201", "Practice NPI 1234567893",
        "Tax id (EIN) 12-3456789", "Dr. Ana Lee, NPI 1245319599", "Jordan Rivera", "Date of birth 1990-04-17",
        "Diagnoses (ICD-10) F41.1", "2026-11-03 90834 95 10 1 F41.1 USD 150.00 USD 150.00",
        "Total fees USD 150.00", "Total paid USD 150.00",
    ]:  # fmt: skip
        assert expected in text, expected


def test_a_receipt_names_the_payment_the_card_and_what_is_still_due():
    paid = invoice([line(dt.date(2026, 11, 3))], paid=13000, adjustments=[Adjustment("Sliding scale", 2000)])
    receipt = Receipt("pay-1", dt.datetime(2026, 11, 4, 9, tzinfo=dt.UTC), 13000, "visa ending 4242", paid, True)

    text = " ".join(text_of(pdf.receipt_pdf(PARTY, receipt)).split())

    assert "Received from Jordan Rivera" in text and "Date 2026-11-04" in text
    assert "Amount paid USD 130.00" in text and "visa ending 4242 (autopay)" in text
    assert (
        "Sliding scale -USD 20.00" in text and "Invoice total USD 130.00" in text and "Still due on it USD 0.00" in text
    )


def test_a_name_outside_latin1_does_not_break_the_core_font():
    party = Party("Praxis \u0141\u00f3d\u017a", "", "", "", "Zo\u00eb \u2014 \u738b", None, "EUR")
    statement = statement_of([], *month_bounds(2026, 11))

    assert "Zo\u00eb - ?" in text_of(pdf.statement_pdf(party, statement))
