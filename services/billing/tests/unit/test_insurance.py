"""Insurance use cases with a store in memory and a throwaway SQLite database: the photo's type comes
from its bytes, a replaced photo leaves no object behind, a removed policy takes its photos along."""

import datetime as dt
import functools

import pytest
from billing.adapters import orm
from billing.adapters.unit_of_work import BillingUnitOfWork
from billing.domain.insurance import sniff_photo_type
from billing.service import insurance
from billing.service.actors import ClientCaller, Staff
from portalkit.clock import FixedClock
from portalkit.db import make_engine, make_session_factory
from portalkit.errors import Problem, ValidationProblem
from portalkit.testing import MemoryObjectStore

NOW = dt.datetime(2026, 12, 3, 15, tzinfo=dt.UTC)
CLIENT = "0b9c8a52-3f0e-4c4e-9a55-1c2d3e4f5a6b"
CALLER = ClientCaller("p-1", "acc-1", CLIENT)
DETAILS = {
    "payer": "Blue Harbor Health",
    "member_id": "XJH1",
    "group_number": "",
    "plan": "",
    "subscriber_name": "Robin Hale",
    "subscriber_relationship": "self",
    "subscriber_date_of_birth": dt.date(1988, 4, 12),
}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 8


@pytest.fixture
def unit_of_work():
    engine = make_engine("sqlite://")
    orm.metadata.create_all(engine)
    yield functools.partial(BillingUnitOfWork, make_session_factory(engine), FixedClock(NOW))
    engine.dispose()


@pytest.fixture
def photos():
    return insurance.Photos(MemoryObjectStore(), max_bytes=1000)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xff\xd8\xff\xe0rest", "image/jpeg"),
        (PNG, "image/png"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"%PDF-1.7\n", "application/pdf"),
        (b"GIF89a", None),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", None),
        (b"MZ\x90\x00", None),
        (b"PK\x03\x04", None),
        (b"", None),
    ],
)
def test_a_photo_type_is_read_from_its_first_bytes(data, expected):
    assert sniff_photo_type(data) == expected


def test_a_replaced_photo_leaves_only_the_new_one(unit_of_work, photos):
    insurance.save(unit_of_work, CALLER, "primary", DETAILS)

    first = insurance.put_photo(unit_of_work, photos, CALLER, ("primary", "front"), PNG)
    second = insurance.put_photo(unit_of_work, photos, CALLER, ("primary", "front"), b"%PDF-1.4 card")

    assert first.front_key != second.front_key and list(photos.store.objects) == [second.front_key]
    assert second.front_key.startswith("insurance/") and second.front_type == "application/pdf"


def test_a_photo_over_the_limit_is_refused_and_nothing_is_stored(unit_of_work, photos):
    insurance.save(unit_of_work, CALLER, "primary", DETAILS)

    with pytest.raises(ValidationProblem):
        insurance.put_photo(unit_of_work, photos, CALLER, ("primary", "back"), PNG + b"\x00" * 1000)

    assert photos.store.objects == {}


def test_verification_records_who_and_when_and_a_change_clears_it(unit_of_work):
    insurance.save(unit_of_work, CALLER, "primary", DETAILS)

    verified = insurance.verify(unit_of_work, Staff("p-1", "staff-9", "front_desk"), CLIENT, "primary")
    changed = insurance.save(unit_of_work, CALLER, "primary", DETAILS | {"plan": "HMO"})

    assert (verified.verified_by, verified.verified_at) == ("staff-9", NOW)
    assert changed.verified_at is None and changed.verified_by is None


def test_the_primary_goes_only_after_the_secondary(unit_of_work, photos):
    insurance.save(unit_of_work, CALLER, "primary", DETAILS)
    insurance.save(unit_of_work, CALLER, "secondary", DETAILS)
    insurance.put_photo(unit_of_work, photos, CALLER, ("secondary", "front"), PNG)

    with pytest.raises(Problem) as refused:
        insurance.remove(unit_of_work, photos, CALLER, "primary")
    insurance.remove(unit_of_work, photos, CALLER, "secondary")
    insurance.remove(unit_of_work, photos, CALLER, "primary")

    assert refused.value.status == 409
    assert photos.store.objects == {} and insurance.policies(unit_of_work, "p-1", CLIENT) == []
