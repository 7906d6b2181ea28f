"""Signing in, refreshing, signing out: sessions as SECURITY.md describes them."""

from argon2 import PasswordHasher as Argon2Hasher
from identity.adapters.orm import accounts, sign_in_events
from portalkit.auth import TokenVerifier
from sqlalchemy import select, update

STAFF_PASSWORD = "quiet harbour lights"  # as the conftest gives every staff account


def bearer(tokens):
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def refresh(http, tokens):
    return http.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})


def test_staff_sign_in_and_see_who_they_are(http, staff):
    me = http.get("/api/v1/me", headers=staff["headers"])

    assert me.status_code == 200
    assert me.json == {
        "account_id": staff["account_id"],
        "email": "lead@harbour.test",
        "profile_id": None,
        "practice_id": staff["practice_id"],
        "role": "owner",
        "first_name": None,
        "last_name": None,
        "practice_name": "Harbour Therapy",
        "two_factor_enabled": False,
        "mfa_enrolment_required": False,
        "session_idle_seconds": 900,
    }
    assert (staff["token_type"], staff["expires_in"]) == ("Bearer", 600)


def test_wrong_password_and_unknown_email_get_the_same_answer(http, add_staff, engine):
    add_staff()

    wrong = http.post("/api/v1/auth/login", json={"email": "lead@harbour.test", "password": "not the password"})
    unknown = http.post("/api/v1/auth/login", json={"email": "nobody@harbour.test", "password": "not the password"})

    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json == unknown.json
    assert wrong.json["code"] == "invalid-credentials"
    with engine.connect() as connection:
        results = connection.execute(select(sign_in_events.c.result).order_by(sign_in_events.c.id)).scalars().all()
    assert results == ["wrong_password", "unknown_email"]


def test_a_refresh_rotates_and_reusing_a_spent_token_ends_the_session(http, staff):
    rotated = refresh(http, staff)
    assert rotated.status_code == 200
    assert rotated.json["refresh_token"] != staff["refresh_token"]

    reused = refresh(http, staff)

    assert reused.status_code == 401
    assert reused.json["code"] == "invalid-refresh-token"
    assert refresh(http, rotated.json).status_code == 401  # the thief's copy died with the family


def test_a_session_left_idle_past_its_limit_cannot_be_refreshed(http, staff, clock):
    clock.advance(minutes=14)
    still_alive = refresh(http, staff)
    assert still_alive.status_code == 200

    clock.advance(minutes=15)

    assert refresh(http, still_alive.json).status_code == 401


def test_calls_through_the_gateway_count_as_activity_for_the_idle_timeout(http, staff, clock, internal, app):
    session_id = app.extensions["token_verifier"].verify(staff["access_token"]).session_id

    def gateway_check():
        return http.get(f"/internal/sessions/{session_id}", headers=internal).json["active"]

    for _ in range(3):  # 42 minutes in all, never 15 without a call
        clock.advance(minutes=14)
        assert gateway_check() is True
    clock.advance(minutes=15)

    assert gateway_check() is False
    assert refresh(http, staff).status_code == 401


def test_signing_out_ends_the_session(http, staff):
    out = http.post("/api/v1/auth/logout", json={"refresh_token": staff["refresh_token"]}, headers=staff["headers"])

    assert out.status_code == 204
    assert refresh(http, staff).status_code == 401


def test_signing_out_with_the_access_token_alone_ends_its_session(http, staff):
    assert http.post("/api/v1/auth/logout", headers=staff["headers"]).status_code == 204
    assert refresh(http, staff).status_code == 401


def test_a_password_hashed_with_old_parameters_is_rehashed_at_sign_in(http, add_staff, engine, sign_in):
    ids = add_staff()
    old_hash = Argon2Hasher(time_cost=1, memory_cost=8192).hash(STAFF_PASSWORD)
    with engine.begin() as connection:
        connection.execute(update(accounts).where(accounts.c.id == ids["account_id"]).values(password_hash=old_hash))

    sign_in("lead@harbour.test")

    with engine.connect() as connection:
        stored = connection.execute(select(accounts.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_one_email_in_two_practices_signs_in_where_the_password_matches(http, add_staff, sign_in, clock):
    first = add_staff()
    second = add_staff(practice_name="Elsewhere Counseling")
    assert first["practice_id"] != second["practice_id"]

    chosen = http.post(
        "/api/v1/auth/login",
        json={"email": "lead@harbour.test", "password": STAFF_PASSWORD, "practice_id": second["practice_id"]},
    )

    assert http.get("/api/v1/me", headers=bearer(chosen.json)).json["practice_id"] == second["practice_id"]


def test_access_tokens_verify_against_the_published_key_set(http, staff, settings, clock):
    published = http.get("/.well-known/jwks.json").json
    verifier = TokenVerifier("unused", settings.token_issuer, settings.token_audience, clock, fetch=lambda _: published)

    caller = verifier.verify(staff["access_token"])

    assert (caller.account_id, caller.practice_id, caller.role) == (staff["account_id"], staff["practice_id"], "owner")
    assert "d" not in published["keys"][0]  # never the private part
