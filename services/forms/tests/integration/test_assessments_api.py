"""Scores over time, the practice's forms settings, and the FHIR export."""

from forms.events import PUBLISHED
from portalkit.event_schemas import check_produced
from portalkit.testing import outbox_events


def submit_phq9(web, assign, as_client, clock, value, item9=0):
    given = assign("phq-9").json
    answers = {**{f"phq9.{n}": value for n in range(1, 9)}, "phq9.9": item9, "phq9.difficulty": 2}
    assert (
        web.post(f"/api/v1/assignments/{given['id']}/submit", json={"answers": answers}, headers=as_client).status_code
        == 200
    )
    clock.advance(minutes=4)  # later, within the test tokens' 15 minutes
    return given["id"]


def test_staff_see_each_instruments_scores_over_time_with_the_bands(
    web, assign, as_client, signed_in, client_id, clock
):
    for value in (3, 2, 1):
        submit_phq9(web, assign, as_client, clock, value)

    series = web.get(f"/api/v1/staff/clients/{client_id}/scores", headers=signed_in("clinician")).json["items"]

    phq9, gad7 = series
    assert [(p["total"], p["severity"]) for p in phq9["points"]] == [
        (24, "severe"),
        (16, "moderately severe"),
        (8, "mild"),
    ]
    assert phq9["max_total"] == 27 and phq9["bands"][-1] == {"severity": "severe", "low": 20, "high": 27}
    assert (gad7["instrument"], gad7["points"]) == ("gad-7", [])
    assert web.get(f"/api/v1/staff/clients/{client_id}/scores", headers=signed_in("front_desk")).status_code == 403


def test_clients_see_their_score_only_when_the_practice_says_so(web, assign, as_client, signed_in, clock):
    hidden = submit_phq9(web, assign, as_client, clock, 1)
    assert web.get(f"/api/v1/assignments/{hidden}", headers=as_client).json["score"] is None

    changed = web.patch(
        "/api/v1/staff/forms/settings", json={"show_scores_to_clients": True}, headers=signed_in("owner")
    )
    shown = submit_phq9(web, assign, as_client, clock, 1)

    assert changed.json["show_scores_to_clients"] is True
    assert web.get(f"/api/v1/assignments/{shown}", headers=as_client).json["score"] == {"total": 8, "severity": "mild"}


def test_the_practice_words_its_own_crisis_resources(web, assign, as_client, signed_in, clock):
    default = web.get("/api/v1/staff/forms/settings", headers=signed_in("billing")).json
    assert "988" in default["crisis_resources_text"] and default["crisis_resources_is_default"] is True
    text = "Call our on-call line at 555-0100, or 988."
    assert (
        web.patch(
            "/api/v1/staff/forms/settings", json={"crisis_resources_text": text}, headers=signed_in("clinician")
        ).status_code
        == 403
    )
    web.patch("/api/v1/staff/forms/settings", json={"crisis_resources_text": text}, headers=signed_in("admin"))

    given = assign("phq-9").json
    answers = {**{f"phq9.{n}": 0 for n in range(1, 9)}, "phq9.9": 2}
    submitted = web.post(f"/api/v1/assignments/{given['id']}/submit", json={"answers": answers}, headers=as_client).json

    assert submitted["crisis_resources"] == text
    reset = web.patch(
        "/api/v1/staff/forms/settings", json={"crisis_resources_text": None}, headers=signed_in("owner")
    ).json
    assert reset["crisis_resources_is_default"] is True


def test_a_phq9_submission_exports_as_a_loinc_coded_questionnaire_response(
    web, assign, as_client, signed_in, clock, client_id
):
    assignment_id = submit_phq9(web, assign, as_client, clock, 2, item9=1)

    exported = web.get(f"/api/v1/staff/assignments/{assignment_id}/fhir", headers=signed_in("clinician"))

    assert exported.status_code == 200 and exported.mimetype == "application/fhir+json"
    resource = exported.json
    assert (resource["resourceType"], resource["status"]) == ("QuestionnaireResponse", "completed")
    assert resource["questionnaire"] == "http://loinc.org/q/44249-1"
    assert resource["meta"]["tag"][0]["code"] == "44249-1"
    assert resource["subject"] == {"reference": f"Patient/{client_id}"}
    by_id = {item["linkId"]: item for item in resource["item"]}
    assert by_id["phq9.1"]["answer"][0]["valueCoding"]["code"] == "LA6570-1"
    assert by_id["phq9.9"]["answer"][0]["valueCoding"]["code"] == "LA6569-3"
    assert by_id["phq9.total"]["definition"].endswith("44261-6")
    assert by_id["phq9.total"]["answer"] == [{"valueInteger": 17}]


def test_a_gad7_export_carries_its_panel_and_total_codes(web, assign, as_client, signed_in):
    given = assign("gad-7").json
    answers = {f"gad7.{n}": 3 for n in range(1, 8)}
    web.post(f"/api/v1/assignments/{given['id']}/submit", json={"answers": answers}, headers=as_client)

    resource = web.get(f"/api/v1/staff/assignments/{given['id']}/fhir", headers=signed_in("owner")).json

    assert resource["questionnaire"].endswith("69737-5")
    total = next(item for item in resource["item"] if item["linkId"] == "gad7.total")
    assert total["definition"].endswith("70274-6") and total["answer"] == [{"valueInteger": 21}]


def test_a_pending_assignment_cannot_be_exported(web, assign, signed_in):
    given = assign("gad-7").json
    refused = web.get(f"/api/v1/staff/assignments/{given['id']}/fhir", headers=signed_in("owner"))
    assert (refused.status_code, refused.json["code"]) == (409, "not-submitted")


def test_every_event_written_passes_its_producer_schema_and_carries_ids_only(web, assign, as_client, engine, practice):
    given = assign("phq-9").json
    answers = {**{f"phq9.{n}": 1 for n in range(1, 9)}, "phq9.9": 1}
    web.post(f"/api/v1/assignments/{given['id']}/submit", json={"answers": answers}, headers=as_client)

    written = [e for e in outbox_events(engine) if e.practice_id == practice]

    assert {e.type for e in written} <= set(PUBLISHED)
    for envelope in written:
        check_produced(envelope.type, envelope.version, envelope.data)
        assert not {"answers", "total", "severity", "title"} & set(envelope.data)


def test_operational_routes_answer(web):
    assert web.get("/healthz").json == {"status": "alive"}
    assert web.get("/metrics").status_code == 200
    paths = web.get("/openapi.json").json["paths"]
    assert (
        "/api/v1/staff/clients/{client_id}/assignments" in paths
        and "/api/v1/assignments/{assignment_id}/submit" in paths
    )


def test_a_clinician_acknowledges_a_risk_flag_once_and_it_is_audited_and_published(
    web, assign, as_client, signed_in, clock, events, client_id
):
    # Given a PHQ-9 whose item 9 raised the risk flag, and one that did not
    flagged = submit_phq9(web, assign, as_client, clock, 1, item9=2)
    calm = submit_phq9(web, assign, as_client, clock, 1)
    path = f"/api/v1/staff/assignments/{flagged}"
    clinician = "b3c1f1de-0000-4000-8000-000000000001"
    assert web.get(path, headers=signed_in("clinician")).json["risk_review"] is None

    # When a clinician acknowledges it, later a colleague too, and the front desk tries
    first = web.post(f"{path}/risk-acknowledgement", headers=signed_in("clinician", account_id=clinician))
    clock.advance(minutes=5)
    again = web.post(f"{path}/risk-acknowledgement", headers=signed_in("owner"))
    front_desk = web.post(f"{path}/risk-acknowledgement", headers=signed_in("front_desk"))
    nothing = web.post(f"/api/v1/staff/assignments/{calm}/risk-acknowledgement", headers=signed_in("clinician"))

    # Then the first acknowledgement is kept (who and when), audited and published once
    review = {
        "acknowledged_at": "2026-01-05T09:08:00Z",
        "acknowledged_by": clinician,
        "acknowledged_by_email": "clinician@example.org",
    }
    assert (first.status_code, first.json) == (200, review)
    assert (again.status_code, again.json) == (200, review)
    assert (front_desk.status_code, nothing.status_code, nothing.json["code"]) == (403, 409, "no-risk-flag")
    assert web.get(path, headers=signed_in("clinician")).json["risk_review"] == review
    published = events("forms.assessment.risk_acknowledged")
    assert [e.data for e in published] == [{"assignment_id": flagged, "client_id": client_id}]
    check_produced(published[0].type, published[0].version, published[0].data)
    audit = web.get("/api/v1/staff/forms/audit", headers=signed_in("owner")).json["items"]
    assert [(a["action"], a["actor_id"]) for a in audit if a["action"] == "acknowledge_risk"] == [
        ("acknowledge_risk", clinician)
    ]
