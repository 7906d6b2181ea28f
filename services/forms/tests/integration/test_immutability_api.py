"""Once submitted, no API call changes an assignment: each one is tried."""

import pytest

GAD7_ANSWERS = {f"gad7.{n}": 1 for n in range(1, 8)}


@pytest.fixture
def submitted(web, assign, as_client):
    given = assign("gad-7").json
    done = web.post(f"/api/v1/assignments/{given['id']}/submit", json={"answers": GAD7_ANSWERS}, headers=as_client)
    assert done.status_code == 200
    return given["id"]


@pytest.fixture
def as_stored(web, signed_in):
    return lambda assignment_id: web.get(f"/api/v1/staff/assignments/{assignment_id}", headers=signed_in("owner")).json


def test_submitting_again_is_409_and_keeps_the_first_answers(web, submitted, as_client, as_stored):
    again = web.post(
        f"/api/v1/assignments/{submitted}/submit",
        json={"answers": {f"gad7.{n}": 3 for n in range(1, 8)}},
        headers=as_client,
    )
    assert (again.status_code, again.json["code"]) == (409, "assignment-submitted")
    assert as_stored(submitted)["answers"] == GAD7_ANSWERS


def test_every_call_that_could_change_it_is_refused(web, submitted, as_client, signed_in, as_stored):
    before = as_stored(submitted)
    attempts = [
        web.put(f"/api/v1/assignments/{submitted}/draft", json={"answers": {"gad7.1": 3}}, headers=as_client),
        web.post(f"/api/v1/assignments/{submitted}/submit", json={"answers": {}}, headers=as_client),
        web.post(f"/api/v1/assignments/{submitted}/sign", json={"full_name": "R", "agree": True}, headers=as_client),
        web.post(f"/api/v1/staff/assignments/{submitted}/withdraw", headers=signed_in("owner")),
    ]

    assert [a.status_code for a in attempts] == [409, 409, 409, 409]
    assert {a.json["code"] for a in attempts} == {"assignment-submitted"}
    after = as_stored(submitted)
    assert (after["answers"], after["score"], after["status"]) == (before["answers"], before["score"], "completed")


def test_paths_without_a_write_method_refuse_writes(web, submitted, as_client, signed_in):
    assert web.delete(f"/api/v1/assignments/{submitted}", headers=as_client).status_code == 405
    assert web.patch(f"/api/v1/assignments/{submitted}", json={}, headers=as_client).status_code == 405
    assert web.put(f"/api/v1/staff/assignments/{submitted}", json={}, headers=signed_in("owner")).status_code == 405


def test_editing_the_template_leaves_the_submission_on_its_version(web, signed_in, client_id, as_client, as_stored):
    owner = signed_in("owner")
    made = web.post(
        "/api/v1/staff/templates",
        json={"title": "Check-in", "kind": "form", "items": [{"link_id": "q", "type": "short_text", "text": "How?"}]},
        headers=owner,
    ).json
    given = web.post(
        f"/api/v1/staff/clients/{client_id}/assignments", json={"template": made["id"]}, headers=owner
    ).json
    web.post(f"/api/v1/assignments/{given['id']}/submit", json={"answers": {"q": "fine"}}, headers=as_client)

    edit = {"title": "Check-in v2", "kind": "form", "items": [{"link_id": "r", "type": "yes_no", "text": "Well?"}]}
    assert web.put(f"/api/v1/staff/templates/{made['id']}", json=edit, headers=owner).status_code == 200

    stored = as_stored(given["id"])
    assert stored["template_version"]["number"] == 1 and stored["template_version"]["title"] == "Check-in"
    assert stored["answers"] == {"q": "fine"}
