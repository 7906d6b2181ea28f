"""The rules of a Good Faith Estimate: at most twelve months, checked lines, issued once, acknowledged
only as issued, revised as the next version (an acknowledged one never changes)."""

import datetime as dt

import pytest
from billing.domain.estimates import (
    Acknowledgement,
    Estimate,
    EstimateLine,
    EstimateRefused,
    EstimateStatus,
    line_problems,
    period_problems,
)

NOW = dt.datetime(2026, 12, 3, 15, 0, tzinfo=dt.UTC)
SESSIONS = EstimateLine("90834", "Psychotherapy, 45 min", 20, 15000, ("F41.1",))


def draft():
    lines = (EstimateLine("90791", "Intake", 1, 20000, ("F41.1", "Z63.0")), SESSIONS)
    return Estimate(
        "e1", "p", "c", "e1", 1, EstimateStatus.DRAFT, "Weekly therapy",
        dt.date(2027, 1, 1), dt.date(2027, 12, 31), "USD", lines, NOW, "staff",
    )  # fmt: skip


def acknowledgement(sha="a" * 64):
    return Acknowledgement("account", NOW, "127.0.0.1", "browser", sha)


def test_the_total_is_each_line_times_its_quantity_and_diagnoses_are_listed_once():
    estimate = draft()

    assert estimate.total_cents == 20000 + 20 * 15000
    assert estimate.diagnosis_codes == ("F41.1", "Z63.0")


@pytest.mark.parametrize(
    ("start", "end", "problem"),
    [
        (dt.date(2027, 1, 1), dt.date(2027, 12, 31), None),
        (dt.date(2027, 1, 1), dt.date(2028, 1, 1), "at most 12 months"),
        (dt.date(2028, 2, 29), dt.date(2029, 2, 28), None),
        (dt.date(2028, 2, 29), dt.date(2029, 3, 1), "at most 12 months"),
        (dt.date(2027, 1, 2), dt.date(2027, 1, 1), "On or after"),
    ],
)
def test_an_estimate_covers_at_most_twelve_months(start, end, problem):
    found = period_problems(start, end)

    assert [problem in message for message in found.get("period_end", [])] == ([True] if problem else [])


def test_lines_are_checked_by_field():
    bad = EstimateLine("9083", " ", 0, -1, ("F41.1", "41"))

    found = line_problems((SESSIONS, bad))

    assert set(found) == {f"lines.1.{name}" for name in ("service_code", "description", "quantity", "fee_cents")} | {
        "lines.1.diagnosis_codes"
    }
    assert line_problems(()) == {"lines": ["From 1 to 20 expected services."]}
    assert line_problems((EstimateLine("", "Group session", 4, 6000),)) == {}


def test_only_the_document_issued_is_acknowledged_and_only_once():
    estimate = draft()
    estimate.issue("staff", NOW, "a" * 64)

    with pytest.raises(EstimateRefused, match="not the estimate you were shown"):
        estimate.acknowledge(acknowledgement("b" * 64))
    estimate.acknowledge(acknowledgement())
    with pytest.raises(EstimateRefused) as again:
        estimate.acknowledge(acknowledgement())

    assert estimate.status is EstimateStatus.ACKNOWLEDGED and again.value.code == "estimate-acknowledged"


def test_an_issued_estimate_is_not_edited_but_revised_as_the_next_version():
    issued = draft()
    issued.issue("staff", NOW, "a" * 64)

    with pytest.raises(EstimateRefused):
        issued.edit("Other", (issued.period_start, issued.period_end), issued.lines)
    revised = issued.revision("e2", "staff-2", NOW)

    assert issued.status is EstimateStatus.SUPERSEDED and issued.primary_service == "Weekly therapy"
    assert (revised.id, revised.series_id, revised.version, revised.replaces) == ("e2", "e1", 2, "e1")
    assert revised.status is EstimateStatus.DRAFT and revised.document_sha256 is None


def test_revising_an_acknowledged_estimate_leaves_it_acknowledged():
    acknowledged = draft()
    acknowledged.issue("staff", NOW, "a" * 64)
    acknowledged.acknowledge(acknowledgement())

    revised = acknowledged.revision("e2", "staff", NOW)

    assert acknowledged.status is EstimateStatus.ACKNOWLEDGED and acknowledged.acknowledgement is not None
    assert revised.acknowledgement is None and revised.version == 2
