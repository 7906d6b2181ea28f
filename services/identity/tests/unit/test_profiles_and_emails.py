"""The rules of profile links (kinds, guardian end dates, the profile a sign-in starts with), of a
client's addresses, and of the one permission table."""

import datetime as dt

import pytest
from identity.domain.model import ClientDetailsInvalid, ClientProfile, EmailInUse, EmailNotFound
from identity.domain.permissions import PERMISSIONS, may
from identity.domain.profile_links import GUARDIAN, PARTNER, SELF, LinkInvalid, ProfileLink, default_profile
from identity.service.email_change import email_hint

NOW = dt.datetime(2026, 3, 1, 23, 59, tzinfo=dt.UTC)


def link(kind, profile_id="p", ends_on=None):
    return ProfileLink.make("practice", "account", profile_id, kind, NOW, ends_on)


def test_a_guardians_access_ends_at_the_start_of_its_end_date():
    guardian = link(GUARDIAN, ends_on=dt.date(2026, 3, 2))

    assert guardian.is_open(NOW)
    assert not guardian.is_open(NOW + dt.timedelta(minutes=1))


@pytest.mark.parametrize(
    ("kind", "ends_on", "field"),
    [
        (PARTNER, dt.date(2027, 1, 1), "ends_on"),
        (SELF, dt.date(2027, 1, 1), "ends_on"),
        (GUARDIAN, dt.date(2026, 3, 1), "ends_on"),
        ("cousin", None, "kind"),
    ],
)
def test_links_that_cannot_be_right_are_refused_by_field(kind, ends_on, field):
    with pytest.raises(LinkInvalid) as refused:
        link(kind, ends_on=ends_on)

    assert refused.value.field == field


def test_a_sign_in_starts_on_the_own_profile_else_the_only_one_else_none():
    own, couple = link(SELF, "own"), link(PARTNER, "couple")
    minor, other_minor = link(GUARDIAN, "minor"), link(GUARDIAN, "minor-2")

    assert default_profile([couple, own], NOW) == "own"
    assert default_profile([minor], NOW) == "minor"
    assert default_profile([minor, other_minor], NOW) is None
    ended = link(GUARDIAN, "minor", ends_on=dt.date(2026, 3, 2))
    assert default_profile([ended, couple], NOW + dt.timedelta(days=1)) == "couple"


def client():
    return ClientProfile.create("practice", "Robin", "Hale", ["robin@example.test"], NOW)


def test_a_new_address_is_added_normalised_and_the_default_can_move_to_it():
    profile = client()

    profile.add_email(" Robin.Work@Example.TEST ")
    profile.make_default("robin.work@example.test")

    assert profile.default_email == "robin.work@example.test"
    assert [e.is_default for e in profile.emails] == [False, True]


def test_the_default_address_cannot_be_removed_nor_an_address_added_twice():
    profile = client()

    with pytest.raises(EmailInUse):
        profile.remove_email("robin@example.test")
    with pytest.raises(ClientDetailsInvalid):
        profile.add_email("ROBIN@example.test")
    with pytest.raises(EmailNotFound):
        profile.make_default("nobody@example.test")
    assert profile.addresses == ["robin@example.test"]


def test_no_client_takes_any_staff_action_and_owners_take_every_one():
    assert not any(may("client", action) for action in PERMISSIONS)
    assert all(may("owner", action) for action in PERMISSIONS)


def test_the_notice_hints_at_the_new_address_without_spelling_it_out():
    assert email_hint("robin.new@example.test") == "r***@example.test"
