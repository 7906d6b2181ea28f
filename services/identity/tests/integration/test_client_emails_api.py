"""A client's addresses kept by staff (never the sign-in address), and the client changing the
address they sign in with: a link to the new address, a notice to the old one, and the switch."""

from portalkit.testing import outbox_events

CLIENT_PASSWORD = "lanterns over the bay"


def emails_path(client, action=""):
    return f"/api/v1/staff/clients/{client['id']}/emails{action}"


def login(http, email, password=CLIENT_PASSWORD):
    return http.post("/api/v1/auth/login", json={"email": email, "password": password})


def test_staff_add_an_address_and_make_it_the_default_for_invitations(http, staff, new_client):
    client = new_client()

    added = http.post(emails_path(client), json={"address": "Robin.Work@Example.test"}, headers=staff["headers"])
    chosen = http.post(
        emails_path(client, "/default"), json={"address": "robin.work@example.test"}, headers=staff["headers"]
    )

    assert added.status_code == 201
    assert chosen.json["emails"] == [
        {"address": "robin@example.test", "is_default": False},
        {"address": "robin.work@example.test", "is_default": True},
    ]


def test_an_address_of_another_client_is_refused_and_nothing_changes(http, staff, new_client):
    first, second = new_client(), new_client(email="sam@example.test")

    taken = http.post(emails_path(second), json={"address": first["emails"][0]["address"]}, headers=staff["headers"])

    assert (taken.status_code, taken.json["code"]) == (409, "client-email-exists")
    after = http.get(f"/api/v1/staff/clients/{second['id']}", headers=staff["headers"]).json
    assert after["emails"] == [{"address": "sam@example.test", "is_default": True}]


def test_the_default_and_the_sign_in_address_cannot_be_removed_but_another_can(http, staff, client_account, internal):
    headers = staff["headers"]
    http.post(emails_path(client_account), json={"address": "spare@example.test"}, headers=headers)
    http.post(emails_path(client_account, "/default"), json={"address": "spare@example.test"}, headers=headers)

    default = http.post(emails_path(client_account, "/remove"), json={"address": "spare@example.test"}, headers=headers)
    sign_in = http.post(
        emails_path(client_account, "/remove"), json={"address": client_account["email"]}, headers=headers
    )
    http.post(emails_path(client_account), json={"address": "old@example.test"}, headers=headers)
    other = http.post(emails_path(client_account, "/remove"), json={"address": "old@example.test"}, headers=headers)

    assert (default.status_code, default.json["code"]) == (409, "email-is-default")
    assert (sign_in.status_code, sign_in.json["code"]) == (409, "email-is-sign-in")
    assert other.status_code == 200
    assert [e["address"] for e in other.json["emails"]] == [client_account["email"], "spare@example.test"]
    assert login(http, client_account["email"]).status_code == 200


def test_another_practices_client_is_not_found(http, staff, new_client, add_staff, sign_in):
    client = new_client()
    add_staff(practice_name="Elsewhere", email="boss@elsewhere.test")
    other = {"Authorization": f"Bearer {sign_in('boss@elsewhere.test')['access_token']}"}

    answers = [
        http.post(emails_path(client), json={"address": "x@example.test"}, headers=other),
        http.post(emails_path(client, "/default"), json={"address": "robin@example.test"}, headers=other),
        http.post(emails_path(client, "/remove"), json={"address": "robin@example.test"}, headers=other),
    ]

    assert [a.status_code for a in answers] == [404, 404, 404]


def test_a_client_changes_their_sign_in_address_through_the_link_sent_to_it(http, client_account, mailed, engine):
    tokens = login(http, client_account["email"]).json
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    body = {"new_email": "robin.new@example.test", "current_password": CLIENT_PASSWORD}

    asked = http.post("/api/v1/me/email", json=body, headers=bearer)

    assert asked.status_code == 202, asked.json
    notice = mailed("identity.email_change_notice.requested")
    assert [(n["to"], n["new_email_hint"]) for n in notice] == [(client_account["email"], "r***@example.test")]
    link = mailed("identity.email_change.requested", "robin.new@example.test")[-1]["confirm_url"]
    assert login(http, "robin.new@example.test").status_code == 401  # nothing changed yet

    confirmed = http.post("/api/v1/auth/email-change/confirm", json={"token": link.rsplit("/", 1)[1]})

    assert confirmed.json == {"account_id": client_account["account_id"], "email": "robin.new@example.test"}
    assert login(http, "robin.new@example.test").status_code == 200
    assert login(http, client_account["email"]).status_code == 401
    changed = [e.data for e in outbox_events(engine, "identity.account.email_changed")]
    assert changed == [
        {"account_id": client_account["account_id"], "client_id": client_account["id"], "actor_id": None}
    ]
    again = http.post("/api/v1/auth/email-change/confirm", json={"token": link.rsplit("/", 1)[1]})
    assert (again.status_code, again.json["code"]) == (410, "link-used")


def test_a_wrong_password_changes_nothing_and_mails_nothing(http, client_account, mailed):
    tokens = login(http, client_account["email"]).json
    body = {"new_email": "robin.new@example.test", "current_password": "not my password at all"}

    refused = http.post("/api/v1/me/email", json=body, headers={"Authorization": f"Bearer {tokens['access_token']}"})

    assert refused.status_code == 422 and "current_password" in refused.json["errors"]
    assert mailed("identity.email_change.requested") == []


def test_an_address_another_account_took_meanwhile_is_refused_when_the_link_is_used(
    http, client_account, open_account, mailed
):
    tokens = login(http, client_account["email"]).json
    body = {"new_email": "taken@example.test", "current_password": CLIENT_PASSWORD}
    http.post("/api/v1/me/email", json=body, headers={"Authorization": f"Bearer {tokens['access_token']}"})
    open_account(email="taken@example.test")
    link = mailed("identity.email_change.requested", "taken@example.test")[-1]["confirm_url"]

    refused = http.post("/api/v1/auth/email-change/confirm", json={"token": link.rsplit("/", 1)[1]})

    assert (refused.status_code, refused.json["code"]) == (409, "account-email-exists")
    assert login(http, client_account["email"]).status_code == 200


def test_a_link_mailed_to_the_old_address_stops_working_after_the_switch(http, client_account, mailed):
    tokens = login(http, client_account["email"]).json
    http.post("/api/v1/auth/link", json={"email": client_account["email"]})
    old_link = mailed("identity.sign_in_link.requested")[-1]["sign_in_url"]
    body = {"new_email": "robin.new@example.test", "current_password": CLIENT_PASSWORD}
    http.post("/api/v1/me/email", json=body, headers={"Authorization": f"Bearer {tokens['access_token']}"})
    link = mailed("identity.email_change.requested")[-1]["confirm_url"]
    http.post("/api/v1/auth/email-change/confirm", json={"token": link.rsplit("/", 1)[1]})

    used = http.post("/api/v1/auth/link/consume", json={"token": old_link.rsplit("/", 1)[1]})

    assert (used.status_code, used.json["code"]) == (410, "link-superseded")
