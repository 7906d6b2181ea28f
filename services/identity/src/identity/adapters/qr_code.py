"""The QR code of an authenticator set-up, drawn on the server as SVG text (no image request leaks
the secret to a third party)."""

from __future__ import annotations

import segno


def qr_svg(text: str) -> str:
    return str(segno.make(text, error="m").svg_inline(scale=4, border=2, dark="#111", light="#fff"))
