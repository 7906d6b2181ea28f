"""The one page every email's HTML part is laid out on: the practice's name (and its logo, when it
has one) at the top, the subject as the heading, the body, and the footer. Accessible markup: a
language, a title, one heading, a `main` landmark, the logo's alternative text naming the practice,
link text that says where it goes, and colours above the WCAG AA contrast ratio.

Callers give text; everything is escaped here. Templates that add their own markup give it through
`button` and `paragraph`, which escape too.
"""

from __future__ import annotations

import html

PAGE_STYLE = (
    "margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;"
    "color:#1f2328;background:#ffffff"
)
# Dark blue on white and white on dark blue: both well above the WCAG AA contrast ratio.
BUTTON_STYLE = (
    "display:inline-block;padding:12px 24px;background:#1a4f8b;color:#ffffff;"
    "font-weight:bold;text-decoration:none;border-radius:6px"
)
NO_HEALTH_INFORMATION = "This email contains no health information."


def web_address(url: str | None) -> bool:
    return bool(url) and str(url).startswith(("https://", "http://")) and not any(c.isspace() for c in str(url))


def paragraph(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def button(label: str, url: str) -> str:
    """A button-like link, and the address written out for a mail program that shows no buttons."""
    href = html.escape(url, quote=True)
    return (
        f'<p style="margin:24px 0"><a href="{href}" style="{BUTTON_STYLE}">{html.escape(label)}</a></p>\n'
        f'<p>If the button does not work, copy this address into your browser:<br><a href="{href}">{href}</a></p>'
    )


def _masthead(practice_name: str, logo_url: str | None) -> str:
    name = html.escape(practice_name)
    if web_address(logo_url):
        src = html.escape(str(logo_url), quote=True)
        image = f'<img src="{src}" alt="{name}" height="48" style="display:block;height:48px;width:auto;border:0">'
        return f'<header style="margin:0 0 16px">{image}</header>'
    return f'<header style="margin:0 0 16px;font-size:18px;font-weight:bold;color:#1a4f8b">{name}</header>'


def html_page(subject: str, practice_name: str, body: str, footer: str, logo_url: str | None = None) -> str:
    """The whole HTML part: `body` is markup already escaped (from `paragraph` and `button`), the
    rest is text."""
    title = html.escape(subject)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
</head>
<body style="{PAGE_STYLE}">
<div style="max-width:560px;margin:0 auto">
{_masthead(practice_name, logo_url)}
<main role="main">
<h1 style="font-size:22px;margin:0 0 16px">{title}</h1>
{body}
<hr style="border:none;border-top:1px solid #d0d7de;margin:24px 0">
<p style="font-size:14px;color:#57606a">{html.escape(NO_HEALTH_INFORMATION)}
{html.escape(footer)}</p>
</main>
</div>
</body>
</html>
"""
