"""Through the gateway, against the real stack: a client adds insurance with photos of the card, the
dashboard task goes away, staff open the photo and verify the policy; another client's photo is 404;
with the practice's insurance feature off the client's paths answer 403."""

import sys
from pathlib import Path

import pytest
import requests

sys.path.insert(0, str(Path(__file__).parent))  # the billing story's helpers (tests run in importlib mode)
from test_billing_flow import client_headers

pytestmark = pytest.mark.e2e
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
POLICY = {
    "payer": "Blue Harbor Health",
    "member_id": "XJH123456789",
    "group_number": "GRP-0042",
    "plan": "PPO Gold",
    "subscriber_name": "Sky Hale",
    "subscriber_relationship": "self",
    "subscriber_date_of_birth": "1988-04-12",
}


def tasks(portal, headers):
    return [
        t["title"] for t in requests.get(portal.url("/api/v1/dashboard"), headers=headers, timeout=10).json()["tasks"]
    ]


def test_a_client_adds_insurance_with_photos_and_staff_verify_it(portal, client_account, insurance_offered):
    person = client_account("Sky")
    headers = client_headers(portal, person)
    before = tasks(portal, headers)

    saved = requests.put(portal.url("/api/v1/billing/insurance/primary"), json=POLICY, headers=headers, timeout=10)
    photo = requests.put(
        portal.url("/api/v1/billing/insurance/primary/photos/front"),
        files={"file": ("card.png", PNG, "image/png")},
        headers=headers,
        timeout=10,
    )
    after = tasks(portal, headers)
    staff = portal.staff_session()
    shown = staff.get(portal.url(f"/api/v1/staff/clients/{person['id']}/insurance/primary/photos/front"))
    verified = staff.post(portal.url(f"/api/v1/staff/clients/{person['id']}/insurance/primary/verify"))
    other = client_headers(portal, client_account("Lee"))
    elsewhere = requests.get(portal.url("/api/v1/billing/insurance/primary/photos/front"), headers=other, timeout=10)

    assert "Add your insurance details" in before and "Add your insurance details" not in after
    assert saved.status_code == 200 and photo.status_code == 200 and photo.json()["has_front"]
    assert (shown.status_code, shown.content) == (200, PNG)
    assert verified.status_code == 200 and verified.json()["verified_at"]
    assert elsewhere.status_code == 404
