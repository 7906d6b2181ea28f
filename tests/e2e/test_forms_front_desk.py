"""Through the gateway, with the real processes: the front desk follows a client's forms (assign,
status) but never reads the answers, the scores, the signed PDF or the FHIR export."""

import pytest
import requests

pytestmark = pytest.mark.e2e


def front_desk_session(portal, staff_account) -> requests.Session:
    desk = staff_account("front_desk")
    login = requests.post(
        portal.url("/api/v1/auth/login"), json={"email": desk["email"], "password": desk["password"]}, timeout=10
    )
    assert login.status_code == 200, login.text
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
    assert session.get(portal.url("/api/v1/me")).json()["role"] == "front_desk"
    return session


def test_the_front_desk_sees_that_a_phq9_was_completed_but_not_its_answers(
    portal, client_account, staff_account
) -> None:
    client = client_account("Dana")
    desk = front_desk_session(portal, staff_account)
    client_path = portal.url(f"/api/v1/staff/clients/{client['id']}")

    # The front desk assigns PHQ-9 and the client answers it, item 9 above 0
    given = desk.post(f"{client_path}/assignments", json={"template": "phq-9"})
    assert given.status_code == 201, given.text
    assignment_id = given.json()["id"]
    login = requests.post(
        portal.url("/api/v1/auth/login"), json={"email": client["email"], "password": client["password"]}, timeout=10
    )
    answers = {f"phq9.{n}": 1 for n in range(1, 10)}
    submitted = requests.post(
        portal.url(f"/api/v1/assignments/{assignment_id}/submit"),
        json={"answers": answers},
        headers={"Authorization": f"Bearer {login.json()['access_token']}"},
        timeout=10,
    )
    assert submitted.status_code == 200, submitted.text

    # Then the front desk sees it completed, and nothing clinical
    seen = desk.get(portal.url(f"/api/v1/staff/assignments/{assignment_id}"))
    assert seen.status_code == 200, seen.text
    assert seen.json()["status"] == "completed"
    assert not {"answers", "score", "risk_flag", "template_version", "signature"} & seen.json().keys()
    listed = desk.get(f"{client_path}/assignments").json()["items"]
    assert [item["status"] for item in listed] == ["completed"]
    for path in (f"{client_path}/scores", portal.url(f"/api/v1/staff/assignments/{assignment_id}/fhir")):
        refused = desk.get(path)
        assert refused.status_code == 403, (path, refused.text)

    # While the owner reads the answers, the score and the risk flag
    full = portal.staff_session().get(portal.url(f"/api/v1/staff/assignments/{assignment_id}")).json()
    assert full["answers"]["phq9.9"] == 1
    assert full["score"] == {"total": 9, "severity": "mild"}
    assert full["risk_flag"] is True
