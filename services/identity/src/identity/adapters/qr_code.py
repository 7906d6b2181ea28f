"""The QR code of an authenticator set-up, drawn on the server as SVG text (no image request leaks
the secret to a third party)."""

from __future__ import annotations

import io

import segno


def qr_svg(text: str) -> str:
    """A standalone SVG document (with its namespace), so a page can show it as an image."""
    drawing = io.BytesIO()
    segno.make(text, error="m").save(
        drawing, kind="svg", xmldecl=False, nl=False, scale=4, border=2, dark="#111", light="#fff"
    )
    return drawing.getvalue().decode()
