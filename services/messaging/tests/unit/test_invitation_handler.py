"""The invitation.sent handler opens the sealed delivery; what cannot be opened is poison."""

import pytest
from messaging.events import open_invitation_delivery
from portalkit.broker import PoisonMessage
from portalkit.sealed import Sealer, new_key

DETAILS = {
    "to": "ana.lima@example.com",
    "recipient_name": "Ana Lima",
    "practice_name": "Harbour & Pine Counselling",
    "accept_url": "https://portal.example/invitations/tok_abc",
    "expires_at": "2026-01-12T17:30:00Z",
}


@pytest.fixture
def sealer():
    return Sealer(new_key())


def test_the_sealed_details_become_a_delivery(sealer):
    delivery = open_invitation_delivery(
        sealer, {"delivery": sealer.seal(DETAILS), "expires_at": "2030-01-01T00:00:00Z"}
    )

    assert delivery.to == "ana.lima@example.com"
    assert delivery.accept_url == "https://portal.example/invitations/tok_abc"
    assert delivery.expires_at.isoformat() == "2026-01-12T17:30:00+00:00"


def test_the_event_expiry_is_used_when_the_sealed_one_is_missing(sealer):
    details = {k: v for k, v in DETAILS.items() if k != "expires_at"}

    delivery = open_invitation_delivery(
        sealer, {"delivery": sealer.seal(details), "expires_at": "2026-02-01T08:00:00Z"}
    )

    assert delivery.expires_at.isoformat() == "2026-02-01T08:00:00+00:00"


@pytest.mark.parametrize(
    "sealed",
    [
        lambda sealer: Sealer(new_key()).seal(DETAILS),
        lambda sealer: "not sealed at all",
        lambda sealer: sealer.seal({**DETAILS, "to": "nobody"}),
        lambda sealer: sealer.seal({k: v for k, v in DETAILS.items() if k != "accept_url"}),
    ],
)
def test_details_that_cannot_be_read_are_poison_and_the_log_line_names_no_address(sealer, sealed):
    with pytest.raises(PoisonMessage) as poison:
        open_invitation_delivery(sealer, {"delivery": sealed(sealer), "expires_at": "2026-01-12T17:30:00Z"})

    assert "ana.lima" not in str(poison.value) and "tok_abc" not in str(poison.value)
