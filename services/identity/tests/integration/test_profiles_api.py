"""Several profiles behind one sign-in: staff link a partner and a guardian, the person lists and
picks profiles, tokens (and their refresh) are scoped to the chosen one, and access ends when the
guardian's end date comes or the link is removed."""

import datetime as dt

from portalkit.testing import outbox_events

CLIENT_PASSWORD = "lanterns over the bay"


def login(http, email):
    answer = http.post("/api/v1/auth/login", json={"email": email, "password": CLIENT_PASSWORD})
    assert answer.status_code == 200, answer.json
    return answer.json


def bearer(tokens):
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def link(http, staff, client_id, **body):
    return http.post(f"/api/v1/staff/clients/{client_id}/links", json=body, headers=staff["headers"])


def claims(app, tokens):
    return app.extensions["token_verifier"].verify(tokens["access_token"])


def test_a_partner_picks_the_couples_profile_and_refreshing_keeps_it(
    http, staff, client_account, new_client, app, engine
):
    couple = new_client(email="couple@example.test", first_name="Robin and Sky")
    linked = link(http, staff, couple["id"], account_email=client_account["email"], kind="partner")
    tokens = login(http, client_account["email"])

    listed = http.get("/api/v1/me/profiles", headers=bearer(tokens)).json
    chosen = http.post("/api/v1/auth/profile", json={"profile_id": couple["id"]}, headers=bearer(tokens))
    refreshed = http.post("/api/v1/auth/refresh", json={"refresh_token": chosen.json["refresh_token"]}).json

    assert linked.status_code == 201
    assert claims(app, tokens).profile_id == client_account["id"]  # a sign-in starts on the own profile
    assert [(p["id"], p["kind"], p["initials"]) for p in listed["items"]] == [
        (client_account["id"], "self", "RH"),
        (couple["id"], "partner", "RH"),
    ]
    assert claims(app, chosen.json).profile_id == couple["id"]
    assert claims(app, refreshed).profile_id == couple["id"]
    assert http.get("/api/v1/me", headers=bearer(refreshed)).json["profile_id"] == couple["id"]
    created = [e.data for e in outbox_events(engine, "identity.profile_link.created")]
    assert created == [
        {
            "link_id": linked.json["id"],
            "account_id": client_account["account_id"],
            "client_id": couple["id"],
            "kind": "partner",
            "ends_on": None,
            "actor_id": staff["account_id"],
        }
    ]


def test_choosing_a_profile_spends_the_older_refresh_token(http, staff, client_account, new_client):
    couple = new_client(email="couple@example.test")
    link(http, staff, couple["id"], account_id=client_account["account_id"], kind="partner")
    tokens = login(http, client_account["email"])

    http.post("/api/v1/auth/profile", json={"profile_id": couple["id"]}, headers=bearer(tokens))
    reused = http.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})

    assert reused.status_code == 401


def test_a_profile_that_is_not_linked_cannot_be_chosen(http, client_account, new_client):
    stranger = new_client(email="stranger@example.test")
    tokens = login(http, client_account["email"])

    refused = http.post("/api/v1/auth/profile", json={"profile_id": stranger["id"]}, headers=bearer(tokens))

    assert (refused.status_code, refused.json["code"]) == (404, "profile-not-found")


def test_a_guardians_access_ends_on_its_end_date(http, staff, client_account, new_client, clock):
    minor = new_client(email="minor@example.test", first_name="Kit", date_of_birth="2010-05-01")
    ends_on = (clock.now() + dt.timedelta(days=1)).date().isoformat()  # the 18th birthday, say
    made = link(http, staff, minor["id"], account_email=client_account["email"], kind="guardian", ends_on=ends_on)
    clock.advance(hours=14, minutes=58)  # 23:58 the day before: still open
    tokens = login(http, client_account["email"])
    as_guardian = http.post("/api/v1/auth/profile", json={"profile_id": minor["id"]}, headers=bearer(tokens)).json
    assert http.get("/api/v1/me", headers=bearer(as_guardian)).json["first_name"] == "Kit"

    clock.advance(minutes=3)  # the token still lives; the link does not

    assert made.json["ends_on"] == ends_on
    ended = http.get("/api/v1/me", headers=bearer(as_guardian))
    assert (ended.status_code, ended.json["code"]) == (403, "profile-access-ended")
    again = login(http, client_account["email"])
    listed = http.get("/api/v1/me/profiles", headers=bearer(again)).json["items"]
    assert [p["id"] for p in listed] == [client_account["id"]]
    refused = http.post("/api/v1/auth/profile", json={"profile_id": minor["id"]}, headers=bearer(again))
    assert (refused.status_code, refused.json["code"]) == (403, "profile-access-ended")


def test_unlinking_ends_access_at_once_and_the_next_refresh_drops_the_profile(
    http, staff, client_account, new_client, engine, internal, app
):
    couple = new_client(email="couple@example.test")
    made = link(http, staff, couple["id"], account_email=client_account["email"], kind="partner").json
    tokens = login(http, client_account["email"])
    chosen = http.post("/api/v1/auth/profile", json={"profile_id": couple["id"]}, headers=bearer(tokens)).json

    removed = http.delete(f"/api/v1/staff/clients/{couple['id']}/links/{made['id']}", headers=staff["headers"])

    assert removed.status_code == 204
    assert http.get("/api/v1/me", headers=bearer(chosen)).status_code == 403
    refreshed = http.post("/api/v1/auth/refresh", json={"refresh_token": chosen["refresh_token"]}).json
    assert claims(app, refreshed).profile_id is None
    session = http.get(f"/internal/sessions/{claims(app, refreshed).session_id}", headers=internal).json
    assert session["profile_ids"] == [client_account["id"]]
    assert [e.data["link_id"] for e in outbox_events(engine, "identity.profile_link.removed")] == [made["id"]]


def test_link_rules_are_checked_and_break_nothing(http, staff, client_account, new_client):
    couple = new_client(email="couple@example.test")
    email = client_account["email"]

    partner_with_end = link(http, staff, couple["id"], account_email=email, kind="partner", ends_on="2099-01-01")
    not_own = link(http, staff, couple["id"], account_email=email, kind="self")
    unknown = link(http, staff, couple["id"], account_email="nobody@example.test", kind="partner")
    staff_account = link(http, staff, couple["id"], account_email="lead@harbour.test", kind="partner")
    first = link(http, staff, couple["id"], account_email=email, kind="partner")
    twice = link(http, staff, couple["id"], account_email=email, kind="partner")

    assert partner_with_end.status_code == 422 and "ends_on" in partner_with_end.json["errors"]
    assert not_own.status_code == 422 and "kind" in not_own.json["errors"]
    assert (unknown.status_code, unknown.json["code"]) == (404, "account-not-found")
    assert (staff_account.status_code, staff_account.json["code"]) == (404, "account-not-found")
    assert first.status_code == 201
    assert (twice.status_code, twice.json["code"]) == (409, "link-exists")
    listed = http.get(f"/api/v1/staff/clients/{couple['id']}/links", headers=staff["headers"]).json["items"]
    assert [(item["account_email"], item["kind"], item["active"]) for item in listed] == [(email, "partner", True)]


def test_another_practice_cannot_link_unlink_or_list(http, staff, client_account, new_client, add_staff, sign_in):
    couple = new_client(email="couple@example.test")
    made = link(http, staff, couple["id"], account_email=client_account["email"], kind="partner").json
    add_staff(practice_name="Elsewhere", email="boss@elsewhere.test")
    other = {"Authorization": f"Bearer {sign_in('boss@elsewhere.test')['access_token']}"}
    path = f"/api/v1/staff/clients/{couple['id']}/links"

    answers = [
        http.post(path, json={"account_id": client_account["account_id"], "kind": "partner"}, headers=other),
        http.get(path, headers=other),
        http.delete(f"{path}/{made['id']}", headers=other),
    ]

    assert [a.status_code for a in answers] == [404, 404, 404]
    assert len(http.get(path, headers=staff["headers"]).json["items"]) == 1
