"""A late cancellation or a no-show reported by scheduling adds the practice's fee to the client's next
invoice (the newest draft, or a new one), once per event; a practice without such a fee adds nothing."""

import uuid

import pytest
from billing.events import fees_inbox
from portalkit.events import new_envelope


@pytest.fixture
def inbox(unit_of_work):
    return fees_inbox(unit_of_work)


@pytest.fixture
def missed(practice, client_id, clock):
    def missed(event_type, **extra):
        data = {
            "appointment_id": str(uuid.uuid4()),
            "client_id": client_id,
            "clinician_id": "clinician-1",
            "starts_at": "2026-12-02T15:00:00+00:00",
            "ends_at": "2026-12-02T15:50:00+00:00",
        } | extra
        return new_envelope(event_type, data, practice, clock)

    return missed


@pytest.fixture
def fees_set(web, as_staff):
    answer = web.patch(
        "/api/v1/staff/billing/settings",
        json={"late_cancel_fee_cents": 5000, "no_show_fee_cents": 7500},
        headers=as_staff,
    )
    assert answer.status_code == 200, answer.json


def invoices_of(web, as_staff, client_id):
    return web.get(f"/api/v1/staff/clients/{client_id}/billing", headers=as_staff).json["invoices"]


def test_a_late_cancellation_drafts_an_invoice_with_the_fee(web, as_staff, client_id, inbox, missed, fees_set):
    event = missed("scheduling.appointment.late_cancelled", cancelled_at="2026-12-02T10:00:00+00:00", notice_hours=24)

    inbox.handle(event)
    inbox.handle(event)

    [draft] = invoices_of(web, as_staff, client_id)
    assert draft["status"] == "draft" and draft["total_cents"] == 5000
    assert [(line["service_code"], line["date_of_service"]) for line in draft["lines"]] == [
        ("LATE-CANCEL", "2026-12-02")
    ]


def test_a_no_show_goes_on_the_draft_staff_already_started(web, as_staff, client_id, inbox, missed, fees_set):
    line = {"date_of_service": "2026-12-01", "service_code": "90834", "description": "Session", "fee_cents": 15000}
    web.post(f"/api/v1/staff/clients/{client_id}/invoices", json={"lines": [line]}, headers=as_staff)

    inbox.handle(missed("scheduling.appointment.no_show", marked_at="2026-12-02T16:00:00+00:00"))

    [draft] = invoices_of(web, as_staff, client_id)
    assert [line["service_code"] for line in draft["lines"]] == ["90834", "NO-SHOW"] and draft["total_cents"] == 22500


def test_without_a_fee_nothing_is_added(web, as_staff, client_id, inbox, missed):
    inbox.handle(missed("scheduling.appointment.no_show", marked_at="2026-12-02T16:00:00+00:00"))

    assert invoices_of(web, as_staff, client_id) == []


def test_fees_are_refused_below_zero_or_above_a_thousand(web, as_staff):
    refused = web.patch("/api/v1/staff/billing/settings", json={"no_show_fee_cents": 100_001}, headers=as_staff)

    assert refused.status_code == 422 and list(refused.json["errors"]) == ["no_show_fee_cents"]
