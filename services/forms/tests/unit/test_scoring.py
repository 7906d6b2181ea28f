"""PHQ-9 and GAD-7 totals and bands: every band edge, and properties of totals over any answers."""

import pytest
from forms.domain.scoring import GAD7, INSTRUMENTS, PHQ9
from hypothesis import given
from hypothesis import strategies as st

PHQ9_BANDS = [
    (0, 4, "minimal"),
    (5, 9, "mild"),
    (10, 14, "moderate"),
    (15, 19, "moderately severe"),
    (20, 27, "severe"),
]
GAD7_BANDS = [(0, 4, "minimal"), (5, 9, "mild"), (10, 14, "moderate"), (15, 21, "severe")]


def answers_totalling(instrument, total):
    """Answers whose scored items add up to `total` (filled 3, 3, ..., remainder, 0, ...)."""
    values, left = {}, total
    for item in instrument.scored_items:
        values[item] = min(3, left)
        left -= values[item]
    return values


@pytest.mark.parametrize(("key", "bands"), [(PHQ9, PHQ9_BANDS), (GAD7, GAD7_BANDS)])
def test_every_total_falls_in_its_band_including_both_edges(key, bands):
    instrument = INSTRUMENTS[key]
    expected = {total: severity for low, high, severity in bands for total in range(low, high + 1)}

    assert sorted(expected) == list(range(instrument.max_total + 1))
    for total, severity in expected.items():
        score = instrument.score(answers_totalling(instrument, total))
        assert (score.total, score.severity) == (total, severity), total


@pytest.mark.parametrize(("key", "edges"), [(PHQ9, [4, 5, 9, 10, 14, 15, 19, 20]), (GAD7, [4, 5, 9, 10, 14, 15])])
def test_band_edges_change_severity_exactly_there(key, edges):
    instrument = INSTRUMENTS[key]
    for low_side, high_side in zip(edges[::2], edges[1::2], strict=True):
        assert instrument.severity_of(low_side) != instrument.severity_of(high_side)
        assert instrument.severity_of(low_side) == instrument.severity_of(low_side - 1 if low_side else 0)


@pytest.mark.parametrize("key", [PHQ9, GAD7])
def test_totals_outside_the_scale_are_refused(key):
    instrument = INSTRUMENTS[key]
    with pytest.raises(ValueError):
        instrument.severity_of(instrument.max_total + 1)
    with pytest.raises(ValueError):
        instrument.severity_of(-1)


def item_values(count):
    return st.lists(st.integers(min_value=0, max_value=3), min_size=count, max_size=count)


@given(values=item_values(9), difficulty=st.integers(min_value=0, max_value=3))
def test_phq9_total_is_the_sum_of_items_1_to_9_and_ignores_difficulty(values, difficulty):
    answers = {f"phq9.{n}": v for n, v in enumerate(values, start=1)} | {"phq9.difficulty": difficulty}

    score = INSTRUMENTS[PHQ9].score(answers)

    assert score.total == sum(values) and 0 <= score.total <= 27
    assert score.severity == INSTRUMENTS[PHQ9].severity_of(sum(values))
    assert INSTRUMENTS[PHQ9].raises_risk_flag(answers) == (values[8] > 0)


@given(values=item_values(7))
def test_gad7_total_is_the_sum_of_its_seven_items(values):
    answers = {f"gad7.{n}": v for n, v in enumerate(values, start=1)}

    score = INSTRUMENTS[GAD7].score(answers)

    assert score.total == sum(values) and 0 <= score.total <= 21
    assert not INSTRUMENTS[GAD7].raises_risk_flag(answers)


@given(values=item_values(9), item=st.integers(min_value=0, max_value=8))
def test_raising_one_item_never_lowers_the_total_or_the_band(values, item):
    instrument = INSTRUMENTS[PHQ9]
    before = instrument.score({f"phq9.{n}": v for n, v in enumerate(values, start=1)})
    values[item] = min(3, values[item] + 1)
    after = instrument.score({f"phq9.{n}": v for n, v in enumerate(values, start=1)})
    order = [band.severity for band in instrument.bands]

    assert after.total >= before.total
    assert order.index(after.severity) >= order.index(before.severity)


@pytest.mark.parametrize("bad", [4, -1, True, "2", None])
def test_an_item_outside_0_to_3_cannot_be_scored(bad):
    answers = {f"phq9.{n}": 0 for n in range(1, 10)} | {"phq9.3": bad}
    with pytest.raises(ValueError):
        INSTRUMENTS[PHQ9].score(answers)
