"""Staff disabling and enabling an account, sessions ended at once, lockout after failed sign-ins,
the audit trail, and another practice's staff kept out."""

from portalkit.testing import outbox_events

CLIENT_PASSWORD = "lanterns over the bay"


def login(http, email, password=CLIENT_PASSWORD, **environ):
    return http.post("/api/v1/auth/login", json={"email": email, "password": password}, environ_base=environ)


def bearer(tokens):
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def account_path(client, action):
    return f"/api/v1/staff/clients/{client['id']}/account/{action}"


def session_active(http, internal, tokens, app):
    sid = app.extensions["token_verifier"].verify(tokens["access_token"]).session_id
    return http.get(f"/internal/sessions/{sid}", headers=internal).json["active"]


def test_a_disabled_account_is_refused_by_every_way_in_even_with_the_right_secret(
    http, staff, client_account, mailed, internal, app
):
    email, clients = client_account["email"], f"/api/v1/staff/clients/{client_account['id']}"
    signed_in = login(http, email).json
    pin = http.post(f"{clients}/sign-in-pin", headers=staff["headers"]).json["pin"]
    http.post("/api/v1/auth/link", json={"email": email})
    link = mailed("identity.sign_in_link.requested")[0]

    disabled = http.post(account_path(client_account, "disable"), headers=staff["headers"])

    assert (disabled.status_code, disabled.json["status"]) == (200, "disabled")
    assert login(http, email).status_code == 401
    assert http.post("/api/v1/auth/pin", json={"email": email, "pin": pin}).status_code == 401
    token = link["sign_in_url"].rsplit("/", 1)[1]
    assert http.post("/api/v1/auth/link/consume", json={"token": token}).status_code == 401
    assert http.post("/api/v1/auth/link/consume", json={"email": email, "code": link["code"]}).status_code == 401
    assert http.post("/api/v1/auth/refresh", json={"refresh_token": signed_in["refresh_token"]}).status_code == 401
    assert session_active(http, internal, signed_in, app) is False


def test_enabling_again_restores_access_and_both_are_published(http, staff, client_account, engine):
    http.post(account_path(client_account, "disable"), headers=staff["headers"])

    enabled = http.post(account_path(client_account, "enable"), headers=staff["headers"])

    assert (enabled.status_code, enabled.json["status"]) == (200, "active")
    assert login(http, client_account["email"]).status_code == 200
    expected = {
        "account_id": client_account["account_id"],
        "client_id": client_account["id"],
        "actor_id": staff["account_id"],
    }
    assert [e.data for e in outbox_events(engine, "identity.account.disabled")] == [expected]
    assert [e.data for e in outbox_events(engine, "identity.account.enabled")] == [expected]


def test_another_practices_staff_cannot_touch_this_client(http, add_staff, sign_in, client_account):
    add_staff(practice_name="Elsewhere Counseling", email="other@elsewhere.test")
    other = bearer(sign_in("other@elsewhere.test"))
    clients = f"/api/v1/staff/clients/{client_account['id']}"

    for path, body in (
        ("sign-in-pin", None),
        ("reset-link", {}),
        ("account/disable", None),
        ("account/enable", None),
    ):
        assert http.post(f"{clients}/{path}", json=body, headers=other).status_code == 404, path
    assert http.get(f"{clients}/sign-in-events", headers=other).status_code == 404
    assert login(http, client_account["email"]).status_code == 200


def test_billing_staff_may_not_issue_pins_or_disable(http, add_staff, sign_in, staff, client_account):
    add_staff(email="books@harbour.test", role="billing")
    billing = bearer(sign_in("books@harbour.test"))
    clients = f"/api/v1/staff/clients/{client_account['id']}"

    assert http.post(f"{clients}/sign-in-pin", headers=billing).status_code == 403
    assert http.post(f"{clients}/account/disable", headers=billing).status_code == 403


def test_a_client_lists_their_sessions_and_ends_one_at_once(http, client_account, internal, app):
    here = login(http, client_account["email"], HTTP_USER_AGENT="Laptop").json
    phone = login(http, client_account["email"], HTTP_USER_AGENT="Phone").json

    listed = http.get("/api/v1/me/sessions", headers=bearer(here)).json["items"]
    assert sorted((s["user_agent"], s["current"]) for s in listed) == [("Laptop", True), ("Phone", False)]
    phone_id = next(s["id"] for s in listed if s["user_agent"] == "Phone")

    ended = http.delete(f"/api/v1/me/sessions/{phone_id}", headers=bearer(here))

    assert ended.status_code == 204
    assert session_active(http, internal, phone, app) is False
    assert session_active(http, internal, here, app) is True
    assert [s["user_agent"] for s in http.get("/api/v1/me/sessions", headers=bearer(here)).json["items"]] == ["Laptop"]


def test_a_client_cannot_end_someone_elses_session(http, staff, client_account):
    mine = login(http, client_account["email"]).json

    assert http.delete(f"/api/v1/me/sessions/{staff['account_id']}", headers=bearer(mine)).status_code == 404


def test_logout_makes_the_session_inactive_for_the_gateway(http, client_account, internal, app):
    tokens = login(http, client_account["email"]).json
    http.post("/api/v1/auth/logout", headers=bearer(tokens))

    assert session_active(http, internal, tokens, app) is False
    assert http.get("/internal/sessions/no-such-session", headers=internal).json["active"] is False


def test_after_ten_failures_even_the_right_password_waits_and_looks_like_a_wrong_one(http, client_account, clock):
    email = client_account["email"]
    for _ in range(10):
        assert login(http, email, "not the password").status_code == 401

    locked = login(http, email)
    wrong = login(http, email, "not the password")

    assert locked.status_code == 401
    assert locked.json == wrong.json
    clock.advance(seconds=30)
    assert login(http, email).status_code == 200


def test_self_service_reset_works_while_locked_out(http, client_account, mailed):
    email = client_account["email"]
    for _ in range(10):
        login(http, email, "not the password")
    http.post("/api/v1/auth/password/forgot", json={"email": email})
    code = mailed("identity.password_reset.requested")[0]["code"]

    reset = http.post("/api/v1/auth/password/reset", json={"email": email, "code": code, "password": "fresh tide 2026"})

    assert reset.status_code == 204
    assert login(http, email, "fresh tide 2026").status_code == 200


def test_a_hundred_failures_an_hour_lock_the_account_until_the_hour_passes(http, client_account, clock):
    email = client_account["email"]
    for attempt in range(100):  # from two addresses, so that neither address is throttled on its own
        login(http, email, "not the password", REMOTE_ADDR=f"198.51.100.{attempt % 2}")
    clock.advance(minutes=16)  # past the growing wait

    assert login(http, email, REMOTE_ADDR="198.51.100.9").status_code == 401
    clock.advance(hours=1)
    assert login(http, email, REMOTE_ADDR="198.51.100.9").status_code == 200


def test_a_hundred_failures_an_hour_from_one_address_throttle_it_for_every_account(http, client_account, add_staff):
    add_staff(email="second@harbour.test")
    for _ in range(100):
        login(http, "second@harbour.test", "not the password", REMOTE_ADDR="203.0.113.5")

    assert login(http, client_account["email"], REMOTE_ADDR="203.0.113.5").status_code == 401
    assert login(http, client_account["email"], REMOTE_ADDR="203.0.113.6").status_code == 200


def test_staff_and_the_client_see_the_sign_ins_and_what_was_done(http, staff, client_account):
    login(http, client_account["email"], "not the password")
    tokens = login(http, client_account["email"]).json
    http.post(f"/api/v1/staff/clients/{client_account['id']}/sign-in-pin", headers=staff["headers"])

    history = http.get(f"/api/v1/staff/clients/{client_account['id']}/sign-in-events", headers=staff["headers"])
    mine = http.get("/api/v1/me/sign-ins", headers=bearer(tokens))

    kinds = [item["kind"] for item in history.json["items"]]
    assert history.status_code == 200
    assert {"sign_in", "secret_issued", "secret_used", "email_verified"} <= set(kinds)
    issued_pin = next(i for i in history.json["items"] if i["kind"] == "secret_issued" and i["purpose"] == "staff_pin")
    assert issued_pin["actor_id"] == staff["account_id"]
    assert [(s["method"], s["result"]) for s in mine.json["items"]] == [
        ("password", "succeeded"),
        ("password", "wrong_password"),
    ]
