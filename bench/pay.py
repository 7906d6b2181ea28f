"""Card payments per second through the gateway against the same payments straight to the billing
service, measured in the same run (every real process, the sandbox processor).

Each payment pays an invoice of its own with the client's saved 4242 card under a new Idempotency-Key.
The two paths take turns, round by round, and each figure is the best of its rounds (`--rounds`).
Prints one JSON object: {"gateway_per_s", "direct_per_s", "ratio", "payments", "rounds_gateway_per_s",
"rounds_direct_per_s", "clients", "database"}. Goal (issue 8): ratio >= 0.5.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import re
import secrets
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from portal_stack import Stack, throwaway_stack

STAFF_EMAIL = "owner@demo.test"
INVITATION = re.compile(r"/invitations/([A-Za-z0-9_\-]+)")
VERIFICATION = re.compile(r"/verify-email/([A-Za-z0-9_\-]+)")
LINE = {"date_of_service": "2026-12-01", "service_code": "90834", "description": "Session", "fee_cents": 15000}


def staff_session(base_url: str, password: str) -> requests.Session:
    session = requests.Session()
    answer = session.post(f"{base_url}/api/v1/auth/login", json={"email": STAFF_EMAIL, "password": password})
    answer.raise_for_status()
    session.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"
    session.cookies.clear()
    return session


def token_in_mail(mail_dir: Path, address: str, link: re.Pattern[str], timeout: float = 30) -> str:
    """The token of the first `link` in an email to `address` (the dev mailbox writes .eml files)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in mail_dir.glob("*.eml"):
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            body = message.get_body(("plain",))
            if address in str(message["To"]) and body and (found := link.search(str(body.get_content()))):
                return found.group(1)
        time.sleep(0.1)
    raise RuntimeError(f"no email with {link.pattern} reached {address}")


def client_with_card(stack: Stack, staff: requests.Session, mail_dir: Path) -> tuple[str, str, str]:
    """A client who accepted an invitation and saved the 4242 card: (client id, access token, card id)."""
    base = stack.env["PUBLIC_BASE_URL"]
    address = f"payer.{secrets.token_hex(4)}@example.test"
    made = staff.post(
        f"{base}/api/v1/staff/clients", json={"first_name": "Pat", "last_name": "Payer", "email": address}
    )
    made.raise_for_status()
    client_id = made.json()["id"]
    staff.post(f"{base}/api/v1/staff/clients/{client_id}/invitations", json={}).raise_for_status()
    password = f"steady river lantern {secrets.token_hex(3)}"
    agreements = {"accept_terms": True, "accept_privacy": True, "accept_electronic_notices": True}
    token = token_in_mail(mail_dir, address, INVITATION)
    requests.post(
        f"{base}/api/v1/invitations/{token}/accept", json={"password": password, **agreements}
    ).raise_for_status()
    confirm = token_in_mail(mail_dir, address, VERIFICATION)
    requests.post(f"{base}/api/v1/auth/verify-email", json={"token": confirm}).raise_for_status()
    login = requests.post(f"{base}/api/v1/auth/login", json={"email": address, "password": password})
    if login.status_code != 200:
        raise RuntimeError(f"login answered {login.status_code}: {login.text}")
    access = login.json()["access_token"]
    headers = {"Authorization": f"Bearer {access}"}
    card = {"number": "4242424242424242", "exp_month": 12, "exp_year": 2035, "cvc": "123"}
    tokenised = requests.post(f"{base}/api/v1/billing/sandbox/tokens", json=card, headers=headers)
    tokenised.raise_for_status()
    saved = requests.post(f"{base}/api/v1/billing/cards", json={"token": tokenised.json()["token"]}, headers=headers)
    saved.raise_for_status()
    return client_id, access, saved.json()["id"]


def issue_invoices(base_url: str, staff: requests.Session, client_id: str, count: int) -> list[str]:
    ids = []
    for _ in range(count):
        made = staff.post(f"{base_url}/api/v1/staff/clients/{client_id}/invoices", json={"lines": [LINE]})
        made.raise_for_status()
        staff.post(f"{base_url}/api/v1/staff/invoices/{made.json()['id']}/issue").raise_for_status()
        ids.append(made.json()["id"])
    return ids


def pay_all(base_url: str, access: str, card_id: str, invoice_ids: list[str]) -> None:
    with requests.Session() as session:
        session.headers["Authorization"] = f"Bearer {access}"
        for invoice_id in invoice_ids:
            answer = session.post(
                f"{base_url}/api/v1/billing/invoices/{invoice_id}/payments",
                json={"card_id": card_id},
                headers={"Idempotency-Key": str(uuid.uuid4())},
            )
            if answer.status_code != 201:
                raise RuntimeError(f"payment answered {answer.status_code}: {answer.text}")


def payment_rate(base_url: str, access: str, card_id: str, invoice_ids: list[str], clients: int) -> float:
    shares = [invoice_ids[n::clients] for n in range(clients)]
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for finished in [pool.submit(pay_all, base_url, access, card_id, share) for share in shares]:
            finished.result()
    return len(invoice_ids) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--payments", type=int, default=60, help="payments per path and round")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    password = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory() as home:
        settings = {"DEMO_PASSWORD": password, "DEV_MAILBOX": "true"}
        with throwaway_stack(Path(home), args.database_url, settings, workers=2) as stack:
            gateway = stack.env["PUBLIC_BASE_URL"]
            direct = stack.env["BILLING_URL"]
            staff = staff_session(gateway, password)
            client_id, access, card_id = client_with_card(stack, staff, Path(home) / "mail")
            invoices = issue_invoices(gateway, staff, client_id, 2 * args.payments * args.rounds + 6)
            pay_all(gateway, access, card_id, invoices[:3])  # warm the pools and the key caches
            pay_all(direct, access, card_id, invoices[3:6])
            batches = iter(invoices[6 + n : 6 + n + args.payments] for n in range(0, len(invoices) - 6, args.payments))
            via_gateway, straight = [], []
            for _ in range(args.rounds):
                via_gateway.append(payment_rate(gateway, access, card_id, next(batches), args.clients))
                straight.append(payment_rate(direct, access, card_id, next(batches), args.clients))
    figures = {
        "gateway_per_s": round(max(via_gateway), 1),
        "direct_per_s": round(max(straight), 1),
        "ratio": round(max(via_gateway) / max(straight), 3),
        "payments": args.payments,
        "rounds_gateway_per_s": [round(rate, 1) for rate in via_gateway],
        "rounds_direct_per_s": [round(rate, 1) for rate in straight],
        "clients": args.clients,
        "database": args.database_url.split(":", 1)[0],
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
