"""Sending, resending and accepting invitations, on fakes."""

import dataclasses
import datetime as dt
import uuid

import pytest
from invitations.domain import InvitationState, PortalStatus
from invitations.service.acceptance import AcceptInvitation, accept_invitation, open_invitation
from invitations.service.portals import portal_status, record_account_created, record_bounce, record_delivery
from invitations.service.sending import SendInvitation, send_invitation
from portalkit.errors import Problem, ValidationProblem

EVERY_AGREEMENT = frozenset({"accept_terms", "accept_privacy", "accept_electronic_notices"})


@pytest.fixture
def send(uow, identity, mailing, sealer):
    """Send an invitation to a client; the token is read back from the sealed email, as the notifier would."""

    def send(client_id, practice_id="practice-1", email=None):
        command = SendInvitation(practice_id, client_id, "staff-1", "front@calmwaters.example", email)
        sent = send_invitation(uow, identity, mailing, command)
        delivery = sealer.unseal(uow.events("invitations.invitation.sent")[-1].data["delivery"])
        return sent, delivery["accept_url"].rsplit("/", 1)[1]

    return send


def accepting(token, accepted=EVERY_AGREEMENT, **changes):
    return dataclasses.replace(AcceptInvitation(token, "a long enough passphrase", accepted), **changes)


def refusal_of(action):
    with pytest.raises(Problem) as refused:
        action()
    return refused.value


def test_sending_invites_the_default_address_with_a_sealed_link_that_expires_in_120_hours(
    uow, identity, send, sealer, clock
):
    client_id = identity.add_client(emails=("robin@example.org", "r.doe@work.example"))

    sent, token = send(client_id)

    event = uow.events("invitations.invitation.sent")[0]
    delivery = sealer.unseal(event.data["delivery"])
    assert sent.email == "robin@example.org" and not sent.resend
    assert sent.expires_at == clock.now() + dt.timedelta(hours=120)
    assert delivery["accept_url"] == f"https://portal.example/invitations/{token}"
    assert (delivery["to"], delivery["recipient_name"]) == ("robin@example.org", "Robin")
    assert uow.invitations_of(client_id)[0].sent_event_id == event.id
    assert token not in str(uow.stored["invitations"])


def test_the_practice_expiry_setting_wins_over_the_default(identity, send, clock):
    client_id = identity.add_client(expiry_hours=48)

    sent, _ = send(client_id)

    assert sent.expires_at == clock.now() + dt.timedelta(hours=48)


def test_an_address_that_is_not_the_clients_is_refused_and_nothing_is_sent(uow, identity, send):
    client_id = identity.add_client()

    refused = refusal_of(lambda: send(client_id, email="someone@else.example"))

    assert isinstance(refused, ValidationProblem) and "email" in refused.extra["errors"]
    assert uow.stored["events"] == [] and uow.invitations_of(client_id) == []


def test_a_client_of_another_practice_is_not_found(identity, send):
    client_id = identity.add_client(practice_id="practice-1")

    assert refusal_of(lambda: send(client_id, practice_id="practice-2")).status == 404


def test_a_client_who_already_has_an_account_is_not_invited(identity, send):
    client_id = identity.add_client(has_account=True)

    assert refusal_of(lambda: send(client_id)).code == "already-signed-up"


def test_resending_supersedes_the_older_link(uow, identity, send, agreements, clock):
    client_id = identity.add_client()
    _, first_token = send(client_id)
    clock.advance(hours=1)

    sent, second_token = send(client_id)

    assert sent.resend
    assert refusal_of(lambda: open_invitation(uow, agreements, first_token)).code == "invitation-superseded"
    assert open_invitation(uow, agreements, second_token).email == "robin@example.org"
    assert [event.data["resend"] for event in uow.events("invitations.invitation.sent")] == [False, True]


def test_a_link_expires_when_the_clock_passes_its_expiry(uow, identity, send, agreements, clock):
    client_id = identity.add_client()
    _, token = send(client_id)

    clock.advance(hours=120)

    refused = refusal_of(lambda: open_invitation(uow, agreements, token))
    assert (refused.status, refused.code) == (410, "invitation-expired")
    assert "new invitation" in refused.detail
    assert portal_status(uow, identity, "practice-1", client_id).status is PortalStatus.EXPIRED


def test_accepting_creates_the_account_once_and_a_second_accept_is_refused(uow, identity, send, agreements):
    client_id = identity.add_client()
    _, token = send(client_id)

    accepted = accept_invitation(uow, identity, agreements, accepting(token))
    again = refusal_of(lambda: accept_invitation(uow, identity, agreements, accepting(token)))

    assert (again.status, again.code) == (410, "invitation-used")
    assert len(identity.accounts) == 1
    assert [a["kind"] for a in identity.accounts[0].agreements] == ["terms", "privacy", "electronic_notices"]
    status = portal_status(uow, identity, "practice-1", client_id)
    assert (status.status, status.account_id) == (PortalStatus.SIGNED_UP, accepted.account_id)
    assert uow.events("invitations.invitation.accepted")[0].data["account_id"] == accepted.account_id


def test_missing_agreements_are_each_named_and_nothing_changes(uow, identity, send, agreements, clock):
    client_id = identity.add_client()
    _, token = send(client_id)
    before = uow.stored

    refused = refusal_of(
        lambda: accept_invitation(uow, identity, agreements, accepting(token, accepted=frozenset({"accept_terms"})))
    )

    assert set(refused.extra["errors"]) == {"accept_privacy", "accept_electronic_notices"}
    assert identity.accounts == [] and uow.stored is before
    assert uow.invitations_of(client_id)[0].state_at(clock.now()) is InvitationState.OPEN


def test_a_confirmation_that_differs_from_the_password_is_refused(uow, identity, send, agreements):
    _, token = send(identity.add_client())

    refused = refusal_of(
        lambda: accept_invitation(uow, identity, agreements, accepting(token, password_confirmation="another one"))
    )

    assert list(refused.extra["errors"]) == ["password_confirmation"] and identity.accounts == []


def test_identitys_refusal_is_passed_on_and_the_link_still_works(uow, identity, send, agreements):
    _, token = send(identity.add_client())
    identity.refusal = Problem(422, "validation-failed", "Weak.", errors={"password": ["Too common."]})

    refused = refusal_of(lambda: accept_invitation(uow, identity, agreements, accepting(token)))

    assert refused.extra["errors"] == {"password": ["Too common."]}
    assert uow.events("invitations.invitation.accepted") == []
    assert open_invitation(uow, agreements, token).valid


def test_a_signed_up_client_cannot_be_invited_again(uow, identity, send, agreements):
    client_id = identity.add_client()
    _, token = send(client_id)
    accept_invitation(uow, identity, agreements, accepting(token))

    assert refusal_of(lambda: send(client_id)).code == "already-signed-up"


def test_an_account_created_for_our_invitation_signs_the_client_up_once(uow, identity, send):
    client_id = identity.add_client()
    send(client_id)
    invitation_id = uow.invitations_of(client_id)[0].id
    account_id = str(uuid.uuid4())

    for _ in range(2):
        with uow:
            record_account_created(uow, "practice-1", invitation_id, account_id)
            uow.commit()

    status = portal_status(uow, identity, "practice-1", client_id)
    assert (status.status, status.account_id) == (PortalStatus.SIGNED_UP, account_id)
    assert [entry.status for entry in status.timeline].count("signed_up") == 1
    assert len(uow.events("invitations.invitation.accepted")) == 1


def test_a_failed_invitation_email_shows_in_the_timeline(uow, identity, send, clock):
    client_id = identity.add_client()
    send(client_id)
    sent_event_id = uow.invitations_of(client_id)[0].sent_event_id

    with uow:
        record_delivery(uow, "practice-1", sent_event_id, False, clock.now(), "mailbox unavailable")
        uow.commit()

    timeline = portal_status(uow, identity, "practice-1", client_id).timeline
    assert [entry.status for entry in timeline] == ["invited", "invitation email failed"]
    assert "mailbox unavailable" in timeline[-1].detail


def test_a_bounced_invitation_email_shows_in_the_timeline_after_it_was_sent(uow, identity, send, clock):
    client_id = identity.add_client()
    send(client_id)
    sent_event_id = uow.invitations_of(client_id)[0].sent_event_id

    with uow:
        record_delivery(uow, "practice-1", sent_event_id, True, clock.now())
        record_bounce(uow, "practice-1", sent_event_id, "hard", clock.now())
        uow.commit()

    timeline = portal_status(uow, identity, "practice-1", client_id).timeline
    assert [entry.status for entry in timeline] == ["invited", "invitation email sent", "invitation email bounced"]
    assert "does not take mail" in timeline[-1].detail
