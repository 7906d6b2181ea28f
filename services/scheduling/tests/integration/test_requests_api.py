"""The client asks to reschedule (proposing times) or to cancel (with a reason), seeing first whether
cancelling now would be late under the practice's policy; staff approve (moving or cancelling) or
decline with a message the client reads. One open request per appointment."""


def ask(web, headers, appointment_id, **body):
    return web.post(f"/api/v1/appointments/{appointment_id}/requests", json=body, headers=headers)


def pending(web, signed_in):
    return web.get("/api/v1/staff/appointment-requests", headers=signed_in("front_desk")).json["items"]


def test_the_policy_and_whether_cancelling_now_is_late_are_shown(web, book, as_client):
    book("2026-03-03T12:00:00Z")  # 23 hours after the clock's now
    book("2026-03-04T15:00:00Z")

    seen = web.get("/api/v1/appointments", headers=as_client).json

    assert seen["cancellation_notice_hours"] == 24
    assert [a["late_if_cancelled_now"] for a in seen["upcoming"]] == [True, False]
    assert [a["request"] for a in seen["upcoming"]] == [None, None]


def test_a_reschedule_request_approved_moves_the_appointment(web, book, as_client, signed_in, events):
    made = book("2026-03-04T15:00:00Z").json["items"][0]

    asked = ask(
        web,
        as_client,
        made["id"],
        kind="reschedule",
        reason="Work trip",
        proposed_times=["2026-03-05T15:00:00Z", "2026-03-06T15:00:00Z"],
    )
    [waiting] = pending(web, signed_in)
    approved = web.post(
        f"/api/v1/staff/appointment-requests/{asked.json['id']}/approve",
        json={"starts_at": "2026-03-06T15:00:00Z", "message": "See you Friday."},
        headers=signed_in("front_desk"),
    )
    [seen] = web.get("/api/v1/appointments", headers=as_client).json["upcoming"]

    assert asked.status_code == 201, asked.json
    assert waiting["appointment"]["id"] == made["id"] and waiting["proposed_times"][1] == "2026-03-06T15:00:00Z"
    assert approved.status_code == 200 and approved.json["status"] == "approved"
    assert seen["starts_at"] == "2026-03-06T15:00:00Z"
    assert seen["request"]["status"] == "approved" and seen["request"]["message"] == "See you Friday."
    assert len(events("scheduling.appointment.rescheduled")) == 1
    assert pending(web, signed_in) == []


def test_a_late_cancel_request_is_late_however_soon_staff_answer(web, book, as_client, signed_in, events, clock):
    soon = book("2026-03-03T12:00:00Z").json["items"][0]
    asked = ask(web, as_client, soon["id"], kind="cancel", reason="Feeling unwell")
    clock.advance(minutes=30)

    approved = web.post(f"/api/v1/staff/appointment-requests/{asked.json['id']}/approve", json={}, headers=signed_in())

    assert approved.status_code == 200, approved.json
    [fee] = events("scheduling.appointment.late_cancelled")
    assert fee.data["appointment_id"] == soon["id"]
    assert "Feeling unwell" not in str(fee.data)


def test_a_declined_request_leaves_the_appointment_and_says_why(web, book, as_client, signed_in, events):
    made = book("2026-03-04T15:00:00Z").json["items"][0]
    asked = ask(web, as_client, made["id"], kind="cancel", reason="Car trouble")

    declined = web.post(
        f"/api/v1/staff/appointment-requests/{asked.json['id']}/decline",
        json={"message": "Let us switch you to video instead."},
        headers=signed_in(),
    )
    again = web.post(f"/api/v1/staff/appointment-requests/{asked.json['id']}/approve", json={}, headers=signed_in())
    [seen] = web.get("/api/v1/appointments", headers=as_client).json["upcoming"]

    assert declined.json["status"] == "declined" and again.status_code == 409
    assert seen["status"] == "booked" and seen["request"]["message"] == "Let us switch you to video instead."
    assert events("scheduling.appointment.cancelled") == []


def test_one_open_request_per_appointment_and_bad_requests_name_fields(web, book, as_client):
    made = book("2026-03-04T15:00:00Z").json["items"][0]

    first = ask(web, as_client, made["id"], kind="cancel", reason="Moving away")
    second = ask(web, as_client, made["id"], kind="reschedule", proposed_times=["2026-03-05T15:00:00Z"])
    no_times = ask(web, as_client, made["id"], kind="reschedule", proposed_times=[])
    past_time = ask(web, as_client, made["id"], kind="reschedule", proposed_times=["2026-03-01T15:00:00Z"])

    assert first.status_code == 201 and second.status_code == 409 and second.json["code"] == "request-pending"
    assert no_times.status_code == 422 and "proposed_times" in no_times.json["errors"]
    assert past_time.status_code == 422 and "proposed_times" in past_time.json["errors"]


def test_another_client_or_practice_cannot_ask_or_answer(web, book, signed_in, identity, practice, as_client):
    made = book("2026-03-04T15:00:00Z").json["items"][0]
    someone_else = signed_in("client", profile_id=identity.add_client(practice))
    asked = ask(web, as_client, made["id"], kind="cancel", reason="Sick")

    assert ask(web, someone_else, made["id"], kind="cancel").status_code == 404
    stranger = signed_in("owner", practice_id="practice-other")
    answer = web.post(
        f"/api/v1/staff/appointment-requests/{asked.json['id']}/decline", json={"message": "No"}, headers=stranger
    )
    assert answer.status_code == 404
    assert web.get("/api/v1/staff/appointment-requests", headers=stranger).json["items"] == []


def test_asking_and_answering_are_told_by_ids_without_the_reason_or_the_message(
    web, book, as_client, signed_in, events, client_id, clinician_id
):
    first = book("2026-03-04T15:00:00Z").json["items"][0]
    second = book("2026-03-05T15:00:00Z").json["items"][0]

    cancel = ask(web, as_client, first["id"], kind="cancel", reason="Feeling low after the move")
    move = ask(web, as_client, second["id"], kind="reschedule", proposed_times=["2026-03-06T15:00:00Z"])
    web.post(
        f"/api/v1/staff/appointment-requests/{cancel.json['id']}/decline",
        json={"message": "Please call us about your medication."},
        headers=signed_in("front_desk"),
    )
    web.post(
        f"/api/v1/staff/appointment-requests/{move.json['id']}/approve",
        json={"starts_at": "2026-03-06T15:00:00Z", "message": ""},
        headers=signed_in("front_desk"),
    )

    created = sorted((e.data for e in events("scheduling.request.created")), key=lambda d: d["kind"])
    answered = sorted((e.data for e in events("scheduling.request.answered")), key=lambda d: d["kind"])
    assert created == [
        {
            "request_id": cancel.json["id"],
            "appointment_id": first["id"],
            "client_id": client_id,
            "clinician_id": clinician_id,
            "kind": "cancel",
        },
        {
            "request_id": move.json["id"],
            "appointment_id": second["id"],
            "client_id": client_id,
            "clinician_id": clinician_id,
            "kind": "reschedule",
        },
    ]
    assert [(a["request_id"], a["status"]) for a in answered] == [
        (cancel.json["id"], "declined"),
        (move.json["id"], "approved"),
    ]
    assert set(answered[0]) == {"request_id", "appointment_id", "client_id", "kind", "status"}


def test_a_refused_request_tells_no_one(web, book, as_client, events):
    made = book("2026-03-04T15:00:00Z").json["items"][0]
    ask(web, as_client, made["id"], kind="cancel", reason="Away")

    again = ask(web, as_client, made["id"], kind="cancel", reason="Away")

    assert again.status_code == 409 and len(events("scheduling.request.created")) == 1
