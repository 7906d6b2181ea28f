"""Every email's HTML part comes from one layout: the practice's logo (its name as the alternative
text) or, without one, its name; one heading; a main landmark; everything given escaped."""

import dataclasses
import re

from messaging.domain.account_emails import render_account_email
from messaging.domain.email_layout import html_page
from messaging.domain.invitation_email import render_invitation
from messaging.domain.thread_emails import client_notice

LOGO = "https://portal.example/api/v1/practices/p1/logo?v=3"


def notice(**changes):
    email = client_notice("ana@example.com", "Ana", "Harbour & Pine", "https://portal.example/messages?thread=t1")
    return dataclasses.replace(email, **changes)


def test_a_practice_with_a_logo_shows_it_named_for_screen_readers():
    page = render_account_email(notice(logo_url=LOGO)).html_body

    assert f'<img src="{LOGO.replace("&", "&amp;")}" alt="Harbour &amp; Pine"' in page
    assert page.count("<h1") == 1 and '<main role="main">' in page and '<html lang="en">' in page
    assert "<title>You have a new secure message from Harbour &amp; Pine</title>" in page


def test_without_a_logo_the_practice_name_heads_the_email():
    page = render_account_email(notice()).html_body

    assert "<img" not in page
    assert re.search(r"<header[^>]*>Harbour &amp; Pine</header>", page)


def test_a_logo_that_is_no_web_address_is_left_out_not_the_email():
    for bad in ("javascript:alert(1)", "/api/v1/practices/p1/logo", "https://x.test/a b.png"):
        email = notice(logo_url=bad)
        assert email.logo_url is None and "<img" not in render_account_email(email).html_body


def test_the_invitation_is_laid_out_on_the_same_page(delivery):
    with_logo = render_invitation(dataclasses.replace(delivery, logo_url=LOGO)).html_body
    plain = render_invitation(delivery).html_body

    assert 'alt="Harbour &amp; Pine Counselling"' in with_logo
    assert re.search(r"<header[^>]*>Harbour &amp; Pine Counselling</header>", plain)
    assert "This email contains no health information." in plain


def test_the_layout_escapes_what_it_is_given():
    page = html_page('<script>"x"</script>', "A <b>practice</b>", "<p>body</p>", "a & b", logo_url=None)

    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "A &lt;b&gt;practice&lt;/b&gt;" in page and "a &amp; b" in page
