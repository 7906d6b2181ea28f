"""Who signs a consent, decided from the accounts that reach the profile."""

import pytest
from forms.domain.signers import ProfileKind, ProfileLink, SignerRefused, signers_of


def links(*pairs, ended=()):
    return [ProfileLink(account, kind, account not in ended) for account, kind in pairs]


def test_a_profile_reached_by_a_guardian_is_a_minors_and_one_guardian_signs():
    signers = signers_of(links(("kid", "self"), ("mum", "guardian"), ("dad", "guardian")))

    assert (signers.kind, signers.accounts) == (ProfileKind.MINOR, {"mum", "dad"})
    with pytest.raises(SignerRefused, match="guardian-must-sign"):
        signers.check("kid", set())
    signers.check("dad", set())
    assert signers.complete_with({"dad"})


def test_a_profile_reached_by_two_partners_is_a_couples_and_both_sign():
    signers = signers_of(links(("robin", "self"), ("sky", "partner")))

    assert (signers.kind, signers.accounts) == (ProfileKind.COUPLE, {"robin", "sky"})
    signers.check("robin", set())
    assert not signers.complete_with({"robin"})
    with pytest.raises(SignerRefused, match="already-signed"):
        signers.check("robin", {"robin"})
    with pytest.raises(SignerRefused, match="not-a-signer"):
        signers.check("stranger", {"robin"})
    assert signers.complete_with({"robin", "sky"})


@pytest.mark.parametrize(
    "reach",
    [
        [],
        links(("robin", "self")),
        links(("robin", "self"), ("sky", "partner"), ended={"sky"}),
        links(("robin", "self"), ("mum", "guardian"), ended={"mum"}),
    ],
)
def test_otherwise_the_account_acting_for_the_profile_signs_alone(reach):
    signers = signers_of(reach)

    assert signers.kind == ProfileKind.SINGLE
    signers.check("anyone", set())
    assert signers.complete_with({"anyone"})
