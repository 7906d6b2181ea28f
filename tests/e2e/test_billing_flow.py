"""Through the gateway, against the real stack: a client saves the 4242 sandbox card and enrols in
autopay; staff issue an invoice and the billing worker pays it; with the 0002 card autopay is declined
and the client pays by hand with another card. The card number goes only to the sandbox's path. Staff
refund part of a 4242 payment, then the rest; a third refund is refused, a replayed key answers the first."""

import datetime as dt
import re
import secrets
import time
import uuid

import pytest
import requests

pytestmark = pytest.mark.e2e
SESSION = {"date_of_service": "2026-12-01", "service_code": "90834", "description": "Psychotherapy, 45 min"}


def client_headers(portal, person):
    login = requests.post(
        portal.url("/api/v1/auth/login"), json={"email": person["email"], "password": person["password"]}, timeout=10
    )
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def save_card(portal, headers, number):
    card = {"number": number, "exp_month": 12, "exp_year": 2035, "cvc": "123"}
    token = requests.post(portal.url("/api/v1/billing/sandbox/tokens"), json=card, headers=headers, timeout=10)
    assert token.status_code == 201, token.text
    saved = requests.post(
        portal.url("/api/v1/billing/cards"), json={"token": token.json()["token"]}, headers=headers, timeout=10
    )
    assert saved.status_code == 201, saved.text
    return saved.json()


def enroll(portal, headers, card):
    consent = requests.get(portal.url("/api/v1/billing/autopay"), headers=headers, timeout=10).json()
    body = {"card_id": card["id"], "consent_version": consent["consent_version"]}
    enrolled = requests.put(portal.url("/api/v1/billing/autopay"), json=body, headers=headers, timeout=10)
    assert enrolled.status_code == 200, enrolled.text


def issue_invoice(portal, client_id, fee_cents):
    staff = portal.staff_session()
    made = staff.post(
        portal.url(f"/api/v1/staff/clients/{client_id}/invoices"), json={"lines": [SESSION | {"fee_cents": fee_cents}]}
    )
    assert made.status_code == 201, made.text
    issued = staff.post(portal.url(f"/api/v1/staff/invoices/{made.json()['id']}/issue"))
    assert issued.status_code == 200, issued.text
    return issued.json()


def wait_for_payments(portal, client_id, count, timeout=30):
    """The client's payment attempts as staff see them, once `count` have settled."""
    staff, deadline = portal.staff_session(), time.monotonic() + timeout
    while time.monotonic() < deadline:
        account = staff.get(portal.url(f"/api/v1/staff/clients/{client_id}/billing")).json()
        settled = [p for p in account["payments"] if p["status"] != "pending"]
        if len(settled) >= count:
            return account
        time.sleep(0.2)
    raise AssertionError(f"no {count} settled payments for {client_id}")


def test_autopay_pays_an_issued_invoice_with_the_4242_card(portal, client_account, autopay_offered):
    person = client_account("Avery")
    headers = client_headers(portal, person)
    card = save_card(portal, headers, "4242 4242 4242 4242")
    asked = requests.get(portal.url("/api/v1/dashboard"), headers=headers, timeout=10).json()["tasks"]
    enroll(portal, headers, card)
    done = requests.get(portal.url("/api/v1/dashboard"), headers=headers, timeout=10).json()["tasks"]

    invoice = issue_invoice(portal, person["id"], 14000)
    account = wait_for_payments(portal, person["id"], 1)

    assert [t["title"] for t in asked if t["kind"] == "autopay"] == ["Enroll in autopay"]
    assert [t for t in done if t["kind"] == "autopay"] == []
    [payment] = account["payments"]
    assert payment["status"] == "succeeded" and payment["autopay"] is True and payment["invoice_id"] == invoice["id"]
    assert account["balance_cents"] == 0 and account["cards"][0]["last4"] == "4242"
    mine = requests.get(portal.url("/api/v1/billing/invoices"), headers=headers, timeout=10).json()
    assert [i["id"] for i in mine["paid"]] == [invoice["id"]] and mine["balance_cents"] == 0
    logs = " ".join(path.read_text(errors="replace") for path in (portal.mail_dir.parent / "logs").glob("*"))
    assert "4242424242424242" not in logs and "4242 4242 4242 4242" not in logs


def test_a_declined_autopay_is_paid_by_hand_with_another_card(portal, client_account, autopay_offered):
    person = client_account("Rowan")
    headers = client_headers(portal, person)
    enroll(portal, headers, save_card(portal, headers, "4000 0000 0000 0002"))

    invoice = issue_invoice(portal, person["id"], 9000)
    declined = wait_for_payments(portal, person["id"], 1)["payments"][0]
    other = save_card(portal, headers, "5555 5555 5555 4444")
    key = {"Idempotency-Key": secrets.token_hex(8)}
    paid = requests.post(
        portal.url(f"/api/v1/billing/invoices/{invoice['id']}/payments"),
        json={"card_id": other["id"]},
        headers=headers | key,
        timeout=10,
    )
    replayed = requests.post(
        portal.url(f"/api/v1/billing/invoices/{invoice['id']}/payments"),
        json={"card_id": other["id"]},
        headers=headers | key,
        timeout=10,
    )

    assert declined["status"] == "failed" and declined["decline_code"] == "card_declined" and declined["autopay"]
    assert paid.status_code == 201, paid.text
    assert replayed.status_code == 201 and replayed.json() == paid.json()
    assert (
        requests.get(portal.url("/api/v1/billing/invoices"), headers=headers, timeout=10).json()["balance_cents"] == 0
    )
    told = portal.wait_for_mail_about(person["email"], "did not go through")
    body = told.get_body(preferencelist=("plain",)).get_content()
    assert "please sign in to pay" in body and re.search(r"https?://\S+/billing\b", body)
    assert "90.00" not in body and "0002" not in body and "9000" not in body
    assert len([m for m in portal.mail_to(person["email"]) if "did not go through" in str(m["Subject"])]) == 1


def test_the_dashboard_shows_the_open_balance_and_asks_for_autopay_only_when_offered(portal, client_account):
    person = client_account("Quinn")
    headers = client_headers(portal, person)
    issue_invoice(portal, person["id"], 12000)

    dashboard = requests.get(portal.url("/api/v1/dashboard"), headers=headers, timeout=10).json()

    assert dashboard["billing"] == {
        "open_balance_cents": 12000,
        "currency": "USD",
        "open_invoices": 1,
        "autopay_enrolled": None,
        "insurance_added": None,  # the e2e practice does not offer insurance (conftest)
        "estimates_to_review": None,  # nor Good Faith Estimates
    }
    assert "autopay" not in [task["kind"] for task in dashboard["tasks"]]
    assert "Add your insurance details" not in [task["title"] for task in dashboard["tasks"]]
    refused = requests.put(portal.url("/api/v1/billing/autopay"), json={}, headers=headers, timeout=10)
    assert refused.status_code == 403 and refused.json()["feature"] == "autopay"


def test_a_no_show_puts_the_practices_fee_on_the_next_invoice(portal, client_account, clock):
    person = client_account("Sasha")
    staff = portal.staff_session()
    fees = staff.patch(portal.url("/api/v1/staff/billing/settings"), json={"no_show_fee_cents": 6000})
    assert fees.status_code == 200, fees.text
    owner_id = staff.get(portal.url("/api/v1/me")).json()["account_id"]
    starts_at = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).replace(microsecond=0)
    booked = staff.post(
        portal.url("/api/v1/staff/appointments"),
        json={
            "clinician_id": owner_id,
            "client_id": person["id"],
            "type_name": "Individual session",
            "duration_minutes": 50,
            "mode": "video",
            "starts_at": starts_at.isoformat(),
        },
    )
    assert booked.status_code == 201, booked.text

    clock.shift_clock(dt.timedelta(hours=1, minutes=10))
    staff = portal.staff_session()
    missed = staff.post(portal.url(f"/api/v1/staff/appointments/{booked.json()['items'][0]['id']}/no-show"))
    assert missed.status_code == 200, missed.text

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        invoices = staff.get(portal.url(f"/api/v1/staff/clients/{person['id']}/billing")).json()["invoices"]
        if invoices:
            break
        time.sleep(0.2)
    [draft] = invoices
    assert draft["status"] == "draft" and draft["total_cents"] == 6000
    assert [line["service_code"] for line in draft["lines"]] == ["NO-SHOW"]
    staff.patch(portal.url("/api/v1/staff/billing/settings"), json={"no_show_fee_cents": 0})


def refund(staff, portal, payment_id, amount_cents, key=None):
    return staff.post(
        portal.url(f"/api/v1/staff/payments/{payment_id}/refunds"),
        json={"amount_cents": amount_cents, "reason": "Session cancelled by the practice"},
        headers={"Idempotency-Key": key or str(uuid.uuid4())},
    )


def test_staff_refund_part_then_the_rest_of_a_4242_payment(portal, client_account, staff_account, receipts_offered):
    person = client_account("Rowan")
    headers = client_headers(portal, person)
    card = save_card(portal, headers, "4242 4242 4242 4242")
    invoice = issue_invoice(portal, person["id"], 12000)
    paid = requests.post(
        portal.url(f"/api/v1/billing/invoices/{invoice['id']}/payments"),
        json={"card_id": card["id"]},
        headers=headers | {"Idempotency-Key": str(uuid.uuid4())},
        timeout=10,
    )
    assert paid.status_code == 201, paid.text
    payment = paid.json()
    staff = portal.staff_session()
    clinician = staff_account("clinician")

    part = refund(staff, portal, payment["id"], 2000, key="refund-part")
    replayed = refund(staff, portal, payment["id"], 2000, key="refund-part")
    rest = refund(staff, portal, payment["id"], 10000)
    third = refund(staff, portal, payment["id"], 1)
    refused = refund(portal.session_of(clinician["email"], clinician["password"]), portal, payment["id"], 100)

    assert part.status_code == 201 and part.json()["remaining_cents"] == 10000
    assert replayed.status_code == 201 and replayed.json() == part.json()
    assert replayed.headers["Idempotent-Replayed"] == "true"
    assert rest.status_code == 201 and rest.json()["remaining_cents"] == 0
    assert third.status_code == 422 and list(third.json()["errors"]) == ["amount_cents"]
    assert refused.status_code == 403
    mine = requests.get(portal.url("/api/v1/billing/invoices"), headers=headers, timeout=10).json()
    [receipt] = requests.get(portal.url("/api/v1/billing/receipts"), headers=headers, timeout=10).json()["items"]
    assert mine["balance_cents"] == 12000 and [i["id"] for i in mine["open"]] == [invoice["id"]]
    assert receipt["refunded_cents"] == 12000 and sorted(r["amount_cents"] for r in receipt["refunds"]) == [2000, 10000]
    told = portal.wait_for_mail_about(person["email"], "A refund was issued", count=2)
    plain = told.get_body(preferencelist=("plain",)).get_content()
    assert "issued a refund to the card you paid with" in plain and "20.00" not in plain and "100.00" not in plain
