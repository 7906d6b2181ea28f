"""The rules that decide what an invitation link does, and how a client's portal reads to staff."""

import datetime as dt

from invitations.domain import ClientPortal, Invitation, InvitationState, PortalStatus, hash_token, new_token

SENT = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


def an_invitation(**changes):
    values = dict(
        id="inv-1",
        practice_id="practice-1",
        client_id="client-1",
        email="robin@example.org",
        first_name="Robin",
        practice_name="Calm Waters Therapy",
        token_hash=hash_token("token"),
        sent_at=SENT,
        sent_by="staff-1",
        expires_at=SENT + dt.timedelta(hours=120),
    )
    return Invitation(**{**values, **changes})


def test_a_new_token_is_long_and_only_its_hash_is_kept():
    token, token_hash = new_token()

    assert len(token) >= 43  # 32 random bytes
    assert token_hash == hash_token(token) != token
    assert len(token_hash) == 64


def test_an_invitation_is_open_until_the_moment_it_expires():
    invitation = an_invitation()

    assert invitation.state_at(SENT + dt.timedelta(hours=119, minutes=59)) is InvitationState.OPEN
    assert invitation.state_at(SENT + dt.timedelta(hours=120)) is InvitationState.EXPIRED


def test_a_used_invitation_stays_used_even_after_its_expiry():
    invitation = an_invitation()
    invitation.accept("account-1", SENT + dt.timedelta(hours=1))

    assert invitation.state_at(SENT + dt.timedelta(days=30)) is InvitationState.USED


def test_a_newer_invitation_supersedes_an_open_one():
    invitation = an_invitation()
    invitation.supersede(SENT + dt.timedelta(hours=2))

    assert invitation.state_at(SENT + dt.timedelta(hours=3)) is InvitationState.SUPERSEDED


def test_superseding_leaves_expired_and_used_invitations_as_they_were():
    expired, used = an_invitation(), an_invitation()
    used.accept("account-1", SENT + dt.timedelta(hours=1))
    later = SENT + dt.timedelta(hours=200)

    expired.supersede(later)
    used.supersede(later)

    assert expired.state_at(later) is InvitationState.EXPIRED
    assert used.state_at(later) is InvitationState.USED


def test_a_portal_reads_expired_once_its_latest_invitation_lapses_and_shows_when():
    portal = ClientPortal("practice-1", "client-1")
    invitation = an_invitation()
    portal.record_invitation(invitation, "front@calmwaters.example")

    before = portal.view_at(SENT + dt.timedelta(hours=1))
    after = portal.view_at(SENT + dt.timedelta(hours=121))

    assert before.status is PortalStatus.INVITED
    assert [entry.status for entry in before.timeline] == ["invited"]
    assert after.status is PortalStatus.EXPIRED
    assert [(entry.status, entry.at) for entry in after.timeline][-1] == ("expired", invitation.expires_at)


def test_a_resend_after_expiry_keeps_the_lapse_in_the_timeline():
    portal = ClientPortal("practice-1", "client-1")
    portal.record_invitation(an_invitation(), "front@calmwaters.example")
    resent_at = SENT + dt.timedelta(hours=130)
    portal.record_invitation(
        an_invitation(id="inv-2", sent_at=resent_at, expires_at=resent_at + dt.timedelta(hours=120)), ""
    )

    view = portal.view_at(resent_at)

    assert view.status is PortalStatus.INVITED
    assert [entry.status for entry in view.timeline] == ["invited", "expired", "resent"]


def test_a_signed_up_portal_never_reads_expired():
    portal = ClientPortal("practice-1", "client-1")
    portal.record_invitation(an_invitation(), "front@calmwaters.example")
    portal.record_sign_up("account-1", "robin@example.org", SENT + dt.timedelta(hours=5))

    view = portal.view_at(SENT + dt.timedelta(days=30))

    assert view.status is PortalStatus.SIGNED_UP
    assert [entry.status for entry in view.timeline] == ["invited", "signed_up"]


def verified_portal():
    portal = ClientPortal("practice-1", "client-1")
    portal.record_invitation(an_invitation(), "front@calmwaters.example")
    portal.record_sign_up("account-1", "robin@example.org", SENT + dt.timedelta(hours=1))
    portal.record_verified("account-1", SENT + dt.timedelta(hours=2))
    return portal


def test_disabling_and_enabling_applied_out_of_order_leave_the_later_one_standing():
    disabled_at, enabled_at = SENT + dt.timedelta(hours=3), SENT + dt.timedelta(hours=4)
    in_order, reversed_ = verified_portal(), verified_portal()

    in_order.record_disabled("account-1", "staff-1", disabled_at)
    in_order.record_enabled("account-1", "staff-1", enabled_at)
    reversed_.record_enabled("account-1", "staff-1", enabled_at)
    reversed_.record_disabled("account-1", "staff-1", disabled_at)

    for portal in (in_order, reversed_):
        view = portal.view_at(enabled_at)
        assert view.status is PortalStatus.ACTIVE
        assert [entry.status for entry in view.timeline][-2:] == ["disabled", "re-enabled"]


def test_an_enabling_that_arrives_after_a_later_disabling_leaves_the_portal_disabled():
    enabled_at, disabled_at = SENT + dt.timedelta(hours=3), SENT + dt.timedelta(hours=4)
    portal = verified_portal()

    portal.record_disabled("account-1", "staff-1", disabled_at)
    portal.record_enabled("account-1", "staff-1", enabled_at)

    assert portal.view_at(disabled_at).status is PortalStatus.DISABLED
