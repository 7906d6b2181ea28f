"""Two-factor sign-in through the API: an authenticator app or a phone, the challenge after the
first step (password, link, PIN), recovery codes, turning it off, staff resetting a client's, and
a practice that requires it of staff."""

import pyotp
from identity.adapters.orm import practices
from sqlalchemy import update

CLIENT_PASSWORD = "lanterns over the bay"


def login(http, email, password=CLIENT_PASSWORD):
    return http.post("/api/v1/auth/login", json={"email": email, "password": password})


def answer(http, challenge, method, code):
    body = {"challenge_id": challenge["challenge_id"], "method": method, "code": code}
    return http.post("/api/v1/auth/mfa", json=body)


def sign_in_events(http, staff, client):
    answer_ = http.get(f"/api/v1/staff/clients/{client['id']}/sign-in-events", headers=staff["headers"])
    assert answer_.status_code == 200
    return answer_.json["items"]


def test_an_authenticator_app_is_set_up_with_a_qr_code_and_confirmed_by_a_code(http, client_account, clock, bearer_of):
    tokens = login(http, client_account["email"]).json
    other_device = login(http, client_account["email"]).json

    started = http.post("/api/v1/me/2fa/totp", headers=bearer_of(tokens))
    secret = started.json["secret"]
    assert started.json["otpauth_uri"].startswith("otpauth://totp/")
    assert "Harbour%20Therapy" in started.json["otpauth_uri"]
    assert started.json["qr_svg"].startswith("<svg")
    assert 'xmlns="http://www.w3.org/2000/svg"' in started.json["qr_svg"]  # a standalone image
    wrong = http.post("/api/v1/me/2fa/totp/confirm", json={"code": "000000"}, headers=bearer_of(tokens))
    right = http.post(
        "/api/v1/me/2fa/totp/confirm", json={"code": pyotp.TOTP(secret).at(clock.now())}, headers=bearer_of(tokens)
    )

    assert (wrong.status_code, list(wrong.json["errors"])) == (422, ["code"])
    assert right.status_code == 200
    codes = right.json["recovery_codes"]
    assert len(codes) == len(set(codes)) == 10
    status = http.get("/api/v1/me/2fa", headers=bearer_of(tokens)).json
    assert status == {
        "enabled": True,
        "methods": ["totp", "recovery_code"],
        "phone": None,
        "recovery_codes_left": 10,
        "enrolment_required": False,
    }
    # A 2FA change ends every other session at once; the one making it stays.
    assert http.get("/api/v1/me", headers=bearer_of(tokens)).status_code == 200
    refreshed = http.post("/api/v1/auth/refresh", json={"refresh_token": other_device["refresh_token"]})
    assert refreshed.status_code == 401


def test_with_an_app_on_the_password_leads_to_a_challenge_and_a_code_finishes_the_sign_in(
    http, client_account, clock, enrol_totp, bearer_of
):
    secret, _ = enrol_totp(login(http, client_account["email"]).json)
    clock.advance(seconds=30)

    first = login(http, client_account["email"])

    assert first.status_code == 200
    assert first.json["mfa_required"] is True
    assert first.json["methods"] == ["totp", "recovery_code"]
    assert "access_token" not in first.json
    done = answer(http, first.json, "totp", pyotp.TOTP(secret).at(clock.now()))
    assert done.status_code == 200, done.json
    assert set(done.json) >= {"access_token", "refresh_token", "token_type", "expires_in"}
    me = http.get("/api/v1/me", headers=bearer_of(done.json)).json
    assert (me["account_id"], me["two_factor_enabled"]) == (client_account["account_id"], True)


def test_a_code_from_the_app_is_not_accepted_twice(http, client_account, clock, enrol_totp):
    secret, _ = enrol_totp(login(http, client_account["email"]).json)
    clock.advance(seconds=30)
    code = pyotp.TOTP(secret).at(clock.now())
    assert answer(http, login(http, client_account["email"]).json, "totp", code).status_code == 200

    replayed = answer(http, login(http, client_account["email"]).json, "totp", code)
    clock.advance(seconds=30)
    next_code = answer(http, login(http, client_account["email"]).json, "totp", pyotp.TOTP(secret).at(clock.now()))

    assert (replayed.status_code, replayed.json["code"]) == (401, "invalid-code")
    assert next_code.status_code == 200


def test_a_recovery_code_signs_in_once(http, client_account, enrol_totp, bearer_of):
    _, codes = enrol_totp(login(http, client_account["email"]).json)

    first = answer(http, login(http, client_account["email"]).json, "recovery_code", codes[0].upper())
    again = answer(http, login(http, client_account["email"]).json, "recovery_code", codes[0])

    assert first.status_code == 200
    assert again.status_code == 401
    assert http.get("/api/v1/me/2fa", headers=bearer_of(first.json)).json["recovery_codes_left"] == 9


def test_a_challenge_expires_after_five_minutes_and_is_used_once(http, client_account, clock, enrol_totp):
    secret, _ = enrol_totp(login(http, client_account["email"]).json)
    late = login(http, client_account["email"]).json
    clock.advance(minutes=5)

    expired = answer(http, late, "totp", pyotp.TOTP(secret).at(clock.now()))
    used = login(http, client_account["email"]).json
    assert answer(http, used, "totp", pyotp.TOTP(secret).at(clock.now())).status_code == 200
    twice = answer(http, used, "recovery_code", "aaaaa-aaaaa")
    unknown = answer(http, {"challenge_id": "no-such-challenge"}, "totp", "123456")

    assert (expired.status_code, expired.json["code"]) == (410, "challenge-expired")
    assert (twice.status_code, twice.json["code"]) == (410, "challenge-used")
    assert (unknown.status_code, unknown.json["code"]) == (404, "challenge-not-found")


def test_after_five_wrong_codes_even_the_right_one_fails_and_each_try_is_audited(
    http, client_account, clock, enrol_totp, staff
):
    secret, _ = enrol_totp(login(http, client_account["email"]).json)
    clock.advance(seconds=30)
    challenge = login(http, client_account["email"]).json
    right = pyotp.TOTP(secret).at(clock.now())
    wrong = "000000" if right != "000000" else "111111"

    tries = [answer(http, challenge, "totp", wrong).status_code for _ in range(5)]
    last = answer(http, challenge, "totp", right)

    assert tries == [401] * 5
    assert (last.status_code, last.json["code"]) == (410, "challenge-locked")
    events = sign_in_events(http, staff, client_account)
    attempts = [(e["method"], e["result"]) for e in events if e["kind"] == "sign_in"]
    assert attempts.count(("totp", "wrong_code")) == 5
    assert ("password", "mfa_required") in attempts
    assert any(e["kind"] == "mfa_challenge_issued" for e in events)


def test_a_method_the_account_has_not_set_up_is_refused_by_name(http, client_account, enrol_totp):
    enrol_totp(login(http, client_account["email"]).json)

    refused = answer(http, login(http, client_account["email"]).json, "sms", "123456")

    assert (refused.status_code, list(refused.json["errors"])) == (422, ["method"])


def test_a_phone_is_set_up_by_a_texted_code_and_then_texted_codes_sign_in(http, client_account, texted, bearer_of):
    tokens = login(http, client_account["email"]).json
    bad = http.post("/api/v1/me/2fa/sms", json={"phone": "555"}, headers=bearer_of(tokens))
    started = http.post("/api/v1/me/2fa/sms", json={"phone": "+1 (555) 010-0199"}, headers=bearer_of(tokens))
    (enrolment,) = texted("+15550100199")
    confirmed = http.post("/api/v1/me/2fa/sms/confirm", json={"code": enrolment["code"]}, headers=bearer_of(tokens))

    assert (bad.status_code, list(bad.json["errors"])) == (422, ["phone"])
    assert started.status_code == 202
    assert started.json["phone"].endswith("99")
    assert set(enrolment) == {"to", "code", "expires_at", "practice_name", "purpose"}
    assert (enrolment["practice_name"], enrolment["purpose"]) == ("Harbour Therapy", "enrolment")
    assert confirmed.status_code == 200 and len(confirmed.json["recovery_codes"]) == 10

    challenge = login(http, client_account["email"]).json
    assert challenge["methods"] == ["sms", "recovery_code"]
    assert http.post("/api/v1/auth/mfa/sms", json={"challenge_id": challenge["challenge_id"]}).status_code == 202
    sign_in_code = texted("+15550100199")[-1]
    assert sign_in_code["purpose"] == "sign_in"
    done = answer(http, challenge, "sms", sign_in_code["code"])
    assert done.status_code == 200, done.json


def test_only_three_codes_are_texted_for_one_challenge(http, client_account, texted, bearer_of):
    tokens = login(http, client_account["email"]).json
    http.post("/api/v1/me/2fa/sms", json={"phone": "+447700900123"}, headers=bearer_of(tokens))
    http.post("/api/v1/me/2fa/sms/confirm", json={"code": texted()[-1]["code"]}, headers=bearer_of(tokens))
    challenge = {"challenge_id": login(http, client_account["email"]).json["challenge_id"]}

    statuses = [http.post("/api/v1/auth/mfa/sms", json=challenge).status_code for _ in range(4)]

    assert statuses == [202, 202, 202, 429]


def test_turning_it_off_needs_the_password_and_then_the_password_is_enough(http, client_account, enrol_totp, bearer_of):
    tokens = login(http, client_account["email"]).json
    enrol_totp(tokens)

    wrong = http.delete("/api/v1/me/2fa", json={"current_password": "not my password"}, headers=bearer_of(tokens))
    right = http.delete("/api/v1/me/2fa", json={"current_password": CLIENT_PASSWORD}, headers=bearer_of(tokens))

    assert (wrong.status_code, list(wrong.json["errors"])) == (422, ["current_password"])
    assert right.status_code == 204
    assert "access_token" in login(http, client_account["email"]).json


def test_staff_reset_a_clients_two_factor_and_every_session_ends(http, client_account, enrol_totp, staff, bearer_of):
    tokens = login(http, client_account["email"]).json
    enrol_totp(tokens)

    reset = http.post(f"/api/v1/staff/clients/{client_account['id']}/2fa/reset", headers=staff["headers"])

    assert reset.status_code == 200
    assert reset.json["two_factor_enabled"] is False
    assert http.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}).status_code == 401
    assert "access_token" in login(http, client_account["email"]).json
    (recorded,) = [e for e in sign_in_events(http, staff, client_account) if e["kind"] == "two_factor_reset"]
    assert recorded["actor_id"] == staff["account_id"]


def test_staff_of_another_practice_cannot_reset_it(http, client_account, add_staff, sign_in):
    add_staff("Elsewhere Therapy", "other@elsewhere.test")
    other = {"Authorization": f"Bearer {sign_in('other@elsewhere.test')['access_token']}"}

    refused = http.post(f"/api/v1/staff/clients/{client_account['id']}/2fa/reset", headers=other)

    assert refused.status_code == 404


def test_a_sign_in_link_and_a_staff_pin_also_lead_to_the_challenge(http, client_account, enrol_totp, staff, mailed):
    enrol_totp(login(http, client_account["email"]).json)
    http.post("/api/v1/auth/link", json={"email": client_account["email"]})
    url = mailed("identity.sign_in_link.requested", client_account["email"])[-1]["sign_in_url"]
    pin = http.post(f"/api/v1/staff/clients/{client_account['id']}/sign-in-pin", headers=staff["headers"]).json["pin"]

    by_link = http.post("/api/v1/auth/link/consume", json={"token": url.rsplit("/", 1)[1]})
    by_pin = http.post("/api/v1/auth/pin", json={"email": client_account["email"], "pin": pin})

    for answer_ in (by_link, by_pin):
        assert answer_.status_code == 200
        assert answer_.json["mfa_required"] is True
        assert "access_token" not in answer_.json


def test_a_practice_requiring_it_keeps_staff_out_of_staff_paths_until_they_enrol(
    http, engine, staff, enrol_totp, internal, bearer_of, sign_in
):
    with engine.begin() as connection:
        connection.execute(update(practices).values(require_staff_two_factor=True))

    tokens = sign_in("lead@harbour.test")
    before = http.get("/api/v1/staff/clients", headers=bearer_of(tokens))
    me = http.get("/api/v1/me", headers=bearer_of(tokens))
    session = tokens_session(http, tokens, internal)

    assert tokens["mfa_enrolment_required"] is True
    assert (before.status_code, before.json["code"]) == (403, "mfa-enrolment-required")
    assert me.status_code == 200 and me.json["mfa_enrolment_required"] is True
    assert session == {"active": True, "mfa_enrolment_required": True, "profile_ids": []}
    enrol_totp(tokens)
    assert http.get("/api/v1/staff/clients", headers=bearer_of(tokens)).status_code == 200
    assert tokens_session(http, tokens, internal)["mfa_enrolment_required"] is False


def tokens_session(http, tokens, internal):
    session_id = http.get("/api/v1/me/sessions", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    (current,) = [s for s in session_id.json["items"] if s["current"]]
    return http.get(f"/internal/sessions/{current['id']}", headers=internal).json
