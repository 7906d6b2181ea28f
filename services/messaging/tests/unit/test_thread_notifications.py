"""A new secure message tells the other side by email that something waits in the portal, never what:
the client when the practice wrote; the assigned (or addressed) staff member, else everyone who answers
clients, when the client wrote; nobody for an automatic reply. The same event twice mails nobody twice."""

import uuid

import pytest
from messaging.domain.client_notices import DOCUMENT_SHARED, SMS_NEW_SECURE_MESSAGE
from messaging.domain.notice_preferences import NoticePreference
from messaging.domain.thread_emails import NEW_CLIENT_MESSAGE, NEW_SECURE_MESSAGE
from messaging.service.notifications import EventCause
from messaging.service.thread_notifications import (
    ClientContact,
    UnknownClient,
    queue_document_notice,
    queue_new_message_emails,
)

BASE_URL = "https://portal.example"
PRACTICE = "practice-a"


@pytest.fixture
def client_id(contacts):
    client_id = str(uuid.uuid4())
    contacts.clients[(PRACTICE, client_id)] = ClientContact(
        "ana@example.com", "Ana Lima", "Harbour Counselling", True, account_id="acc-ana", notices_consented=True
    )
    return client_id


@pytest.fixture
def practice_staff(staff_directory):
    staff_directory.add(
        PRACTICE,
        "Harbour Counselling",
        ("acc-dana", "dana@harbour.test", "clinician"),
        ("acc-lee", "lee@harbour.test", "front_desk"),
        ("acc-bo", "bo@harbour.test", "billing"),
    )
    return staff_directory


def sent(client_id, side, assigned_to=None, clinician_id=None):
    return {
        "message_id": str(uuid.uuid4()),
        "thread_id": "thread-1",
        "client_id": client_id,
        "sender_side": side,
        "sender_id": "acc-dana" if side == "staff" else "acc-ana",
        "clinician_id": clinician_id,
        "assigned_to": assigned_to,
    }


def notify(store, contacts, staff, data, event_id=None):
    cause = EventCause(PRACTICE, event_id or str(uuid.uuid4()), "corr-1")
    with store.uow() as uow:
        queued = queue_new_message_emails(uow, contacts, staff, BASE_URL, data, cause)
        uow.commit()
    return queued


def test_the_client_is_told_the_practice_wrote_with_a_link_and_nothing_else(store, contacts, practice_staff, client_id):
    event_id = str(uuid.uuid4())
    data = sent(client_id, "staff")

    notify(store, contacts, practice_staff, data, event_id)
    notify(store, contacts, practice_staff, data, event_id)

    email = store.only_email()
    assert (email.template, email.recipient) == (NEW_SECURE_MESSAGE, "ana@example.com")
    assert email.subject == "You have a new secure message from Harbour Counselling"
    assert f"{BASE_URL}/messages?thread=thread-1" in email.text_body
    assert email.text_body.startswith("Hello Ana,")


def test_a_client_without_a_usable_account_is_not_emailed(store, contacts, practice_staff, client_id):
    contacts.clients[(PRACTICE, client_id)] = ClientContact("ana@example.com", "Ana", "Harbour", can_sign_in=False)

    assert notify(store, contacts, practice_staff, sent(client_id, "staff")) == []
    assert store.emails == {}


def test_an_unknown_client_is_refused(store, contacts, practice_staff):
    with pytest.raises(UnknownClient):
        notify(store, contacts, practice_staff, sent(str(uuid.uuid4()), "staff"))


def test_a_client_message_goes_to_the_assigned_staff_member_only(store, contacts, practice_staff, client_id):
    notify(store, contacts, practice_staff, sent(client_id, "client", assigned_to="acc-lee", clinician_id="acc-dana"))

    email = store.only_email()
    assert (email.template, email.recipient) == (NEW_CLIENT_MESSAGE, "lee@harbour.test")
    assert email.subject == "New secure message in the Harbour Counselling portal"
    assert f"{BASE_URL}/staff/inbox" in email.text_body


def test_with_nobody_assigned_everyone_who_answers_clients_is_told(store, contacts, practice_staff, client_id):
    notify(store, contacts, practice_staff, sent(client_id, "client"))

    assert sorted(e.recipient for e in store.emails.values()) == ["dana@harbour.test", "lee@harbour.test"]


def test_an_automatic_reply_tells_nobody(store, contacts, practice_staff, client_id):
    assert notify(store, contacts, practice_staff, sent(client_id, "practice")) == []


def test_the_client_notice_shows_the_practice_logo_when_it_has_one(store, contacts, practice_staff, client_id):
    logo = f"{BASE_URL}/api/v1/practices/{PRACTICE}/logo?v=7"
    contacts.clients[(PRACTICE, client_id)] = ClientContact(
        "ana@example.com", "Ana", "Harbour", True, logo, "acc-ana", True
    )

    notify(store, contacts, practice_staff, sent(client_id, "staff"))

    assert f'<img src="{logo}" alt="Harbour"' in store.only_email().html_body


def test_without_consent_to_electronic_notices_the_client_is_told_nothing_and_that_is_recorded(
    store, contacts, practice_staff, client_id
):
    contacts.clients[(PRACTICE, client_id)] = ClientContact("ana@example.com", "Ana", "Harbour", True, None, "acc-ana")
    event_id = str(uuid.uuid4())

    assert notify(store, contacts, practice_staff, sent(client_id, "staff"), event_id) == []
    notify(store, contacts, practice_staff, sent(client_id, "staff"), event_id)

    assert (store.emails, store.texts) == ({}, {})
    assert [(w[1], w[3], w[4]) for w in store.withheld] == [
        (client_id, NEW_SECURE_MESSAGE, "no consent to electronic notices")
    ]


@pytest.mark.parametrize(("channel", "emails", "texts"), [("email", 1, 0), ("sms", 0, 1), ("both", 1, 1)])
def test_the_client_is_told_the_way_their_account_chose(
    store, contacts, practice_staff, client_id, channel, emails, texts
):
    store.preferences[(PRACTICE, "acc-ana")] = NoticePreference.choose(
        channel, "+15555550123", store.clock.now()
    ).confirmed(store.clock.now())

    notify(store, contacts, practice_staff, sent(client_id, "staff"))

    assert (len(store.emails), len(store.texts)) == (emails, texts)
    for text in store.texts.values():
        assert text.template == SMS_NEW_SECURE_MESSAGE
        assert text.recipient == "+15555550123"
        assert text.body == (
            f"You have a new secure message from Harbour Counselling. Sign in: {BASE_URL}/messages?thread=thread-1"
        )


@pytest.mark.parametrize("channel", ["sms", "both"])
def test_until_the_mobile_is_confirmed_the_client_is_told_by_email_only(
    store, contacts, practice_staff, client_id, channel
):
    store.preferences[(PRACTICE, "acc-ana")] = NoticePreference.choose(channel, "+15555550123", store.clock.now())

    notify(store, contacts, practice_staff, sent(client_id, "staff"))

    assert (len(store.emails), store.texts) == (1, {})
    assert store.only_email().recipient == "ana@example.com"


def test_a_shared_document_tells_the_client_without_naming_it(store, contacts, client_id):
    store.preferences[(PRACTICE, "acc-ana")] = NoticePreference.choose(
        "both", "+15555550123", store.clock.now()
    ).confirmed(store.clock.now())
    cause = EventCause(PRACTICE, str(uuid.uuid4()), "corr-1")
    shared = {"document_id": str(uuid.uuid4()), "client_id": client_id, "needs_acknowledgement": False}

    with store.uow() as uow:
        queue_document_notice(uow, contacts, BASE_URL, shared, cause)
        queue_document_notice(uow, contacts, BASE_URL, shared, cause)
        uow.commit()

    email = store.only_email()
    assert (email.template, email.recipient) == (DOCUMENT_SHARED, "ana@example.com")
    assert email.subject == "Harbour Counselling shared a document with you"
    assert f"{BASE_URL}/documents" in email.text_body
    (text,) = store.texts.values()
    assert text.body == f"Harbour Counselling shared a document with you. Sign in: {BASE_URL}/documents"
