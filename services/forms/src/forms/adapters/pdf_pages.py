"""What the forms service's PDFs share: Letter pages, the practice's font (any script with a TrueType
font, else the core Latin-1 font), text blocks, label and value rows, and a footer line on every page."""

from __future__ import annotations

import io

from fpdf import FPDF

LATIN1_STAND_INS = str.maketrans(
    {"\u2014": "-", "\u2013": "-", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}
)
FONT_NAME = "Portal"


class _Pages(FPDF):  # type: ignore[misc]
    footer_text = ""

    def footer(self) -> None:
        if not self.footer_text:
            return
        size = self.font_size_pt
        self.set_y(-14)
        self.set_font_size(7)
        self.multi_cell(0, 3.5, f"{self.footer_text}  ·  page {self.page_no()}/{{nb}}", align="C")
        self.set_font_size(size)


class PdfPages:
    """One document being written; `font_path` empty means Helvetica (Latin-1 only)."""

    def __init__(self, font_path: str, title: str, footer: str = "") -> None:
        self._font_path = font_path
        self._pdf = _Pages(format="Letter")
        self._pdf.set_auto_page_break(auto=True, margin=20)
        if font_path:
            self._pdf.add_font(FONT_NAME, fname=font_path)
            self._pdf.set_font(FONT_NAME, size=11)
        else:
            self._pdf.set_font("Helvetica", size=11)
        self._pdf.set_title(self.text(title))
        self._pdf.footer_text = self.text(footer)
        self._pdf.add_page()

    def new_page(self) -> None:
        self._pdf.add_page()

    def write(self, text: str, size: int) -> None:
        self._pdf.set_font_size(size)
        self._pdf.multi_cell(0, size * 0.5, self.text(text), new_x="LMARGIN", new_y="NEXT")

    def rows(self, rows: list[tuple[str, str]]) -> None:
        """Each label small above its value."""
        for label, value in rows:
            self.write(label, size=9)
            self.write(value, size=11)
            self.space(1)

    def space(self, height: float) -> None:
        self._pdf.ln(height)

    def image(self, png: bytes, width: float) -> None:
        self._pdf.image(io.BytesIO(png), w=width)

    def output(self) -> bytes:
        return bytes(self._pdf.output())

    def text(self, text: str) -> str:
        if self._font_path:
            return text
        return text.translate(LATIN1_STAND_INS).encode("latin-1", "replace").decode("latin-1")
