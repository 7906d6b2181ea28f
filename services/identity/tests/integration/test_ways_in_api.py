"""Email verification, password change and reset, sign-in links and codes, staff PINs: each secret
single use, expiring, newest only, and the same answer whether or not an address has an account."""

from identity.adapters.orm import sent_secrets
from sqlalchemy import select

CLIENT_PASSWORD = "lanterns over the bay"
NEW_PASSWORD = "a brand new tide 99"


def post(http, path, body, headers=None):
    return http.post(f"/api/v1/auth/{path}", json=body, headers=headers)


def login(http, email, password=CLIENT_PASSWORD):
    return post(http, "login", {"email": email, "password": password})


def token_of(url):
    return url.rsplit("/", 1)[1]


def bearer(tokens):
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def wrong(code):
    return "000000" if code != "000000" else "111111"


def test_until_verified_the_right_password_answers_check_your_email(http, open_account):
    client = open_account()

    right = login(http, client["email"])
    wrong_password = login(http, client["email"], "not the password at all")

    assert (right.status_code, right.json["code"]) == (403, "email-not-verified")
    assert (wrong_password.status_code, wrong_password.json["code"]) == (401, "invalid-credentials")


def test_verifying_opens_sign_in_and_mails_the_confirmation(http, open_account, mailed, settings, staff):
    client = open_account()
    sent = mailed("identity.email_verification.requested", client["email"])
    assert sent[0]["verify_url"].startswith(settings.public_base_url + "/verify-email/")
    assert sent[0]["practice_name"] == "Harbour Therapy"

    verified = post(http, "verify-email", {"token": token_of(sent[0]["verify_url"])})

    assert verified.status_code == 200
    assert verified.json["practice_id"] == staff["practice_id"]
    assert login(http, client["email"]).status_code == 200
    confirmation = mailed("identity.account_confirmation.requested", client["email"])[0]
    assert confirmation["username"] == client["email"]
    assert confirmation["sign_in_url"] == settings.public_base_url + f"/sign-in?practice={staff['practice_id']}"
    again = post(http, "verify-email", {"token": token_of(sent[0]["verify_url"])})
    assert (again.status_code, again.json["code"]) == (410, "link-used")


def test_a_verification_link_expires_after_a_day(http, open_account, mailed, clock):
    client = open_account()
    url = mailed("identity.email_verification.requested", client["email"])[0]["verify_url"]
    clock.advance(days=1)

    late = post(http, "verify-email", {"token": token_of(url)})

    assert (late.status_code, late.json["code"]) == (410, "link-expired")


def test_resending_verification_supersedes_the_older_link_and_answers_alike_for_anyone(http, open_account, mailed):
    client = open_account()

    known = post(http, "verify-email/resend", {"email": client["email"]})
    unknown = post(http, "verify-email/resend", {"email": "nobody@example.test"})

    assert known.status_code == unknown.status_code == 202
    older, newer = mailed("identity.email_verification.requested", client["email"])
    assert post(http, "verify-email", {"token": token_of(older["verify_url"])}).json["code"] == "link-superseded"
    assert post(http, "verify-email", {"token": token_of(newer["verify_url"])}).status_code == 200


def test_changing_the_password_ends_every_other_session(http, client_account):
    here = login(http, client_account["email"]).json
    elsewhere = login(http, client_account["email"]).json

    changed = post(
        http, "password/change", {"current_password": CLIENT_PASSWORD, "new_password": NEW_PASSWORD}, bearer(here)
    )

    assert changed.status_code == 204
    assert post(http, "refresh", {"refresh_token": elsewhere["refresh_token"]}).status_code == 401
    assert post(http, "refresh", {"refresh_token": here["refresh_token"]}).status_code == 200
    assert login(http, client_account["email"], NEW_PASSWORD).status_code == 200


def test_changing_the_password_needs_the_current_one(http, client_account):
    tokens = login(http, client_account["email"]).json

    refused = post(
        http, "password/change", {"current_password": "a guess", "new_password": NEW_PASSWORD}, bearer(tokens)
    )

    assert refused.status_code == 422
    assert list(refused.json["errors"]) == ["current_password"]


def test_forgot_password_answers_alike_and_mails_a_code_only_to_an_account(http, client_account, mailed):
    known = post(http, "password/forgot", {"email": client_account["email"]})
    unknown = post(http, "password/forgot", {"email": "nobody@example.test"})

    assert known.status_code == unknown.status_code == 202
    assert known.data == unknown.data
    assert [d["to"] for d in mailed("identity.password_reset.requested")] == [client_account["email"]]


def test_an_address_gets_at_most_five_of_each_mail_an_hour(http, client_account, mailed, clock):
    email = client_account["email"]
    for path in ("password/forgot", "link") * 6:
        assert post(http, path, {"email": email}).status_code == 202

    assert len(mailed("identity.password_reset.requested")) == 5
    assert len(mailed("identity.sign_in_link.requested")) == 5
    clock.advance(hours=1)
    post(http, "password/forgot", {"email": email})
    assert len(mailed("identity.password_reset.requested")) == 6


def test_a_reset_code_sets_the_password_and_ends_every_session(http, client_account, mailed):
    signed_in = login(http, client_account["email"]).json
    post(http, "password/forgot", {"email": client_account["email"]})
    code = mailed("identity.password_reset.requested")[0]["code"]

    reset = post(http, "password/reset", {"email": client_account["email"], "code": code, "password": NEW_PASSWORD})

    assert reset.status_code == 204
    assert post(http, "refresh", {"refresh_token": signed_in["refresh_token"]}).status_code == 401
    assert login(http, client_account["email"], NEW_PASSWORD).status_code == 200
    reused = post(http, "password/reset", {"email": client_account["email"], "code": code, "password": CLIENT_PASSWORD})
    assert reused.status_code == 401


def test_five_wrong_reset_codes_kill_the_code(http, client_account, mailed):
    post(http, "password/forgot", {"email": client_account["email"]})
    code = mailed("identity.password_reset.requested")[0]["code"]
    body = {"email": client_account["email"], "password": NEW_PASSWORD}
    for _ in range(5):
        assert post(http, "password/reset", {**body, "code": wrong(code)}).status_code == 401

    right = post(http, "password/reset", {**body, "code": code})

    assert (right.status_code, right.json["code"]) == (401, "invalid-code")


def test_a_wrong_code_for_an_unknown_address_answers_like_a_wrong_code(http, client_account, mailed):
    post(http, "password/forgot", {"email": client_account["email"]})
    code = mailed("identity.password_reset.requested")[0]["code"]

    known = post(
        http, "password/reset", {"email": client_account["email"], "code": wrong(code), "password": NEW_PASSWORD}
    )
    unknown = post(http, "password/reset", {"email": "nobody@example.test", "code": code, "password": NEW_PASSWORD})

    assert known.status_code == unknown.status_code == 401
    assert known.json == unknown.json


def test_only_the_newest_reset_code_works_and_it_expires_after_15_minutes(http, client_account, mailed, clock):
    post(http, "password/forgot", {"email": client_account["email"]})
    post(http, "password/forgot", {"email": client_account["email"]})
    older, newer = (d["code"] for d in mailed("identity.password_reset.requested"))
    body = {"email": client_account["email"], "password": NEW_PASSWORD}
    if older != newer:
        assert post(http, "password/reset", {**body, "code": older}).status_code == 401
    clock.advance(minutes=15)

    late = post(http, "password/reset", {**body, "code": newer})

    assert (late.status_code, late.json["code"]) == (410, "code-expired")


def test_a_sign_in_link_works_once_and_only_the_newest(http, client_account, mailed, settings):
    post(http, "link", {"email": client_account["email"]})
    post(http, "link", {"email": client_account["email"]})
    older, newer = mailed("identity.sign_in_link.requested")
    assert newer["sign_in_url"].startswith(settings.public_base_url + "/sign-in/link/")

    first = post(http, "link/consume", {"token": token_of(newer["sign_in_url"])})
    again = post(http, "link/consume", {"token": token_of(newer["sign_in_url"])})
    stale = post(http, "link/consume", {"token": token_of(older["sign_in_url"])})

    assert first.status_code == 200
    assert http.get("/api/v1/me", headers=bearer(first.json)).json["email"] == client_account["email"]
    assert (again.status_code, again.json["code"]) == (410, "link-used")
    assert (stale.status_code, stale.json["code"]) == (410, "link-superseded")


def test_a_sign_in_link_email_signs_in_by_its_code_and_answers_alike_for_anyone(http, client_account, mailed):
    known = post(http, "link", {"email": client_account["email"]})
    unknown = post(http, "link", {"email": "nobody@example.test"})
    code = mailed("identity.sign_in_link.requested")[0]["code"]

    signed_in = post(http, "link/consume", {"email": client_account["email"], "code": code})

    assert known.status_code == unknown.status_code == 202
    assert signed_in.status_code == 200
    assert set(signed_in.json) == {"access_token", "refresh_token", "token_type", "expires_in"}


def test_a_sign_in_link_expires_after_24_hours(http, client_account, mailed, clock):
    post(http, "link", {"email": client_account["email"]})
    url = mailed("identity.sign_in_link.requested")[0]["sign_in_url"]
    clock.advance(hours=24)

    assert post(http, "link/consume", {"token": token_of(url)}).json["code"] == "link-expired"


def test_link_consume_needs_either_a_token_or_an_address_with_its_code(http):
    neither = post(http, "link/consume", {"email": "robin@example.test"})

    assert (neither.status_code, neither.json["code"]) == (422, "validation-failed")


def test_staff_issue_a_pin_that_signs_the_client_in_once(http, staff, client_account, engine):
    issued = http.post(f"/api/v1/staff/clients/{client_account['id']}/sign-in-pin", headers=staff["headers"])
    assert issued.status_code == 201
    body = {"email": client_account["email"], "pin": issued.json["pin"]}

    first = post(http, "pin", body)
    again = post(http, "pin", body)

    assert first.status_code == 200
    assert again.status_code == 401
    with engine.connect() as connection:
        query = select(sent_secrets.c.issued_by).where(sent_secrets.c.purpose == "staff_pin")
        assert connection.execute(query).scalar_one() == staff["account_id"]


def test_a_pin_lives_15_minutes_and_dies_after_five_wrong_tries(http, staff, client_account, clock):
    path = f"/api/v1/staff/clients/{client_account['id']}/sign-in-pin"
    pin = http.post(path, headers=staff["headers"]).json["pin"]
    for _ in range(5):
        post(http, "pin", {"email": client_account["email"], "pin": wrong(pin)})
    assert post(http, "pin", {"email": client_account["email"], "pin": pin}).status_code == 401

    fresh = http.post(path, headers=staff["headers"]).json["pin"]
    clock.advance(minutes=15)

    late = post(http, "pin", {"email": client_account["email"], "pin": fresh})
    assert (late.status_code, late.json["code"]) == (410, "code-expired")


def test_a_staff_reset_link_defaults_to_48_hours_and_resets_the_password(http, staff, client_account, clock):
    issued = http.post(f"/api/v1/staff/clients/{client_account['id']}/reset-link", json={}, headers=staff["headers"])
    assert issued.status_code == 201
    assert "/reset-password/" in issued.json["url"]
    clock.advance(hours=47)

    reset = post(http, "password/reset", {"token": token_of(issued.json["url"]), "password": NEW_PASSWORD})

    assert reset.status_code == 204
    assert login(http, client_account["email"], NEW_PASSWORD).status_code == 200


def test_a_staff_reset_link_may_last_at_most_7_days(http, staff, client_account, clock, mailed):
    path = f"/api/v1/staff/clients/{client_account['id']}/reset-link"
    week_and_a_minute = clock.now().replace(microsecond=0) + __import__("datetime").timedelta(days=7, minutes=1)

    too_long = http.post(path, json={"expires_at": week_and_a_minute.isoformat()}, headers=staff["headers"])
    emailed = http.post(path, json={"send_email": True}, headers=staff["headers"])

    assert (too_long.status_code, list(too_long.json["errors"])) == (422, ["expires_at"])
    assert emailed.status_code == 201
    assert mailed("identity.password_reset.requested")[0]["reset_url"] == emailed.json["url"]
