"""argon2id with SECURITY.md's parameters; old parameters are noticed so login can rehash."""

from argon2 import PasswordHasher as Argon2Hasher
from identity.adapters.password_hasher import PasswordHasher

hasher = PasswordHasher()


def test_hashes_are_argon2id_with_19_mib_two_passes_and_one_lane():
    assert hasher.hash("tide pools at dawn").startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_the_same_password_typed_in_another_unicode_form_matches():
    stored = hasher.hash("café au lait")  # composed é
    assert hasher.matches(stored, "cafe\u0301 au lait")  # e + combining accent
    assert not hasher.matches(stored, "cafe au lait")


def test_a_garbled_hash_never_matches():
    assert not hasher.matches("not-a-hash", "tide pools at dawn")


def test_a_hash_made_with_weaker_parameters_needs_rehashing():
    weaker = Argon2Hasher(time_cost=1, memory_cost=8192, parallelism=1).hash("tide pools at dawn")
    assert hasher.needs_rehash(weaker)
    assert not hasher.needs_rehash(hasher.hash("tide pools at dawn"))
