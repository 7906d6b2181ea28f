"""Through the gateway, against the real stack: staff give a client PHQ-9 and GAD-7, the client saves
a draft, submits (every missing answer named first, never twice), staff read the result with its
score and risk flag (and as a PDF), and the client's dashboard lists the tasks — without the assessments once the
practice turns that feature off."""

import datetime as dt

import pytest
import requests

pytestmark = pytest.mark.e2e
FEATURE_CACHE = dt.timedelta(seconds=11)


def client_headers(portal, person):
    login = requests.post(
        portal.url("/api/v1/auth/login"), json={"email": person["email"], "password": person["password"]}, timeout=10
    )
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def assign(portal, staff, client_id, template):
    answer = staff.post(portal.url(f"/api/v1/staff/clients/{client_id}/assignments"), json={"template": template})
    assert answer.status_code == 201, answer.text
    return answer.json()


def phq9(*scores):
    return {f"phq9.{n}": score for n, score in enumerate(scores, start=1)}


@pytest.fixture
def assessments_feature(portal, clock):
    """Turns the demo practice's assessments feature on or off; on again after the test."""

    def switch(on: bool) -> None:
        answer = portal.staff_session().patch(
            portal.url("/api/v1/staff/practice/settings"), json={"features": {"assessments": on}}
        )
        assert answer.status_code == 200, answer.text
        clock.shift_clock(FEATURE_CACHE)

    yield switch
    switch(True)


def test_a_phq9_is_assigned_drafted_submitted_once_and_read_by_staff(portal, client_account):
    staff = portal.staff_session()
    person = client_account("Reese")
    headers = client_headers(portal, person)

    # Staff assign PHQ-9 to the client
    given = assign(portal, staff, person["id"], "phq-9")
    assert (given["kind"], given["status"], given["instrument"]) == ("assessment", "pending", "phq-9")

    # The client sees it among their assignments and saves part of it as a draft
    mine = requests.get(portal.url("/api/v1/assignments"), headers=headers, timeout=10).json()["items"]
    assert [item["id"] for item in mine] == [given["id"]]
    task = portal.url(f"/api/v1/assignments/{given['id']}")
    draft = requests.put(f"{task}/draft", json={"answers": phq9(2, 2)}, headers=headers, timeout=10)
    assert draft.status_code == 200, draft.text
    assert requests.get(task, headers=headers, timeout=10).json()["draft"]["answers"] == phq9(2, 2)

    # Submitting with answers missing names each of them, and saves nothing
    partial = requests.post(f"{task}/submit", json={"answers": phq9(2, 2)}, headers=headers, timeout=10)
    assert partial.status_code == 422
    assert sorted(partial.json()["errors"]) == [f"phq9.{n}" for n in range(3, 10)]

    # The whole questionnaire is scored: 2+2+2+1+1+1+1+1+1 = 12, moderate; item 9 above 0 brings crisis resources
    done = requests.post(
        f"{task}/submit", json={"answers": phq9(2, 2, 2, 1, 1, 1, 1, 1, 1)}, headers=headers, timeout=10
    )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "completed"
    assert "988" in done.json()["crisis_resources"]
    assert "score" not in done.json()  # the practice does not show clients their scores (the default)

    # Nothing can change it afterwards
    again = requests.post(
        f"{task}/submit", json={"answers": phq9(0, 0, 0, 0, 0, 0, 0, 0, 0)}, headers=headers, timeout=10
    )
    assert again.status_code == 409
    assert requests.put(f"{task}/draft", json={"answers": {}}, headers=headers, timeout=10).status_code == 409

    # Staff read the result, its score and the risk flag
    seen = staff.get(portal.url(f"/api/v1/staff/assignments/{given['id']}"))
    assert seen.status_code == 200, seen.text
    result = seen.json()
    assert result["status"] == "completed"
    assert result["answers"] == phq9(2, 2, 2, 1, 1, 1, 1, 1, 1)
    assert result["score"] == {"total": 12, "severity": "moderate"}
    assert result["risk_flag"] is True
    listed = staff.get(portal.url(f"/api/v1/staff/clients/{person['id']}/assignments")).json()["items"]
    assert [(item["id"], item["risk_flag"]) for item in listed] == [(given["id"], True)]

    # Staff download it as a PDF; the client reopening it sees the crisis resources again
    printed = staff.get(portal.url(f"/api/v1/staff/assignments/{given['id']}/submission-document"))
    assert printed.status_code == 200, printed.text
    assert printed.content.startswith(b"%PDF")
    assert printed.headers["Content-Disposition"].startswith("attachment;")
    assert "988" in requests.get(task, headers=headers, timeout=10).json()["crisis_resources"]


def test_a_gad7_is_scored_with_its_own_bands_and_no_risk_flag(portal, client_account):
    staff = portal.staff_session()
    person = client_account("Quinn")
    headers = client_headers(portal, person)
    given = assign(portal, staff, person["id"], "gad-7")
    answers = {f"gad7.{n}": 3 for n in range(1, 8)} | {"gad7.difficulty": 2}

    done = requests.post(
        portal.url(f"/api/v1/assignments/{given['id']}/submit"), json={"answers": answers}, headers=headers, timeout=10
    )

    assert done.status_code == 200, done.text
    assert "crisis_resources" not in done.json()
    result = staff.get(portal.url(f"/api/v1/staff/assignments/{given['id']}")).json()
    assert result["score"] == {"total": 21, "severity": "severe"}
    assert result["risk_flag"] is False


def test_the_dashboard_lists_the_tasks_pending_then_completed(portal, client_account):
    staff = portal.staff_session()
    person = client_account("Harper")
    headers = client_headers(portal, person)
    intake = assign(portal, staff, person["id"], "adult-intake")
    consent = assign(portal, staff, person["id"], "informed-consent")
    signed = requests.post(
        portal.url(f"/api/v1/assignments/{consent['id']}/sign"),
        json={"full_name": f"Harper {person['last_name']}", "agree": True},
        headers=headers,
        timeout=10,
    )
    assert signed.status_code == 200, signed.text

    dashboard = requests.get(portal.url("/api/v1/dashboard"), headers=headers, timeout=10).json()

    assert dashboard["tasks_unavailable"] is False
    assert [(t["id"], t["kind"], t["status"], t["url"]) for t in dashboard["tasks"]] == [
        (intake["id"], "form", "pending", f"/tasks/{intake['id']}"),
        (consent["id"], "consent", "completed", f"/tasks/{consent['id']}"),
    ]
    assert dashboard["tasks"][1]["completed_at"]


def test_turning_assessments_off_hides_assessment_tasks_on_the_dashboard(portal, client_account, assessments_feature):
    staff = portal.staff_session()
    person = client_account("Rowan")
    headers = client_headers(portal, person)
    intake = assign(portal, staff, person["id"], "adult-intake")

    phq = assign(portal, staff, person["id"], "phq-9")

    def tasks():
        dashboard = requests.get(portal.url("/api/v1/dashboard"), headers=headers, timeout=10).json()
        return [(task["id"], task["kind"]) for task in dashboard["tasks"]]

    assert tasks() == [(intake["id"], "form"), (phq["id"], "assessment")]

    assessments_feature(False)

    assert tasks() == [(intake["id"], "form")]
