"""What the invitation email says, and what it must never say."""

import dataclasses
import datetime as dt

import pytest
from messaging.domain.invitation_email import InvalidDelivery, render_invitation

TOKEN = "tok_9fK2mQ7xLp3Vb8Ns1cRz4Hd6Wy0Ea5Tu"


def test_the_subject_names_the_practice(delivery):
    email = render_invitation(delivery)

    assert email.subject == "Harbour & Pine Counselling invites you to its client portal"


def test_the_text_greets_by_first_name_and_gives_link_expiry_and_what_to_do_next(delivery):
    text = render_invitation(delivery).text_body

    assert text.startswith("Hello Ana,\n")
    assert "Harbour & Pine Counselling has invited you to create an account" in text
    assert f"Create your account:\n{delivery.accept_url}\n" in text
    assert "expires on Monday 12 January 2026 at 17:30 UTC" in text
    assert "If it has expired, ask Harbour & Pine Counselling to send you a new invitation." in text
    assert "This email contains no health information" in text
    assert "If you did not expect it, you can ignore it" in text


def test_the_html_has_a_labelled_button_to_the_link_and_the_same_facts(delivery):
    page = render_invitation(delivery).html_body

    assert '<html lang="en">' in page
    assert f'<a href="{delivery.accept_url}" style="' in page
    assert ">Create your account</a>" in page
    assert "Hello Ana," in page
    assert "Harbour &amp; Pine Counselling has invited you" in page
    assert "<strong>Monday 12 January 2026 at 17:30 UTC</strong>" in page
    assert "send you a new invitation" in page
    assert "This email contains no health information." in page


def test_the_token_appears_nowhere_but_inside_the_link(delivery):
    email = render_invitation(delivery)

    for part in (email.subject, email.text_body, email.html_body):
        assert TOKEN not in part.replace(delivery.accept_url, "")
    assert email.text_body.count(TOKEN) == 1


def test_names_are_escaped_in_html_and_kept_on_one_line(delivery):
    sneaky = dataclasses.replace(delivery, practice_name="<b>Evil</b>\r\nBcc: x@y.z", recipient_name="Zoë <i>")

    email = render_invitation(sneaky)

    assert "\n" not in email.subject and "\r" not in email.subject
    assert "<b>" not in email.html_body and "&lt;b&gt;Evil&lt;/b&gt;" in email.html_body
    assert "Hello Zoë &lt;i&gt;," not in email.html_body  # the greeting uses the first name only
    assert "Hello Zoë," in email.html_body


def test_an_explicit_first_name_wins_and_no_name_gives_a_plain_greeting(delivery):
    assert render_invitation(dataclasses.replace(delivery, first_name="Annie")).text_body.startswith("Hello Annie,")
    assert render_invitation(dataclasses.replace(delivery, recipient_name="")).text_body.startswith("Hello,\n")


def test_expiry_is_written_in_utc_whatever_zone_it_came_in(delivery):
    later_in_tokyo = dt.datetime(2026, 1, 13, 2, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))

    text = render_invitation(dataclasses.replace(delivery, expires_at=later_in_tokyo)).text_body

    assert "Monday 12 January 2026 at 17:30 UTC" in text


@pytest.mark.parametrize(
    "change",
    [
        {"to": "not an address"},
        {"to": "a@b.c\r\nBcc: spy@evil.example"},
        {"accept_url": "javascript:alert(1)"},
        {"accept_url": "https://portal.example/invitations/a b"},
        {"expires_at": dt.datetime(2026, 1, 12, 17, 30)},
    ],
)
def test_details_that_cannot_make_a_safe_email_are_refused(delivery, change):
    with pytest.raises(InvalidDelivery):
        dataclasses.replace(delivery, **change)


def test_the_reminder_says_it_is_a_reminder_with_the_same_link_and_expiry(delivery):
    reminder = render_invitation(delivery, reminder=True)
    invitation = render_invitation(delivery)

    assert reminder.subject == "Reminder: your invitation from Harbour & Pine Counselling expires soon"
    assert "A reminder:" in reminder.text_body
    assert delivery.accept_url in reminder.text_body
    assert "expires on" in reminder.text_body
    assert "Reminder: your invitation from Harbour &amp; Pine Counselling expires soon" in reminder.html_body
    assert reminder.text_body != invitation.text_body
