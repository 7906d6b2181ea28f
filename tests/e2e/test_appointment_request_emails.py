"""Through the gateway, against the real stack: a client asks to cancel an appointment and the clinician
is emailed that a request waits (nothing about who, when or why); staff decline it with a message and the
client is emailed to look in the portal, where the message is (it is not in the email)."""

import datetime as dt

import pytest
import requests

pytestmark = pytest.mark.e2e


def test_staff_hear_of_a_request_and_the_client_of_the_answer_by_email(portal, client_account):
    staff = portal.staff_session()
    owner_id = staff.get(portal.url("/api/v1/me")).json()["account_id"]
    person = client_account("Jordan")
    starts_at = (dt.datetime.now(dt.UTC) + dt.timedelta(days=5)).replace(hour=15, minute=0, second=0, microsecond=0)
    booked = staff.post(
        portal.url("/api/v1/staff/appointments"),
        json={
            "clinician_id": owner_id,
            "client_id": person["id"],
            "type_name": "Couples counselling",
            "duration_minutes": 50,
            "mode": "video",
            "starts_at": starts_at.isoformat(),
        },
    )
    assert booked.status_code == 201, booked.text
    login = requests.post(
        portal.url("/api/v1/auth/login"), json={"email": person["email"], "password": person["password"]}, timeout=10
    )
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}

    asked = requests.post(
        portal.url(f"/api/v1/appointments/{booked.json()['items'][0]['id']}/requests"),
        json={"kind": "cancel", "reason": "My partner is in hospital"},
        headers=headers,
        timeout=10,
    )
    assert asked.status_code == 201, asked.text
    to_staff = portal.wait_for_mail_about(portal.staff_email, "A client asked to cancel an appointment")
    declined = staff.post(
        portal.url(f"/api/v1/staff/appointment-requests/{asked.json()['id']}/decline"),
        json={"message": "Please call us so we can find another time."},
    )
    assert declined.status_code == 200, declined.text
    to_client = portal.wait_for_mail_about(person["email"], "replied to your request")

    staff_text = to_staff.get_body(preferencelist=("plain",)).get_content()
    client_text = to_client.get_body(preferencelist=("plain",)).get_content()
    assert portal.url("/staff/appointments") in staff_text and portal.url("/appointments") in client_text
    assert "could not cancel your appointment" in client_text
    for text in (staff_text, client_text):
        assert "hospital" not in text and "Couples" not in text and "call us" not in text
        assert person["last_name"] not in text
