"""Identity's account emails: what each says (link and/or code, expiry, "if this wasn't you"),
nothing clinical, and deliveries that can never make an email are poison."""

import pytest
from messaging.domain.account_emails import render_account_email
from messaging.events import open_account_delivery
from messaging.service.notifications import queue_account_email
from portalkit.broker import PoisonMessage
from portalkit.sealed import Sealer, new_key

PERSON = {"to": "ana.lima@example.com", "recipient_name": "Ana Lima", "practice_name": "Harbour & Pine Counselling"}
EXPIRES = "2026-01-12T17:30:00Z"


@pytest.fixture
def sealer():
    return Sealer(new_key())


def email_for(sealer, event_type, details, **data):
    event = {"delivery": sealer.seal({**PERSON, **details}), **data}
    return open_account_delivery(sealer, event_type, event)


def test_the_verification_email_holds_the_link_and_its_expiry(sealer):
    email = email_for(
        sealer,
        "identity.email_verification.requested",
        {"verify_url": "https://portal.example/verify-email/tok_v", "expires_at": EXPIRES},
    )
    rendered = render_account_email(email)

    assert email.template == "email_verification"
    assert rendered.subject == "Confirm your email address for Harbour & Pine Counselling"
    assert "https://portal.example/verify-email/tok_v" in rendered.text_body
    assert "Monday 12 January 2026 at 17:30 UTC" in rendered.text_body
    assert "If this wasn't you" in rendered.text_body
    assert "Harbour &amp; Pine Counselling" in rendered.html_body


def test_the_confirmation_gives_the_username_the_portal_and_two_step_sign_in(sealer):
    email = email_for(
        sealer,
        "identity.account_confirmation.requested",
        {"username": "ana.lima@example.com", "sign_in_url": "https://portal.example/sign-in"},
    )
    text = render_account_email(email).text_body

    assert "Your username is: ana.lima@example.com" in text
    assert "https://portal.example/sign-in" in text
    assert "two-step sign-in" in text


def test_the_sign_in_link_email_carries_the_link_and_the_typed_code(sealer):
    details = {"sign_in_url": "https://portal.example/sign-in/link/tok_s", "code": "042917", "expires_at": EXPIRES}
    rendered = render_account_email(email_for(sealer, "identity.sign_in_link.requested", details))

    assert "https://portal.example/sign-in/link/tok_s" in rendered.text_body
    assert "Your code: 042917" in rendered.text_body
    assert "042917" in rendered.html_body


def test_a_reset_is_a_code_or_a_staff_link_by_its_method(sealer):
    by_code = email_for(
        sealer, "identity.password_reset.requested", {"code": "123456", "expires_at": EXPIRES}, method="code"
    )
    by_link = email_for(
        sealer,
        "identity.password_reset.requested",
        {"reset_url": "https://portal.example/reset-password/tok_r", "expires_at": EXPIRES},
        method="link",
    )

    assert (by_code.template, by_code.code, by_code.button) == ("password_reset_code", "123456", None)
    assert by_link.template == "password_reset_link"
    assert "https://portal.example/reset-password/tok_r" in render_account_email(by_link).text_body


@pytest.mark.parametrize(
    "details",
    [
        {"code": "12345", "expires_at": EXPIRES},
        {"code": "123456", "expires_at": EXPIRES, "to": "nobody"},
        {"expires_at": EXPIRES},
    ],
    ids=["short-code", "no-address", "no-code"],
)
def test_deliveries_that_make_no_safe_email_are_poison_naming_nothing(sealer, details):
    with pytest.raises(PoisonMessage) as poison:
        email_for(sealer, "identity.password_reset.requested", details, method="code")

    assert "ana.lima" not in str(poison.value) and "12345" not in str(poison.value)


def test_one_event_queues_one_email(store, sealer):
    email = email_for(
        sealer, "identity.password_reset.requested", {"code": "123456", "expires_at": EXPIRES}, method="code"
    )
    ids = {"practice_id": "p1", "cause_event_id": "11111111-1111-1111-1111-111111111111", "correlation_id": "c"}

    ids_queued = []
    for _ in range(2):  # the event delivered twice
        with store.uow() as uow:
            ids_queued.append(queue_account_email(uow, email, **ids))
            uow.commit()
    first, again = ids_queued

    assert first == again
    assert store.only_email().template == "password_reset_code"


def test_the_address_change_link_goes_to_the_new_address_with_its_expiry(sealer):
    email = email_for(
        sealer,
        "identity.email_change.requested",
        {"confirm_url": "https://portal.example/email-change/tok_c", "expires_at": EXPIRES},
    )
    rendered = render_account_email(email)

    assert email.template == "email_change"
    assert rendered.subject == "Confirm your new sign-in address for Harbour & Pine Counselling"
    assert "https://portal.example/email-change/tok_c" in rendered.text_body
    assert "Monday 12 January 2026 at 17:30 UTC" in rendered.text_body


def test_the_notice_to_the_old_address_names_the_new_one_only_by_a_hint_and_says_what_to_do(sealer):
    email = email_for(sealer, "identity.email_change_notice.requested", {"new_email_hint": "a***@example.org"})
    text = render_account_email(email).text_body

    assert email.template == "email_change_notice"
    assert "a***@example.org" in text
    assert "change your password now and contact Harbour & Pine Counselling" in text
    assert "http" not in text
