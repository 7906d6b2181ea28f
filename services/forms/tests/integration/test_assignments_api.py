"""Staff assign, clients fill in several sittings and submit, staff read the result: the contract paths."""

from forms.adapters.orm import audit_reads
from sqlalchemy import select

PHQ9_MILD = {**{f"phq9.{n}": 1 for n in range(1, 9)}, "phq9.9": 0, "phq9.difficulty": 1}


def test_staff_assign_phq9_and_the_client_sees_it_pending_with_its_due_date(web, assign, as_client, client_id, clock):
    given = assign("phq-9", due_on="2026-01-12")

    assert given.status_code == 201, given.json
    assert given.headers["Location"].endswith(f"/api/v1/staff/assignments/{given.json['id']}")
    assert (given.json["kind"], given.json["instrument"], given.json["status"]) == ("assessment", "phq-9", "pending")
    mine = web.get("/api/v1/assignments", headers=as_client).json["items"]
    assert [(a["id"], a["status"], a["due_on"]) for a in mine] == [(given.json["id"], "pending", "2026-01-12")]


def test_assigning_publishes_the_assignment_and_the_clients_task_with_ids_only(assign, events, client_id):
    given = assign("adult-intake").json

    created = events("forms.assignment.created")
    task = events("forms.task.assigned")
    assert [e.data["assignment_id"] for e in created] == [given["id"]]
    assert created[0].data["client_id"] == client_id and created[0].data["kind"] == "form"
    assert [e.data for e in task] == [{"client_id": client_id, "task_kind": "form", "task_id": given["id"]}]
    assert created[0].occurred_at == task[0].occurred_at


def test_a_draft_is_saved_and_resumed_then_submitted(web, assign, as_client):
    given = assign("phq-9").json
    path = f"/api/v1/assignments/{given['id']}"

    saved = web.put(f"{path}/draft", json={"answers": {"phq9.1": 2, "phq9.2": 1}}, headers=as_client)
    assert saved.status_code == 200, saved.json
    opened = web.get(path, headers=as_client).json
    assert opened["draft"]["answers"] == {"phq9.1": 2, "phq9.2": 1}
    assert [item["link_id"] for item in opened["template_version"]["items"]][1:3] == ["phq9.1", "phq9.2"]

    submitted = web.post(f"{path}/submit", json={"answers": PHQ9_MILD}, headers=as_client)
    assert submitted.status_code == 200, submitted.json
    assert submitted.json["status"] == "completed" and "crisis_resources" not in submitted.json
    assert "score" not in submitted.json  # clients do not see scores unless the practice says so
    listed = web.get("/api/v1/assignments", headers=as_client).json["items"]
    assert listed[0]["status"] == "completed" and listed[0]["completed_at"] == "2026-01-05T09:00:00Z"


def test_submit_names_every_missing_and_invalid_answer_and_saves_nothing(web, assign, as_client, signed_in):
    given = assign("phq-9").json
    answers = {"phq9.1": 4, "phq9.2": "2", "phq9.3": 1, "phq9.unknown": 1}

    refused = web.post(f"/api/v1/assignments/{given['id']}/submit", json={"answers": answers}, headers=as_client)

    assert refused.status_code == 422
    assert refused.headers["Content-Type"] == "application/problem+json"
    errors = refused.json["errors"]
    assert set(errors) == {"phq9.1", "phq9.2", "phq9.unknown", *(f"phq9.{n}" for n in range(4, 10))}
    assert errors["phq9.4"] == ["An answer is required."]
    status = web.get(f"/api/v1/staff/assignments/{given['id']}", headers=signed_in("clinician")).json
    assert (status["status"], status["answers"]) == ("pending", None)


def test_staff_read_the_score_and_risk_flag_and_every_read_is_audited(
    web, assign, as_client, signed_in, engine, events
):
    given = assign("phq-9").json
    answers = {**{f"phq9.{n}": 2 for n in range(1, 9)}, "phq9.9": 1}

    submitted = web.post(f"/api/v1/assignments/{given['id']}/submit", json={"answers": answers}, headers=as_client)
    seen = web.get(f"/api/v1/staff/assignments/{given['id']}", headers=signed_in("clinician"))

    assert "988" in submitted.json["crisis_resources"]
    assert seen.json["score"] == {"total": 17, "severity": "moderately severe"}
    assert seen.json["risk_flag"] is True and seen.json["answers"] == answers
    assert [e.data for e in events("forms.assessment.risk_flagged")] == [
        {"assignment_id": given["id"], "client_id": given["client_id"]}
    ]
    assert [e.data["instrument"] for e in events("forms.assessment.completed")] == ["phq-9"]
    with engine.connect() as connection:
        rows = connection.execute(select(audit_reads).where(audit_reads.c.assignment_id == given["id"])).all()
    assert [(row.action, row.actor_role) for row in rows] == [("read_submission", "clinician")]


def test_front_desk_assigns_and_sees_status_only_billing_sees_nothing(web, assign, as_client, signed_in, client_id):
    given = assign("gad-7", headers=signed_in("front_desk")).json
    answers = {f"gad7.{n}": 0 for n in range(1, 8)}
    web.post(f"/api/v1/assignments/{given['id']}/submit", json={"answers": answers}, headers=as_client)

    front_desk = web.get(f"/api/v1/staff/assignments/{given['id']}", headers=signed_in("front_desk")).json
    assert front_desk["status"] == "completed"
    assert not {"answers", "score", "risk_flag"} & set(front_desk)
    for path in (f"/api/v1/staff/assignments/{given['id']}", f"/api/v1/staff/clients/{client_id}/assignments"):
        assert web.get(path, headers=signed_in("billing")).status_code == 403
    assert web.get(f"/api/v1/staff/assignments/{given['id']}/fhir", headers=signed_in("front_desk")).status_code == 403


def test_another_practices_staff_and_clients_get_404_for_everything(web, assign, identity, signed_in, client_id):
    given = assign("phq-9").json
    other = signed_in("owner", practice_id="practice-elsewhere")
    other_client = signed_in("client", profile_id=client_id, practice_id="practice-elsewhere")
    aid = given["id"]

    for path in (
        f"/api/v1/staff/assignments/{aid}",
        f"/api/v1/staff/assignments/{aid}/fhir",
        f"/api/v1/staff/assignments/{aid}/signed-document",
        f"/api/v1/staff/clients/{client_id}/assignments",
        f"/api/v1/staff/clients/{client_id}/scores",
    ):
        assert web.get(path, headers=other).status_code == 404, path
    assert (
        web.post(
            f"/api/v1/staff/clients/{client_id}/assignments", json={"template": "phq-9"}, headers=other
        ).status_code
        == 404
    )
    assert web.post(f"/api/v1/staff/assignments/{aid}/withdraw", headers=other).status_code == 404
    assert web.get(f"/api/v1/assignments/{aid}", headers=other_client).status_code == 404
    assert web.put(f"/api/v1/assignments/{aid}/draft", json={"answers": {}}, headers=other_client).status_code == 404
    assert web.get("/api/v1/assignments", headers=other_client).json["items"] == []


def test_another_client_of_the_same_practice_gets_404(web, assign, identity, practice, signed_in):
    given = assign("phq-9").json
    someone_else = signed_in("client", profile_id=identity.add_client(practice))

    assert web.get(f"/api/v1/assignments/{given['id']}", headers=someone_else).status_code == 404
    assert (
        web.post(f"/api/v1/assignments/{given['id']}/submit", json={"answers": {}}, headers=someone_else).status_code
        == 404
    )


def test_a_packet_assigns_several_templates_at_once(web, signed_in, client_id, as_client, events):
    body = {"templates": ["adult-intake", "informed-consent", "phq-9", "gad-7"], "due_on": "2026-01-20"}

    packet = web.post(f"/api/v1/staff/clients/{client_id}/packets", json=body, headers=signed_in("front_desk"))

    assert packet.status_code == 201, packet.json
    assert [a["kind"] for a in packet.json["items"]] == ["form", "consent", "assessment", "assessment"]
    assert {a["packet_id"] for a in packet.json["items"]} == {packet.json["packet_id"]}
    assert [e.data["task_kind"] for e in events("forms.task.assigned")] == [
        "form",
        "consent",
        "assessment",
        "assessment",
    ]
    assert len(web.get("/api/v1/assignments", headers=as_client).json["items"]) == 4


def test_unknown_templates_clients_and_past_due_dates_are_refused(web, assign, signed_in, practice):
    assert assign("no-such-template").status_code == 404
    assert assign("phq-9", client="6a1f1d2e-0000-4000-8000-000000000000").status_code == 404
    late = assign("phq-9", due_on="2026-01-04")
    assert late.status_code == 422 and "due_on" in late.json["errors"]
    assert assign("phq-9", extra=True).status_code == 422


def test_a_withdrawn_assignment_leaves_the_clients_list(web, assign, as_client, signed_in, events):
    given = assign("gad-7").json

    withdrawn = web.post(f"/api/v1/staff/assignments/{given['id']}/withdraw", headers=signed_in("front_desk"))

    assert withdrawn.json["status"] == "withdrawn"
    assert web.get("/api/v1/assignments", headers=as_client).json["items"] == []
    assert web.get(f"/api/v1/assignments/{given['id']}", headers=as_client).status_code == 404
    assert len(events("forms.assignment.withdrawn")) == 1


def test_staff_tokens_cannot_use_client_paths_and_clients_cannot_use_staff_paths(web, assign, as_client, signed_in):
    given = assign("phq-9").json
    assert web.get("/api/v1/assignments", headers=signed_in("owner")).status_code == 403
    assert web.get(f"/api/v1/staff/assignments/{given['id']}", headers=as_client).status_code == 403
    assert web.get("/api/v1/assignments").status_code == 401
    no_profile = signed_in("client")
    assert web.get("/api/v1/assignments", headers=no_profile).json["code"] == "profile-required"


def test_a_kind_the_practice_turned_off_is_hidden_from_the_client_and_refused(web, assign, as_client, identity):
    assessment, form = assign("phq-9").json, assign("adult-intake").json
    identity.features_off.add("assessments")

    listed = web.get("/api/v1/assignments", headers=as_client).json["items"]
    opened = web.get(f"/api/v1/assignments/{assessment['id']}", headers=as_client)
    submitted = web.post(
        f"/api/v1/assignments/{assessment['id']}/submit", json={"answers": PHQ9_MILD}, headers=as_client
    )

    assert [a["id"] for a in listed] == [form["id"]]
    assert (opened.status_code, opened.json["code"], opened.json["feature"]) == (403, "feature-off", "assessments")
    assert submitted.status_code == 403


def test_a_built_in_can_be_assigned_by_the_id_the_template_list_gives_it(web, assign, signed_in):
    first = assign("gad-7").json
    listed = web.get("/api/v1/staff/templates", headers=signed_in("clinician")).json["items"]
    row_id = next(t["id"] for t in listed if t["key"] == "gad-7")

    again = assign(row_id)

    assert again.status_code == 201, again.json
    assert again.json["template_version_id"] == first["template_version_id"]
