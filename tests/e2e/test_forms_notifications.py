"""Through the real stack: a PHQ-9 whose item 9 is above 0 makes messaging email the practice's
owner and clinicians "an assessment needs your attention" with a link to the staff page — no client
name, no score, no answer — and nothing to the front desk."""

import time

import pytest
import requests

pytestmark = pytest.mark.e2e


def client_headers(portal, person):
    login = requests.post(
        portal.url("/api/v1/auth/login"), json={"email": person["email"], "password": person["password"]}, timeout=10
    )
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def wait_for_mail_with(portal, to, link, timeout=30.0):
    """The email to `to` whose text holds `link` (other tests flag other assessments)."""
    deadline = time.monotonic() + timeout
    while True:
        found = [message for message in portal.mail_to(to) if link in text_of(message)]
        if found or time.monotonic() > deadline:
            assert found, f"no email to {to} with {link}"
            return found
        time.sleep(0.1)


def test_a_risk_flag_tells_the_owner_and_the_clinician_only_that_an_assessment_needs_attention(
    portal, client_account, staff_account
):
    clinician = staff_account("clinician")
    front_desk = staff_account("front_desk")
    person = client_account("Quinn")
    staff = portal.staff_session()
    given = staff.post(portal.url(f"/api/v1/staff/clients/{person['id']}/assignments"), json={"template": "phq-9"})
    assert given.status_code == 201, given.text
    assignment_id = given.json()["id"]

    # The client answers item 9 with 1
    answers = {f"phq9.{n}": 0 for n in range(1, 9)} | {"phq9.9": 1}
    done = requests.post(
        portal.url(f"/api/v1/assignments/{assignment_id}/submit"),
        json={"answers": answers},
        headers=client_headers(portal, person),
        timeout=10,
    )
    assert done.status_code == 200, done.text

    # The owner and the clinician are told, with the link to the staff page and nothing else
    link = f"{portal.base_url}/staff/assignments/{assignment_id}"
    (to_owner,) = wait_for_mail_with(portal, portal.staff_email, link)
    (to_clinician,) = wait_for_mail_with(portal, clinician["email"], link)
    for message in (to_owner, to_clinician):
        assert message["Subject"] == "An assessment needs your attention"
        html = message.get_body(preferencelist=("html",)).get_content()
        everything = text_of(message) + html
        assert f'href="{link}"' in html
        for private in (person["first_name"], person["last_name"], person["email"], "PHQ", "score", "answer"):
            assert private.lower() not in everything.lower()

    # The front desk cannot read results, so it is not told
    assert [m for m in portal.mail_to(front_desk["email"]) if link in text_of(m)] == []
