"""Revoking, copying the link, bulk invites, the scheduler, automatic invitations and account
changes, on fakes with a fixed clock."""

import datetime as dt
import uuid

import pytest
from invitations.domain import PortalStatus
from invitations.service.acceptance import open_invitation
from invitations.service.automatic import AssignedTask, invite_for_task
from invitations.service.portals import AccountChange, practice_portal_statuses, record_account_change
from invitations.service.scheduling import sweep
from invitations.service.sending import SendInvitation, send_invitation
from invitations.service.staff_actions import StaffMember, bulk_invite, copy_invitation_link, revoke_invitation
from portalkit.errors import Problem

STAFF = StaffMember("practice-1", "staff-1", "front@calmwaters.example")


@pytest.fixture
def send(uow, identity, mailing, sealer):
    def send(client_id):
        send_invitation(uow, identity, mailing, SendInvitation("practice-1", client_id, "staff-1", STAFF.email))
        delivery = sealer.unseal(uow.events("invitations.invitation.sent")[-1].data["delivery"])
        return delivery["accept_url"]

    return send


@pytest.fixture
def portal_of(uow):
    def portal_of(client_id):
        return uow.stored["portals"][("practice-1", client_id)]

    return portal_of


def refusal_of(action):
    with pytest.raises(Problem) as refused:
        action()
    return refused.value


def test_a_revoked_link_answers_410_invitation_revoked_and_the_client_reads_not_invited(
    uow, identity, send, agreements, portal_of
):
    client_id = identity.add_client()
    token = send(client_id).rsplit("/", 1)[1]

    revoked = revoke_invitation(uow, STAFF, client_id)

    assert refusal_of(lambda: open_invitation(uow, agreements, token)).code == "invitation-revoked"
    assert portal_of(client_id).status is PortalStatus.NOT_INVITED
    assert [e.data["invitation_id"] for e in uow.events("invitations.invitation.revoked")] == [revoked.id]
    assert uow.invitations_of(client_id)[0].sealed_token is None
    assert refusal_of(lambda: revoke_invitation(uow, STAFF, client_id)).code == "no-open-invitation"


def test_copying_the_link_gives_the_mailed_url_and_each_copy_is_audited(uow, identity, send, mailing, portal_of):
    client_id = identity.add_client()
    mailed_url = send(client_id)

    first = copy_invitation_link(uow, mailing, STAFF, client_id)
    second = copy_invitation_link(
        uow, mailing, StaffMember("practice-1", "staff-2", "dr@calmwaters.example"), client_id
    )

    assert first.url == second.url == mailed_url
    assert [copy[1] for copy in uow.stored["link_copies"]] == ["staff-1", "staff-2"]
    copies = [entry for entry in portal_of(client_id).timeline if entry.status == "link copied"]
    assert [entry.actor for entry in copies] == ["staff-1", "staff-2"]
    assert "dr@calmwaters.example" in copies[1].detail


def test_there_is_no_link_to_copy_for_another_practice_or_a_used_up_invitation(uow, identity, send, mailing, clock):
    client_id = identity.add_client()
    send(client_id)
    outsider = StaffMember("practice-2", "staff-9", "x@elsewhere.example")

    assert refusal_of(lambda: copy_invitation_link(uow, mailing, outsider, client_id)).status == 404
    clock.advance(hours=121)
    assert refusal_of(lambda: copy_invitation_link(uow, mailing, STAFF, client_id)).code == "no-open-invitation"


def test_bulk_invite_reports_each_client(uow, unit_of_work, identity, mailing):
    new_id = identity.add_client()
    signed_up_id = identity.add_client(has_account=True)
    unknown_id = str(uuid.uuid4())

    results = bulk_invite(unit_of_work, identity, mailing, STAFF, [new_id, signed_up_id, unknown_id])

    assert [(r.client_id, r.result) for r in results] == [
        (new_id, "sent"),
        (signed_up_id, "already_signed_up"),
        (unknown_id, "not_found"),
    ]
    assert [e.data["client_id"] for e in uow.events("invitations.invitation.sent")] == [new_id]


def test_one_reminder_goes_out_24_hours_before_expiry_with_the_same_link(
    uow, unit_of_work, identity, send, mailing, sealer, clock, portal_of
):
    client_id = identity.add_client()
    mailed_url = send(client_id)

    clock.advance(hours=95, minutes=59)
    assert sweep(unit_of_work, mailing) == (0, 0)
    clock.advance(minutes=1)
    assert sweep(unit_of_work, mailing) == (0, 1)
    assert sweep(unit_of_work, mailing) == (0, 0)

    (reminded,) = uow.events("invitations.invitation.reminded")
    delivery = sealer.unseal(reminded.data["delivery"])
    assert (delivery["accept_url"], delivery["to"]) == (mailed_url, "robin@example.org")
    assert delivery["expires_at"] == reminded.data["expires_at"] == "2026-01-10T09:00:00Z"
    assert [entry.status for entry in portal_of(client_id).timeline] == ["invited", "reminded"]


@pytest.mark.parametrize(("expiry_hours", "reminder_hours"), [(120, 0), (24, None)])
def test_no_reminder_when_the_practice_turned_them_off_or_the_link_lives_only_24_hours(
    uow, unit_of_work, identity, send, mailing, clock, expiry_hours, reminder_hours
):
    client_id = identity.add_client(expiry_hours=expiry_hours)
    if reminder_hours is not None:
        key = ("practice-1", client_id)
        identity.clients[key] = identity.clients[key].__class__(
            **{**identity.clients[key].__dict__, "reminder_hours_before_expiry": reminder_hours}
        )
    send(client_id)

    clock.advance(hours=expiry_hours + 1)

    assert sweep(unit_of_work, mailing) == (1, 0)
    assert uow.events("invitations.invitation.reminded") == []


def test_an_expiry_is_announced_once_and_shows_once_even_after_a_resend(
    uow, unit_of_work, identity, send, mailing, clock, portal_of
):
    client_id = identity.add_client()
    send(client_id)
    clock.advance(hours=121)
    send(client_id)  # resent before the scheduler ran

    assert sweep(unit_of_work, mailing) == (1, 0)
    assert sweep(unit_of_work, mailing) == (0, 0)

    assert len(uow.events("invitations.invitation.expired")) == 1
    assert [entry.status for entry in portal_of(client_id).timeline] == ["invited", "expired", "resent"]
    assert uow.invitations_of(client_id)[0].sealed_token is None


def test_an_assigned_form_invites_a_new_client_once_on_behalf_of_the_system(uow, identity, mailing, portal_of):
    client_id = identity.add_client()
    form = AssignedTask("practice-1", client_id, "form", "form-7")
    consent = AssignedTask("practice-1", client_id, "consent", "consent-2")

    for task in (form, consent):
        with uow:
            invite_for_task(uow, identity, mailing, task)
            uow.commit()

    (invitation,) = uow.invitations_of(client_id)
    assert (invitation.sent_by, invitation.cause) == (None, "form:form-7")
    (entry,) = portal_of(client_id).timeline
    assert entry.actor == "system" and "a form was assigned (task form-7)" in entry.detail


@pytest.mark.parametrize("history", ["revoked", "expired", "account"])
def test_no_automatic_invitation_after_a_revocation_an_expiry_or_for_a_client_with_an_account(
    uow, identity, send, mailing, clock, history
):
    client_id = identity.add_client(has_account=history == "account")
    if history != "account":
        send(client_id)
    if history == "revoked":
        revoke_invitation(uow, STAFF, client_id)
    clock.advance(hours=200)

    with uow:
        sent = invite_for_task(uow, identity, mailing, AssignedTask("practice-1", client_id, "invoice", "inv-1"))
        uow.commit()

    assert sent is None
    assert len(uow.invitations_of(client_id)) == (0 if history == "account" else 1)


def change(kind, client_id, at, actor_id=None, account_id="acc-1"):
    return AccountChange(kind, "practice-1", client_id, account_id, actor_id, at)


def test_verification_sign_in_disable_and_enable_move_the_status_with_their_actors(
    uow, identity, send, clock, portal_of
):
    client_id = identity.add_client()
    send(client_id)
    steps = [("verified", None, PortalStatus.ACTIVE), ("signed_in", None, PortalStatus.ACTIVE)]
    steps += [("disabled", "staff-2", PortalStatus.DISABLED), ("enabled", "staff-3", PortalStatus.ACTIVE)]

    for kind, actor, expected in steps:
        clock.advance(hours=1)
        with uow:
            record_account_change(uow, change(kind, client_id, clock.now(), actor))
            uow.commit()
        assert portal_of(client_id).status is expected

    timeline = portal_of(client_id).timeline
    assert [(e.status, e.actor) for e in timeline][1:] == [
        ("active", "acc-1"),
        ("first sign-in", "acc-1"),
        ("disabled", "staff-2"),
        ("re-enabled", "staff-3"),
    ]
    assert portal_of(client_id).last_signed_in_at == clock.now() - dt.timedelta(hours=2)


def test_the_list_filters_by_status_and_counts_every_filter(uow, identity, send, clock):
    expired_id, invited_id = identity.add_client(), identity.add_client()
    send(expired_id)
    clock.advance(hours=121)
    send(invited_id)
    with uow:
        record_account_change(uow, change("verified", str(uuid.uuid4()), clock.now()))
        uow.commit()

    expired = practice_portal_statuses(uow, "practice-1", "expired")

    assert [view.client_id for view in expired.items] == [expired_id]
    assert expired.counts == {
        "not_invited": 0,
        "invited": 1,
        "expired": 1,
        "signed_up": 0,
        "active": 1,
        "disabled": 0,
        "never_signed_in": 1,
    }
