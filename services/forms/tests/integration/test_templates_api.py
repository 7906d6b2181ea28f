"""The practice's form library: built-ins, copies, the practice's own templates and their versions."""

import dataclasses

from forms.domain.builtins import BUILTINS


def test_the_library_lists_every_builtin_then_the_practices_own(web, signed_in):
    owner = signed_in("owner")
    web.post("/api/v1/staff/templates/copies", json={"builtin": "adult-intake", "title": "Our intake"}, headers=owner)

    items = web.get("/api/v1/staff/templates", headers=signed_in("front_desk")).json["items"]

    assert [i["key"] for i in items[:7]] == [
        "adult-intake",
        "minor-intake",
        "informed-consent",
        "practice-policies",
        "privacy-acknowledgement",
        "phq-9",
        "gad-7",
    ]
    assert [(i["title"], i["copied_from"], i["builtin"]) for i in items[7:]] == [("Our intake", "adult-intake", False)]
    assert web.get("/api/v1/staff/templates", headers=signed_in("billing")).status_code == 403


def test_a_builtin_reads_with_its_questions_and_digest(web, signed_in):
    phq9 = web.get("/api/v1/staff/templates/phq-9", headers=signed_in("clinician")).json
    assert phq9["instrument"] == "phq-9" and len(phq9["content_sha256"]) == 64
    assert phq9["content"]["items"][1] | {"text": ""} == {
        "link_id": "phq9.1",
        "type": "single_choice",
        "text": "",
        "required": True,
        "options": [
            {"value": 0, "label": "Not at all"},
            {"value": 1, "label": "Several days"},
            {"value": 2, "label": "More than half the days"},
            {"value": 3, "label": "Nearly every day"},
        ],
    }


def test_standard_assessments_cannot_be_copied_or_edited(web, signed_in, assign):
    owner = signed_in("owner")
    refused = web.post("/api/v1/staff/templates/copies", json={"builtin": "phq-9"}, headers=owner)
    phq9_row = assign("phq-9").json["template_id"]
    body = {"title": "x", "kind": "form", "items": []}

    assert (refused.status_code, refused.json["code"]) == (409, "template-not-copyable")
    assert web.put(f"/api/v1/staff/templates/{phq9_row}", json=body, headers=owner).status_code == 404


def test_an_edit_makes_a_new_version_and_assignments_keep_theirs(web, signed_in, client_id, as_client):
    owner = signed_in("owner")
    made = web.post(
        "/api/v1/staff/templates",
        json={
            "title": "Weekly check-in",
            "kind": "form",
            "items": [{"link_id": "sleep", "type": "scale", "text": "Sleep", "min": 1, "max": 5, "required": True}],
        },
        headers=owner,
    )
    assert made.status_code == 201 and made.headers["Location"].endswith(made.json["id"])
    first = web.post(
        f"/api/v1/staff/clients/{client_id}/assignments", json={"template": made.json["id"]}, headers=owner
    )
    edit = {
        "title": "Weekly check-in",
        "kind": "form",
        "items": [{"link_id": "mood", "type": "yes_no", "text": "Okay?"}],
    }

    edited = web.put(f"/api/v1/staff/templates/{made.json['id']}", json=edit, headers=owner).json
    second = web.post(
        f"/api/v1/staff/clients/{client_id}/assignments", json={"template": made.json["id"]}, headers=owner
    )

    assert edited["version"] == 2 and edited["version_id"] != made.json["version_id"]
    versions = [
        web.get(f"/api/v1/assignments/{a.json['id']}", headers=as_client).json["template_version"]
        for a in (first, second)
    ]
    assert [(v["number"], v["items"][0]["link_id"]) for v in versions] == [(1, "sleep"), (2, "mood")]


def test_templates_that_do_not_hold_together_are_refused_naming_the_question(web, signed_in):
    body = {
        "title": "Broken",
        "kind": "form",
        "items": [
            {"link_id": "a", "type": "single_choice", "text": "Pick"},
            {"link_id": "b", "type": "short_text", "text": "Why", "enable_when": {"item": "zzz", "equals": True}},
        ],
    }
    refused = web.post("/api/v1/staff/templates", json=body, headers=signed_in("owner"))
    assert refused.status_code == 422 and set(refused.json["errors"]) == {"items.a", "items.b"}
    consent = web.post("/api/v1/staff/templates", json={"title": "C", "kind": "consent"}, headers=signed_in("owner"))
    assert set(consent.json["errors"]) == {"document"}
    assert web.post("/api/v1/staff/templates", json=body, headers=signed_in("front_desk")).status_code == 403


def test_a_condition_shows_a_question_only_when_it_holds(web, signed_in, client_id, as_client):
    owner = signed_in("owner")
    items = [
        {"link_id": "meds", "type": "yes_no", "text": "Medication?", "required": True},
        {
            "link_id": "which",
            "type": "short_text",
            "text": "Which?",
            "required": True,
            "enable_when": {"item": "meds", "equals": True},
        },
    ]
    made = web.post(
        "/api/v1/staff/templates", json={"title": "Meds", "kind": "form", "items": items}, headers=owner
    ).json
    ids = [
        web.post(f"/api/v1/staff/clients/{client_id}/assignments", json={"template": made["id"]}, headers=owner).json[
            "id"
        ]
        for _ in range(2)
    ]

    yes = web.post(f"/api/v1/assignments/{ids[0]}/submit", json={"answers": {"meds": True}}, headers=as_client)
    no = web.post(
        f"/api/v1/assignments/{ids[1]}/submit", json={"answers": {"meds": False, "which": "x"}}, headers=as_client
    )

    assert yes.status_code == 422 and yes.json["errors"] == {"which": ["An answer is required."]}
    assert no.status_code == 200 and no.json["answers"] == {"meds": False}


def test_a_changed_shipped_builtin_becomes_a_new_version_for_later_assignments_only(
    web, assign, monkeypatch, as_client
):
    first = assign("privacy-acknowledgement").json
    shipped = BUILTINS["privacy-acknowledgement"]
    reworded = dataclasses.replace(shipped, document=shipped.document + "\nA new sentence.")
    monkeypatch.setitem(BUILTINS, "privacy-acknowledgement", reworded)

    second = assign("privacy-acknowledgement").json

    assert second["template_id"] == first["template_id"]
    versions = [
        web.get(f"/api/v1/assignments/{a['id']}", headers=as_client).json["template_version"] for a in (first, second)
    ]
    assert [v["number"] for v in versions] == [1, 2]
    assert versions[1]["content_sha256"] == reworded.digest() != versions[0]["content_sha256"]


def test_a_draft_may_only_name_the_forms_questions(web, assign, as_client):
    given = assign("adult-intake").json
    refused = web.put(f"/api/v1/assignments/{given['id']}/draft", json={"answers": {"nope": 1}}, headers=as_client)
    half_typed = web.put(
        f"/api/v1/assignments/{given['id']}/draft",
        json={"answers": {"about.date_of_birth": "1990-0"}},
        headers=as_client,
    )
    assert refused.status_code == 422 and list(refused.json["errors"]) == ["nope"]
    assert half_typed.status_code == 200
