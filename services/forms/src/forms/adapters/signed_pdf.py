"""The signed consent as a PDF: the document exactly as signed, the signature, and an evidence page."""

from __future__ import annotations

import io

from fpdf import FPDF
from portalkit.clock import utc_iso

from forms.service.consents import SignedConsent

LATIN1_STAND_INS = str.maketrans(
    {"\u2014": "-", "\u2013": "-", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}
)


class SignedConsentPdf:
    """Renders with the TrueType font at `font_path` (any script), else the core Latin-1 font."""

    def __init__(self, font_path: str = "") -> None:
        self._font_path = font_path

    def render(self, signed: SignedConsent) -> bytes:
        pdf = FPDF(format="Letter")
        pdf.set_auto_page_break(auto=True, margin=18)
        pdf.set_title(self._text(signed.version.content.title))
        self._font(pdf)
        pdf.add_page()
        self._document(pdf, signed)
        pdf.add_page()
        self._evidence(pdf, signed)
        return bytes(pdf.output())

    def _document(self, pdf: FPDF, signed: SignedConsent) -> None:
        content = signed.version.content
        self._write(pdf, content.title, size=15)
        self._write(pdf, f"Version {signed.version.number}", size=9)
        pdf.ln(3)
        self._write(pdf, content.document, size=10)
        pdf.ln(6)
        self._write(pdf, f"Signed electronically by {signed.signature.full_name}", size=11)
        self._write(pdf, f"on {utc_iso(signed.signature.signed_at)} (UTC)", size=10)
        if signed.signature.drawing_png:
            pdf.image(io.BytesIO(signed.signature.drawing_png), w=60)

    def _evidence(self, pdf: FPDF, signed: SignedConsent) -> None:
        signature = signed.signature
        self._write(pdf, "Evidence of signature", size=15)
        pdf.ln(2)
        rows = [
            ("Document", signed.version.content.title),
            ("Document version", f"{signed.version.number} ({signed.version.id})"),
            ("SHA-256 of the document version", signature.document_sha256),
            ("Signed name", signature.full_name),
            ("Agreement", "The signer ticked the agreement to sign."),
            ("Drawn signature", "yes" if signature.drawing_png else "no"),
            ("Signed at (UTC)", utc_iso(signature.signed_at)),
            ("Client profile", signature.client_id),
            ("Signing account", signature.account_id),
            ("IP address", signature.ip or "unknown"),
            ("User agent", signature.user_agent or "unknown"),
            ("Assignment", signature.assignment_id),
            ("Signature id", signature.id),
        ]
        for label, value in rows:
            self._write(pdf, label, size=9)
            self._write(pdf, value, size=11)
            pdf.ln(1)

    def _font(self, pdf: FPDF) -> None:
        if self._font_path:
            pdf.add_font("Signed", fname=self._font_path)
            pdf.set_font("Signed", size=11)
        else:
            pdf.set_font("Helvetica", size=11)

    def _write(self, pdf: FPDF, text: str, size: int) -> None:
        pdf.set_font_size(size)
        pdf.multi_cell(0, size * 0.5, self._text(text), new_x="LMARGIN", new_y="NEXT")

    def _text(self, text: str) -> str:
        if self._font_path:
            return text
        return text.translate(LATIN1_STAND_INS).encode("latin-1", "replace").decode("latin-1")
