"""The rules of one appointment: late cancellation by the practice's notice (judged when the client
asked), the video join window, what a cancelled appointment refuses; and what a request must hold."""

import datetime as dt

import pytest
from scheduling.domain.appointment import Appointment, AppointmentClosed, AppointmentInvalid, CancelledBy, Mode, Place
from scheduling.domain.requests import AppointmentRequest, RequestClosed, RequestKind

START = dt.datetime(2026, 3, 4, 15, 0, tzinfo=dt.UTC)


def appointment(**changes):
    values = {
        "id": "a1",
        "practice_id": "p1",
        "clinician_id": "c1",
        "client_id": "k1",
        "type_name": "Session",
        "starts_at": START,
        "duration_minutes": 50,
        "mode": Mode.VIDEO,
        "location": None,
        "time_zone": "America/New_York",
        "created_at": START - dt.timedelta(days=7),
        "created_by": "s1",
        "video_room": "a-long-random-room-name",
    }
    return Appointment(**values | changes)


@pytest.mark.parametrize(("hours_before", "late"), [(24, False), (23.99, True), (48, False), (1, True)])
def test_a_client_cancelling_with_less_than_the_notice_is_late(hours_before, late):
    cancelled = appointment().cancelled(START - dt.timedelta(hours=hours_before), CancelledBy.CLIENT, 24)

    assert cancelled.late_cancellation is late


def test_the_practice_cancelling_is_never_late():
    assert appointment().cancelled(START - dt.timedelta(hours=1), CancelledBy.PRACTICE, 24).late_cancellation is False


def test_lateness_is_judged_when_the_client_asked_not_when_staff_answered():
    asked_in_time = START - dt.timedelta(hours=30)

    cancelled = appointment().cancelled(START - dt.timedelta(hours=2), CancelledBy.CLIENT, 24, asked_at=asked_in_time)

    assert cancelled.late_cancellation is False


def test_the_video_opens_ten_minutes_before_and_closes_at_the_end():
    video = appointment()

    assert [video.joinable(START + dt.timedelta(minutes=m)) for m in (-11, -10, 0, 49, 50)] == [
        False,
        True,
        True,
        True,
        False,
    ]
    assert appointment(mode=Mode.IN_PERSON, location="Room 2", video_room=None).joinable(START) is False


def test_a_cancelled_appointment_is_neither_moved_cancelled_nor_joined():
    cancelled = appointment().cancelled(START - dt.timedelta(days=2), CancelledBy.PRACTICE, 24)

    assert cancelled.joinable(START) is False
    with pytest.raises(AppointmentClosed):
        cancelled.moved(START + dt.timedelta(days=1), None, None)
    with pytest.raises(AppointmentClosed):
        cancelled.cancelled(START, CancelledBy.CLIENT, 24)


def test_in_person_needs_a_place_and_a_missed_appointment_must_have_started():
    with pytest.raises(AppointmentInvalid):
        Place(Mode.IN_PERSON, " ")
    with pytest.raises(AppointmentInvalid):
        appointment().missed(START - dt.timedelta(minutes=1))


def request(kind, times=()):
    return AppointmentRequest("r1", "p1", "a1", "k1", kind, "", tuple(times), START - dt.timedelta(days=2), "k1")


def test_a_reschedule_proposes_one_to_three_future_times_and_a_cancel_none():
    later = [START + dt.timedelta(days=d) for d in range(1, 5)]

    assert request(RequestKind.RESCHEDULE, later[:3]).proposed_times == tuple(later[:3])
    for kind, times in [
        (RequestKind.RESCHEDULE, []),
        (RequestKind.RESCHEDULE, later),
        (RequestKind.RESCHEDULE, [START - dt.timedelta(days=3)]),
        (RequestKind.CANCEL, later[:1]),
    ]:
        with pytest.raises(AppointmentInvalid):
            request(kind, times)


def test_a_request_is_answered_once():
    answered = request(RequestKind.CANCEL).decided(False, "s1", START, "Let us talk")

    with pytest.raises(RequestClosed):
        answered.decided(True, "s1", START, "")
