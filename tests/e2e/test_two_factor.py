"""Two-factor sign-in against the real processes: a client sets up an authenticator app or a phone,
the password then leads to a challenge through the gateway, a texted code reaches the SMS folder
through the broker and the messaging worker, and staff reset it.

Set-up and the staff reset go to identity directly (IDENTITY_URL); answering a challenge goes
through the gateway, which routes `/api/v1/auth/mfa` without a token.
"""

import datetime as dt
import re
import time
from pathlib import Path

import pyotp
import pytest
import requests

pytestmark = pytest.mark.e2e


def login(portal, person):
    return requests.post(
        portal.url("/api/v1/auth/login"), json={"email": person["email"], "password": person["password"]}, timeout=10
    )


def bearer(tokens):
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def identity(portal, path):
    return portal.stack.env["IDENTITY_URL"] + path


def app_code(portal, secret):
    """What the authenticator app shows now on the portal's (shifted) clock."""
    return pyotp.TOTP(secret).at(time.time() + portal._offset)


def enrol_app(portal, person):
    tokens = login(portal, person).json()
    started = requests.post(identity(portal, "/api/v1/me/2fa/totp"), headers=bearer(tokens), timeout=10)
    assert started.status_code == 200, started.text
    secret = started.json()["secret"]
    confirmed = requests.post(
        identity(portal, "/api/v1/me/2fa/totp/confirm"),
        json={"code": app_code(portal, secret)},
        headers=bearer(tokens),
        timeout=10,
    )
    assert confirmed.status_code == 200, confirmed.text
    return secret, confirmed.json()["recovery_codes"]


def wait_for_text(portal, phone, count, timeout=30.0):
    """The texts written to <VAR_DIR>/sms for `phone`, once `count` have arrived, oldest first."""
    folder = Path(portal.stack.env["VAR_DIR"]) / "sms"
    deadline = time.monotonic() + timeout
    while True:
        files = sorted(folder.glob("*.txt"), key=lambda p: p.stat().st_mtime_ns) if folder.exists() else []
        texts = [f.read_text() for f in files if f.read_text().startswith(f"To: {phone}\n")]
        if len(texts) >= count or time.monotonic() > deadline:
            assert len(texts) >= count, f"{len(texts)} of {count} texts to {phone}"
            return texts


def test_with_an_app_on_the_password_leads_to_a_challenge_through_the_gateway(portal, client_account):
    person = client_account("Tova")
    enrol_app(portal, person)

    first = login(portal, person)

    assert first.status_code == 200
    assert first.json()["mfa_required"] is True
    assert first.json()["methods"] == ["totp", "recovery_code"]
    assert "access_token" not in first.json()
    assert not first.cookies.get_dict()


def test_a_phone_is_confirmed_by_a_code_the_messaging_worker_texts(portal, client_account):
    person = client_account("Pia")
    tokens = login(portal, person).json()
    phone = "+15550100" + str(int(time.time() * 1000))[-3:]

    asked = requests.post(
        identity(portal, "/api/v1/me/2fa/sms"), json={"phone": phone}, headers=bearer(tokens), timeout=10
    )
    assert asked.status_code == 202, asked.text
    (text,) = wait_for_text(portal, phone, 1)
    code = re.search(r"(\d{6}) is your code", text).group(1)
    confirmed = requests.post(
        identity(portal, "/api/v1/me/2fa/sms/confirm"), json={"code": code}, headers=bearer(tokens), timeout=10
    )

    assert "confirm this phone" in text and "Riverbend" in text
    assert confirmed.status_code == 200, confirmed.text
    assert login(portal, person).json()["methods"] == ["sms", "recovery_code"]


def test_staff_reset_a_clients_two_factor_and_the_password_is_enough_again(portal, client_account):
    person = client_account("Rue")
    enrol_app(portal, person)
    staff = portal.staff_session()

    reset = requests.post(
        identity(portal, f"/api/v1/staff/clients/{person['id']}/2fa/reset"), headers=staff.headers, timeout=10
    )

    assert reset.status_code == 200, reset.text
    assert "access_token" in login(portal, person).json()


def test_a_code_from_the_app_finishes_the_sign_in_through_the_gateway(portal, client_account):
    person = client_account("Uma")
    secret, _ = enrol_app(portal, person)
    challenge = login(portal, person).json()
    portal.shift_clock(dt.timedelta(seconds=30))  # the code used to enrol is spent for its window

    done = requests.post(
        portal.url("/api/v1/auth/mfa"),
        json={"challenge_id": challenge["challenge_id"], "method": "totp", "code": app_code(portal, secret)},
        timeout=10,
    )

    assert done.status_code == 200, done.text
    assert requests.get(portal.url("/api/v1/me"), headers=bearer(done.json()), timeout=10).status_code == 200
