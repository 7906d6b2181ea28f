import dataclasses

import pytest
from portalkit.clock import FixedClock, OffsetFileClock
from portalkit.sealed import Sealer, SealError, new_key
from portalkit.settings import BaseSettings


@dataclasses.dataclass(frozen=True)
class ExampleSettings(BaseSettings):
    service_name: str = "example"
    retries: int = 3
    strict: bool = False


def test_a_service_prefixed_variable_wins_over_the_plain_one():
    settings = ExampleSettings.from_env(
        {"DATABASE_URL": "sqlite:///shared.db", "EXAMPLE_DATABASE_URL": "sqlite:///own.db", "RETRIES": "5"}
    )

    assert settings.database_url == "sqlite:///own.db"
    assert settings.retries == 5


def test_without_a_database_url_each_service_gets_its_own_sqlite_file():
    settings = ExampleSettings.from_env({"VAR_DIR": "var", "STRICT": "yes"})

    assert settings.database_url == "sqlite:///var/example.db"
    assert settings.strict is True


def test_a_sealed_field_opens_only_with_its_key():
    sealer = Sealer(new_key())
    sealed = sealer.seal({"to": "robin@example.test"})

    assert "robin" not in sealed
    assert sealer.unseal(sealed) == {"to": "robin@example.test"}
    with pytest.raises(SealError):
        Sealer(new_key()).unseal(sealed)


def test_the_offset_file_moves_the_clock_for_every_reader(tmp_path):
    offset = tmp_path / "offset"
    clock = OffsetFileClock(str(offset))
    before = clock.now()

    offset.write_text(str(5 * 24 * 3600))

    assert (clock.now() - before).days == 5


def test_a_fixed_clock_moves_only_when_told():
    clock = FixedClock()
    start = clock.now()

    clock.advance(hours=2)

    assert (clock.now() - start).total_seconds() == 7200
