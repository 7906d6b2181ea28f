"""Staff schedule PHQ-9 or GAD-7 every N days until they stop it; the scheduler gives each date's
assignment once (published as assigning does), even with two schedulers at once."""

import uuid

from forms.service.reminders import ReminderMailing
from forms.service.scheduling import sweep
from portalkit.sealed import Sealer, new_key

MAILING = ReminderMailing(Sealer(new_key()), "https://portal.example")


def path(client_id, schedule_id=""):
    return f"/api/v1/staff/clients/{client_id}/recurring-assessments" + (f"/{schedule_id}" if schedule_id else "")


def given_assessments(web, signed_in, client_id):
    listed = web.get(f"/api/v1/staff/clients/{client_id}/assignments", headers=signed_in()).json["items"]
    return [(a["instrument"], a["assigned_at"][:10], a["due_on"]) for a in listed]


def test_a_schedule_gives_its_first_assessment_at_once_and_the_next_every_n_days(
    web, signed_in, client_id, clock, app, identity, events
):
    made = web.post(path(client_id), json={"template": "phq-9", "every_days": 14}, headers=signed_in())
    sweep(app.extensions["forms"].unit_of_work, identity, MAILING)  # the same day: nothing more
    clock.advance(days=14)
    sweep(app.extensions["forms"].unit_of_work, identity, MAILING)

    assert made.status_code == 201, made.json
    assert (made.json["starts_on"], made.json["next_on"], made.json["active"]) == ("2026-01-05", "2026-01-19", True)
    assert given_assessments(web, signed_in, client_id) == [
        ("phq-9", "2026-01-05", "2026-01-08"),
        ("phq-9", "2026-01-19", "2026-01-22"),
    ]
    created = [e.data for e in events("forms.assignment.created")]
    tasks = [e.data for e in events("forms.task.assigned")]
    assert [c["kind"] for c in created] == ["assessment", "assessment"]
    assert [t["task_id"] for t in tasks] == [c["assignment_id"] for c in created]
    listed = web.get(path(client_id), headers=signed_in("front_desk")).json["items"]
    assert [(s["id"], s["next_on"], s["last_assignment_id"]) for s in listed] == [
        (made.json["id"], "2026-02-02", created[1]["assignment_id"])
    ]


def test_a_schedule_starting_later_gives_nothing_before_its_first_date(web, signed_in, client_id, clock, app, identity):
    made = web.post(
        path(client_id), json={"template": "gad-7", "every_days": 7, "starts_on": "2026-01-07"}, headers=signed_in()
    )
    sweep(app.extensions["forms"].unit_of_work, identity, MAILING)
    before = given_assessments(web, signed_in, client_id)
    clock.advance(days=2)
    sweep(app.extensions["forms"].unit_of_work, identity, MAILING)

    assert made.status_code == 201
    assert before == []
    assert given_assessments(web, signed_in, client_id) == [("gad-7", "2026-01-07", "2026-01-10")]


def test_a_scheduler_that_was_down_gives_one_assessment_not_one_per_missed_date(
    web, signed_in, client_id, clock, app, identity
):
    web.post(path(client_id), json={"template": "gad-7", "every_days": 7}, headers=signed_in())

    clock.advance(days=30)
    sweep(app.extensions["forms"].unit_of_work, identity, MAILING)

    # the dates 01-12 … 02-02 were missed: one assessment, for 02-02, due 02-05; the next date after that
    assert given_assessments(web, signed_in, client_id) == [
        ("gad-7", "2026-01-05", "2026-01-08"),
        ("gad-7", "2026-02-04", "2026-02-05"),
    ]
    assert web.get(path(client_id), headers=signed_in()).json["items"][0]["next_on"] == "2026-02-09"


def test_a_stopped_schedule_gives_no_more_and_says_who_stopped_it(web, signed_in, client_id, clock, app, identity):
    starter, stopper = str(uuid.uuid4()), str(uuid.uuid4())
    made = web.post(
        path(client_id), json={"template": "phq-9", "every_days": 7}, headers=signed_in(account_id=starter)
    ).json

    stopped = web.delete(path(client_id, made["id"]), headers=signed_in("front_desk", account_id=stopper))
    again = web.delete(path(client_id, made["id"]), headers=signed_in())
    clock.advance(days=7)
    sweep(app.extensions["forms"].unit_of_work, identity, MAILING)

    assert (stopped.status_code, again.status_code) == (204, 204)
    assert len(given_assessments(web, signed_in, client_id)) == 1
    [listed] = web.get(path(client_id), headers=signed_in()).json["items"]
    assert (listed["active"], listed["next_on"], listed["stopped_by"]) == (False, None, stopper)
    assert listed["stopped_at"] == "2026-01-05T09:00:00Z"
    assert listed["created_by"] == starter
    # Starting and stopping are in the forms audit log, once each (stopping again changed nothing)
    audit = web.get(f"/api/v1/staff/forms/audit?client_id={client_id}", headers=signed_in("owner")).json["items"]
    decisions = [(a["action"], a["actor_id"]) for a in audit if a["action"].endswith("_recurring")]
    assert decisions == [("stop_recurring", stopper), ("start_recurring", starter)]


def test_only_phq9_and_gad7_recur_every_week_or_more_from_today_on(web, signed_in, client_id):
    answers = [
        web.post(path(client_id), json=body, headers=signed_in())
        for body in (
            {"template": "adult-intake", "every_days": 14},
            {"template": "phq-9", "every_days": 3},
            {"template": "phq-9", "every_days": 14, "starts_on": "2026-01-04"},
        )
    ]

    assert [a.status_code for a in answers] == [422, 422, 422]
    assert [set(a.json["errors"]) for a in answers] == [{"template"}, {"every_days"}, {"starts_on"}]


def test_who_may_schedule_and_whose_schedules(web, signed_in, client_id):
    other_practice = signed_in(practice_id="practice-elsewhere")
    made = web.post(path(client_id), json={"template": "phq-9", "every_days": 14}, headers=signed_in("front_desk"))

    assert made.status_code == 201
    assert (
        web.post(
            path(client_id), json={"template": "phq-9", "every_days": 14}, headers=signed_in("billing")
        ).status_code
        == 403
    )
    assert (
        web.post(path(str(uuid.uuid4())), json={"template": "phq-9", "every_days": 14}, headers=signed_in()).status_code
        == 404
    )
    assert web.get(path(client_id), headers=other_practice).status_code == 404
    assert web.delete(path(client_id, made.json["id"]), headers=other_practice).status_code == 404
    assert web.delete(path(str(uuid.uuid4()), made.json["id"]), headers=signed_in()).status_code == 404
    assert web.get(path(client_id), headers=signed_in()).json["items"][0]["active"] is True


def test_two_schedulers_at_once_give_each_date_once(
    web, signed_in, identity, practice, clock, events, two_schedulers_at_once
):
    client_ids = [identity.add_client(practice) for _ in range(12)]
    for client_id in client_ids:
        web.post(path(client_id), json={"template": "gad-7", "every_days": 7}, headers=signed_in())
    clock.advance(days=7)

    results = two_schedulers_at_once(batch_size=3)

    given = sorted(e.data["client_id"] for e in events("forms.assignment.created"))
    assert given == sorted(client_ids * 2)  # the first date at scheduling, the second once
    assert len(results) == 2
