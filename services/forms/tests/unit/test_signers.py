"""Who signs a consent, decided from the accounts that reach the profile."""

import pytest
from forms.domain.signers import NamedSignerInvalid, ProfileKind, ProfileLink, SignerRefused, check_named, signers_of


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


def test_named_accounts_each_sign_and_no_other_account_may():
    signers = signers_of(links(("robin", "self"), ("sky", "partner"), ("kit", "partner")), named=["sky", "kit"])

    assert (signers.kind, signers.accounts) == (ProfileKind.NAMED, {"sky", "kit"})
    with pytest.raises(SignerRefused, match="not-a-signer"):
        signers.check("robin", set())
    assert not signers.complete_with({"sky"})
    assert signers.complete_with({"sky", "kit"})
    assert (signers.may_fill("sky"), signers.may_fill("robin")) == (True, False)


def test_named_accounts_whose_link_ended_are_passed_over_and_none_left_falls_back_to_the_links():
    reach = links(("robin", "self"), ("sky", "partner"), ended={"sky"})

    assert signers_of(reach, named=["robin", "sky"]).accounts == {"robin"}
    assert signers_of(reach, named=["sky"]).kind == ProfileKind.SINGLE


def test_only_open_links_can_be_named_and_a_minors_consent_only_by_guardians():
    reach = links(("kid", "self"), ("mum", "guardian"), ("dad", "guardian"), ended={"dad"})

    assert check_named(reach, ["mum", "kid", "mum"], consent=False) == ("mum", "kid")
    with pytest.raises(NamedSignerInvalid) as ended:
        check_named(reach, ["dad"], consent=False)
    with pytest.raises(NamedSignerInvalid) as minor:
        check_named(reach, ["mum", "kid"], consent=True)
    assert (ended.value.account_id, minor.value.account_id) == ("dad", "kid")
