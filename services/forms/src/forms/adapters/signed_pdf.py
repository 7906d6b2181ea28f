"""The signed consent as a PDF: the document exactly as signed, the signature, and an evidence page."""

from __future__ import annotations

from portalkit.clock import utc_iso

from forms.adapters.pdf_pages import PdfPages
from forms.domain.consent import ConsentSignature
from forms.service.consents import SignedConsent


class SignedConsentPdf:
    """Renders with the TrueType font at `font_path` (any script), else the core Latin-1 font."""

    def __init__(self, font_path: str = "") -> None:
        self._font_path = font_path

    def render(self, signed: SignedConsent) -> bytes:
        pages = PdfPages(self._font_path, signed.version.content.title)
        self._document(pages, signed)
        pages.new_page()
        self._evidence(pages, signed)
        return pages.output()

    def _document(self, pages: PdfPages, signed: SignedConsent) -> None:
        content = signed.version.content
        pages.write(content.title, size=15)
        pages.write(f"Version {signed.version.number}", size=9)
        pages.space(3)
        pages.write(content.document, size=10)
        pages.space(6)
        for signature in signed.signatures or (signed.signature,):
            pages.write(f"Signed electronically by {signature.full_name}", size=11)
            pages.write(f"on {utc_iso(signature.signed_at)} (UTC)", size=10)
            if signature.drawing_png:
                pages.image(signature.drawing_png, width=60)

    def _evidence(self, pages: PdfPages, signed: SignedConsent) -> None:
        """One block of evidence per signature (a couple's consent has one per partner)."""
        every = signed.signatures or (signed.signature,)
        pages.write("Evidence of signature" if len(every) == 1 else "Evidence of signatures", size=15)
        for signature in every:
            pages.space(2)
            self._signature_evidence(pages, signed, signature)

    def _signature_evidence(self, pages: PdfPages, signed: SignedConsent, signature: ConsentSignature) -> None:
        pages.rows(
            [
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
        )
