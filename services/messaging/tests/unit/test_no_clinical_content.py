"""Every email and text the notifier can send, rendered with sample data, holds nothing clinical:
no instrument, condition, score, diagnosis or treatment word in any subject or body. A template
missing from SAMPLES fails the coverage test, so a new one cannot slip past the scan."""

import datetime as dt
import re

import pytest
from messaging.domain import (
    account_emails,
    appointment_reminders,
    appointment_request_emails,
    billing_emails,
    client_notices,
    forms_emails,
    thread_emails,
    upload_reminder,
)
from messaging.domain.account_emails import account_email, render_account_email
from messaging.domain.invitation_email import InvitationDelivery, render_invitation
from messaging.domain.text_message import code_text
from portalkit.clock import UTC

CLINICAL_WORDS = (
    "diagnos",
    "phq",
    "gad",
    "score",
    "depress",
    "anxi",
    "suicid",
    "self-harm",
    "medication",
    "therapy notes",
    "session notes",
    "treatment plan",
    "severity",
    "symptom",
    "risk",
    "crisis",
    "mental health",
    "assessment result",
    "answer",
)
EXPIRES = dt.datetime(2026, 1, 12, 17, 30, tzinfo=UTC)
APPOINTMENT = {
    "email": "ana.lima@example.com",
    "phone": "+15555550123",
    "recipient_name": "Ana Lima",
    "practice_name": "Harbour & Pine Counselling",
    "when": "Friday 6 March at 10:00 (EST)",
    "appointments_url": "https://portal.example/appointments",
}
PERSON = {"to": "ana.lima@example.com", "recipient_name": "Ana Lima", "practice_name": "Harbour & Pine Counselling"}
ACCOUNT_DETAILS = {
    account_emails.EMAIL_VERIFICATION: {"verify_url": "https://portal.example/verify-email/tok"},
    account_emails.ACCOUNT_CONFIRMATION: {"username": "ana.lima@example.com", "sign_in_url": "https://portal.example/"},
    account_emails.SIGN_IN_LINK: {"sign_in_url": "https://portal.example/sign-in/link/tok", "code": "482913"},
    account_emails.PASSWORD_RESET_CODE: {"code": "482913"},
    account_emails.PASSWORD_RESET_LINK: {"reset_url": "https://portal.example/reset/tok"},
    account_emails.EMAIL_CHANGE: {"confirm_url": "https://portal.example/email-change/tok"},
    account_emails.EMAIL_CHANGE_NOTICE: {"new_email_hint": "r***@example.test"},
}


def invitation(reminder):
    delivery = InvitationDelivery(accept_url="https://portal.example/invitations/tok", expires_at=EXPIRES, **PERSON)
    return render_invitation(delivery, reminder=reminder)


def rendered_account_email(template):
    return render_account_email(account_email(template, {**PERSON, **ACCOUNT_DETAILS[template]}, EXPIRES))


SAMPLES = {
    "invitation": lambda: invitation(reminder=False),
    "invitation_reminder": lambda: invitation(reminder=True),
    **{template: (lambda t=template: rendered_account_email(t)) for template in ACCOUNT_DETAILS},
    forms_emails.ASSESSMENT_ATTENTION: lambda: render_account_email(
        forms_emails.attention_email(
            "lead@harbour.test", "Harbour & Pine Counselling", "https://portal.example/staff/assignments/a1"
        )
    ),
    forms_emails.TASK_REMINDER: lambda: render_account_email(
        forms_emails.reminder_email({**PERSON, "tasks_url": "https://portal.example/dashboard"}, dt.date(2026, 1, 9))
    ),
    appointment_reminders.APPOINTMENT_REMINDER: lambda: render_account_email(
        appointment_reminders.reminder_email(APPOINTMENT)
    ),
    thread_emails.NEW_SECURE_MESSAGE: lambda: render_account_email(
        thread_emails.client_notice(
            "ana.lima@example.com",
            "Ana Lima",
            "Harbour & Pine Counselling",
            "https://portal.example/messages?thread=t1",
        )
    ),
    thread_emails.NEW_CLIENT_MESSAGE: lambda: render_account_email(
        thread_emails.staff_notice(
            "lead@harbour.test", "Harbour & Pine Counselling", "https://portal.example/staff/inbox"
        )
    ),
    appointment_request_emails.APPOINTMENT_REQUEST: lambda: render_account_email(
        appointment_request_emails.request_email(
            "lead@harbour.test", "Harbour & Pine Counselling", "cancel", "https://portal.example/staff/appointments"
        )
    ),
    appointment_request_emails.APPOINTMENT_REQUEST_ANSWERED: lambda: render_account_email(
        appointment_request_emails.answer_email(
            "ana.lima@example.com",
            "Ana",
            "Harbour & Pine Counselling",
            "reschedule",
            False,
            APPOINTMENT["appointments_url"],
        )
    ),
    billing_emails.PAYMENT_FAILED: lambda: render_account_email(
        billing_emails.payment_failed_email(
            "ana.lima@example.com", "Ana Lima", "Harbour & Pine Counselling", "https://portal.example/billing"
        )
    ),
    billing_emails.REFUND_ISSUED: lambda: render_account_email(
        billing_emails.refund_issued_email(
            "ana.lima@example.com", "Ana Lima", "Harbour & Pine Counselling", "https://portal.example/billing"
        )
    ),
    billing_emails.ESTIMATE_ISSUED: lambda: render_account_email(
        billing_emails.estimate_issued_email(
            "ana.lima@example.com", "Ana Lima", "Harbour & Pine Counselling", "https://portal.example/billing#estimates"
        )
    ),
    client_notices.DOCUMENT_SHARED: lambda: render_account_email(
        client_notices.document_email(
            "ana.lima@example.com", "Ana Lima", "Harbour & Pine Counselling", "https://portal.example/documents"
        )
    ),
    upload_reminder.UPLOAD_REMINDER: lambda: render_account_email(
        upload_reminder.reminder_email(
            "ana.lima@example.com",
            "Ana Lima",
            "Harbour & Pine Counselling",
            "https://portal.example/documents#request-r1",
            dt.date(2026, 1, 9),
        )
    ),
}
TEXTS = {
    "sign_in": lambda: code_text(
        "sign_in", {"to": "+15555550123", "code": "482913", "practice_name": "Harbour"}, EXPIRES
    ),
    "enrolment": lambda: code_text(
        "enrolment", {"to": "+15555550123", "code": "482913", "practice_name": "Harbour"}, EXPIRES
    ),
    "notices": lambda: code_text(
        "notices", {"to": "+15555550123", "code": "482913", "practice_name": "Harbour & Pine Counselling"}, EXPIRES
    ),
    "appointment_reminder": lambda: appointment_reminders.reminder_text(APPOINTMENT, EXPIRES),
    client_notices.SMS_NEW_SECURE_MESSAGE: lambda: client_notices.message_text(
        "+15555550123", "Harbour & Pine Counselling", "https://portal.example/messages?thread=t1", EXPIRES
    ),
    client_notices.SMS_DOCUMENT_SHARED: lambda: client_notices.document_text(
        "+15555550123", "Harbour & Pine Counselling", "https://portal.example/documents", EXPIRES
    ),
    client_notices.SMS_PAYMENT_FAILED: lambda: client_notices.payment_failed_text(
        "+15555550123", "Harbour & Pine Counselling", "https://portal.example/billing", EXPIRES
    ),
    client_notices.SMS_REFUND_ISSUED: lambda: client_notices.refund_text(
        "+15555550123", "Harbour & Pine Counselling", "https://portal.example/billing", EXPIRES
    ),
    client_notices.SMS_ESTIMATE_ISSUED: lambda: client_notices.estimate_text(
        "+15555550123", "Harbour & Pine Counselling", "https://portal.example/billing#estimates", EXPIRES
    ),
    client_notices.SMS_REQUEST_ANSWERED: lambda: client_notices.request_answered_text(
        "+15555550123", "Harbour & Pine Counselling", "https://portal.example/appointments", EXPIRES
    ),
    client_notices.SMS_TASK_REMINDER: lambda: client_notices.task_reminder_text(
        "+15555550123",
        "Harbour & Pine Counselling",
        "https://portal.example/dashboard",
        "Friday 9 January 2026",
        EXPIRES,
    ),
    upload_reminder.SMS_UPLOAD_REMINDER: lambda: upload_reminder.reminder_text(
        "+15555550123",
        "Harbour & Pine Counselling",
        "https://portal.example/documents#request-r1",
        dt.date(2026, 1, 9),
        EXPIRES,
    ),
}


def clinical_words_in(text):
    lowered = text.lower()
    return [word for word in CLINICAL_WORDS if re.search(rf"\b{re.escape(word)}", lowered)]


def test_every_email_template_has_a_sample():
    every_template = {
        "invitation",
        "invitation_reminder",
        *account_emails._BUILDERS,
        forms_emails.ASSESSMENT_ATTENTION,
        forms_emails.TASK_REMINDER,
        appointment_reminders.APPOINTMENT_REMINDER,
        thread_emails.NEW_SECURE_MESSAGE,
        thread_emails.NEW_CLIENT_MESSAGE,
        appointment_request_emails.APPOINTMENT_REQUEST,
        appointment_request_emails.APPOINTMENT_REQUEST_ANSWERED,
        billing_emails.PAYMENT_FAILED,
        billing_emails.REFUND_ISSUED,
        billing_emails.ESTIMATE_ISSUED,
        client_notices.DOCUMENT_SHARED,
        upload_reminder.UPLOAD_REMINDER,
    }
    assert set(SAMPLES) == every_template


def test_every_text_template_has_a_sample():
    every_text = {"sign_in", "enrolment", "notices", "appointment_reminder"}
    every_text |= {client_notices.SMS_NEW_SECURE_MESSAGE, client_notices.SMS_DOCUMENT_SHARED}
    every_text.add(client_notices.SMS_TASK_REMINDER)
    every_text |= {client_notices.SMS_PAYMENT_FAILED, client_notices.SMS_REFUND_ISSUED}
    every_text.add(client_notices.SMS_ESTIMATE_ISSUED)
    every_text.add(client_notices.SMS_REQUEST_ANSWERED)
    every_text.add(upload_reminder.SMS_UPLOAD_REMINDER)
    assert set(TEXTS) == every_text


@pytest.mark.parametrize("template", sorted(SAMPLES))
def test_no_email_holds_clinical_words(template):
    email = SAMPLES[template]()

    for part in (email.subject, email.text_body, email.html_body):
        assert clinical_words_in(part) == []


@pytest.mark.parametrize("purpose", sorted(TEXTS))
def test_no_text_holds_clinical_words(purpose):
    assert clinical_words_in(TEXTS[purpose]().body) == []


def test_the_scan_sees_a_clinical_word_wherever_it_is():
    assert clinical_words_in("Your PHQ-9 total is 14") == ["phq"]
    assert clinical_words_in("<p>Moderate depression</p>") == ["depress"]
    assert clinical_words_in("Harbour & Pine Counselling") == []
