"""Staff add and read the clients of their own practice, and only of their own practice."""

from portalkit.testing import outbox_events


def test_staff_add_a_client_who_can_be_read_back_at_its_location(http, staff, engine):
    body = {
        "first_name": "Robin",
        "last_name": "Hale",
        "email": "Robin@Example.test",
        "date_of_birth": "1991-04-12",
        "phone": "+1 555 0100",
        "other_emails": ["robin.work@example.test"],
    }

    created = http.post("/api/v1/staff/clients", json=body, headers=staff["headers"])

    assert created.status_code == 201
    client = created.json
    assert created.headers["Location"] == f"/api/v1/staff/clients/{client['id']}"
    assert client["emails"] == [
        {"address": "robin@example.test", "is_default": True},
        {"address": "robin.work@example.test", "is_default": False},
    ]
    assert client["account"] is None
    assert http.get(created.headers["Location"], headers=staff["headers"]).json == client
    events = outbox_events(engine, "identity.client.created")
    assert [(e.data, e.practice_id) for e in events] == [({"client_id": client["id"]}, staff["practice_id"])]


def test_an_email_another_client_of_the_practice_has_is_refused(http, staff, new_client, engine):
    new_client(email="robin@example.test")

    again = http.post(
        "/api/v1/staff/clients",
        json={"first_name": "Rob", "last_name": "Hale", "email": "ROBIN@example.test"},
        headers=staff["headers"],
    )

    assert again.status_code == 409
    assert again.json["code"] == "client-email-exists"
    assert len(outbox_events(engine, "identity.client.created")) == 1


def test_bad_client_details_are_named_and_nothing_is_stored(http, staff, clock):
    body = {"first_name": "", "last_name": "Hale", "email": "not-an-email", "date_of_birth": "2030-01-01", "x": 1}

    refused = http.post("/api/v1/staff/clients", json=body, headers=staff["headers"])

    assert refused.status_code == 422
    assert set(refused.json["errors"]) == {"first_name", "email", "x"}
    future = {"first_name": "Robin", "last_name": "Hale", "email": "r@example.test", "date_of_birth": "2026-01-06"}
    refused = http.post("/api/v1/staff/clients", json=future, headers=staff["headers"])
    assert refused.json["errors"] == {"date_of_birth": ["A date of birth cannot be in the future."]}
    assert http.get("/api/v1/staff/clients", headers=staff["headers"]).json == {"items": []}


def test_another_practice_cannot_see_the_client(http, staff, new_client, add_staff, sign_in):
    client = new_client()
    add_staff(practice_name="Elsewhere Counseling", email="boss@elsewhere.test")
    other = {"Authorization": f"Bearer {sign_in('boss@elsewhere.test')['access_token']}"}

    read = http.get(f"/api/v1/staff/clients/{client['id']}", headers=other)

    assert read.status_code == 404
    assert http.get("/api/v1/staff/clients", headers=other).json == {"items": []}


def test_billing_may_read_but_not_add_clients(http, staff, new_client, add_staff, sign_in):
    client = new_client()
    add_staff(email="books@harbour.test", role="billing")
    billing = {"Authorization": f"Bearer {sign_in('books@harbour.test')['access_token']}"}

    listed = http.get("/api/v1/staff/clients", headers=billing)
    added = http.post("/api/v1/staff/clients", json={"first_name": "A", "last_name": "B"}, headers=billing)

    assert [c["id"] for c in listed.json["items"]] == [client["id"]]
    assert added.status_code == 403


def test_staff_paths_need_a_valid_access_token(http):
    assert http.get("/api/v1/staff/clients").status_code == 401
    assert http.get("/api/v1/staff/clients", headers={"Authorization": "Bearer nonsense"}).status_code == 401
