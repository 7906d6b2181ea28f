"""What invitations asks of identity: a client's details, and opening the client's account."""

import uuid

from identity.adapters.orm import accounts, agreements
from identity.service.unit_of_work import IdentityUnitOfWork
from portalkit.db import make_session_factory
from portalkit.testing import outbox_events
from sqlalchemy import delete, func, select


def sign_up(staff, client, **changes):
    body = {
        "practice_id": staff["practice_id"],
        "client_id": client["id"],
        "invitation_id": str(uuid.uuid4()),
        "email": client["emails"][0]["address"],
        "password": "lanterns over the bay",
        "agreements": [
            {"kind": kind, "version": "2026-01", "accepted_at": "2026-01-05T09:00:00Z"}
            for kind in ("terms", "privacy", "electronic_notices")
        ],
    }
    return {**body, **changes}


def count(engine, table):
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def test_other_services_read_a_client_with_its_practice(http, staff, new_client, internal):
    client = new_client()

    read = http.get(f"/internal/practices/{staff['practice_id']}/clients/{client['id']}", headers=internal)

    assert read.status_code == 200
    assert read.json["emails"] == client["emails"]
    assert read.json["practice"] == {
        "id": staff["practice_id"],
        "name": "Harbour Therapy",
        "invitation_expiry_hours": 120,
        "invitation_reminder_hours": 24,
        "features": {**read.json["practice"]["features"], "messages": True},
    }
    assert all(read.json["practice"]["features"].values())
    assert http.get(f"/internal/practices/{uuid.uuid4()}/clients/{client['id']}", headers=internal).status_code == 404


def test_internal_paths_refuse_callers_without_the_internal_token(http, staff, new_client):
    client = new_client()
    path = f"/internal/practices/{staff['practice_id']}/clients/{client['id']}"

    assert http.get(path).status_code == 403
    assert http.get(path, headers={"X-Internal-Token": "guess"}).status_code == 403
    assert http.post("/internal/accounts", json=sign_up(staff, client)).status_code == 403


def test_accepting_an_invitation_twice_opens_one_account(
    verify_email, http, staff, new_client, internal, engine, sign_in
):
    client = new_client()
    body = sign_up(staff, client)

    first = http.post("/internal/accounts", json=body, headers=internal)
    second = http.post("/internal/accounts", json=body, headers=internal)

    assert (first.status_code, first.json["created"]) == (201, True)
    assert (second.status_code, second.json) == (200, {**first.json, "created": False})
    events = outbox_events(engine, "identity.account.created")
    assert [e.data for e in events] == [
        {
            "account_id": first.json["account_id"],
            "role": "client",
            "client_id": client["id"],
            "invitation_id": body["invitation_id"],
        }
    ]
    assert count(engine, agreements) == 3
    verify_email(body["email"])
    tokens = sign_in(body["email"], body["password"])
    me = http.get("/api/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert (me.json["role"], me.json["profile_id"], me.json["first_name"]) == ("client", client["id"], "Robin")


def test_other_services_read_whether_the_client_accepted_electronic_notices(http, staff, new_client, internal, engine):
    client = new_client()
    path = f"/internal/practices/{staff['practice_id']}/clients/{client['id']}"
    assert http.get(path, headers=internal).json["account"] is None
    opened = http.post("/internal/accounts", json=sign_up(staff, client), headers=internal).json

    assert http.get(path, headers=internal).json["account"]["electronic_notices"] is True
    with engine.begin() as connection:
        connection.execute(
            delete(agreements).where(
                agreements.c.account_id == opened["account_id"], agreements.c.kind == "electronic_notices"
            )
        )
    assert http.get(path, headers=internal).json["account"]["electronic_notices"] is False


def test_a_common_password_is_refused_naming_the_field_and_opens_nothing(http, staff, new_client, internal, engine):
    client = new_client()

    refused = http.post("/internal/accounts", json=sign_up(staff, client, password="iloveyou"), headers=internal)

    assert refused.status_code == 422
    assert list(refused.json["errors"]) == ["password"]
    assert count(engine, accounts) == 1  # only the staff member
    assert outbox_events(engine, "identity.account.created") == []


def test_a_second_invitation_for_a_client_with_an_account_is_a_conflict(http, staff, new_client, internal):
    client = new_client()
    http.post("/internal/accounts", json=sign_up(staff, client), headers=internal)

    again = http.post("/internal/accounts", json=sign_up(staff, client), headers=internal)

    assert again.status_code == 409
    assert again.json["code"] == "account-exists"


def test_a_client_account_may_not_use_staff_paths(http, staff, new_client, internal, sign_in, verify_email):
    client = new_client()
    body = sign_up(staff, client)
    http.post("/internal/accounts", json=body, headers=internal)
    verify_email(body["email"])
    as_client = {"Authorization": f"Bearer {sign_in(body['email'], body['password'])['access_token']}"}

    assert http.get(f"/api/v1/staff/clients/{client['id']}", headers=as_client).status_code == 403
    assert http.get("/api/v1/staff/clients", headers=as_client).status_code == 403


def test_the_notifier_reads_the_active_staff_of_the_roles_it_names(http, staff, add_staff, engine, clock, internal):
    clinician = add_staff(email="ana@harbour.test", role="clinician")
    add_staff(email="desk@harbour.test", role="front_desk")
    gone = add_staff(email="gone@harbour.test", role="admin")
    add_staff(practice_name="Elsewhere Counselling", email="other@elsewhere.test", role="clinician")
    uow = IdentityUnitOfWork(make_session_factory(engine), clock)
    with uow:
        uow.accounts.get(gone["account_id"]).disable()
        uow.commit()
    path = f"/internal/practices/{staff['practice_id']}/staff?role=owner&role=admin&role=clinician"

    read = http.get(path, headers=internal)

    assert read.status_code == 200
    assert read.json["practice"] == {"id": staff["practice_id"], "name": "Harbour Therapy"}
    assert sorted(read.json["items"], key=lambda member: member["email"]) == [
        {"account_id": clinician["account_id"], "email": "ana@harbour.test", "role": "clinician"},
        {"account_id": staff["account_id"], "email": "lead@harbour.test", "role": "owner"},
    ]
    assert http.get(path).status_code == 403
    assert http.get(f"/internal/practices/{uuid.uuid4()}/staff?role=owner", headers=internal).status_code == 404
    assert (
        http.get(f"/internal/practices/{staff['practice_id']}/staff?role=client", headers=internal).status_code == 422
    )


def test_other_services_read_which_accounts_reach_a_profile_and_how(
    http, staff, client_account, new_client, internal, engine, clock
):
    couple = new_client(email="couple@example.test", first_name="Robin and Sky")
    body = {"account_email": client_account["email"], "kind": "partner"}
    assert (
        http.post(f"/api/v1/staff/clients/{couple['id']}/links", json=body, headers=staff["headers"]).status_code == 201
    )
    practice = staff["practice_id"]

    own = http.get(f"/internal/practices/{practice}/clients/{client_account['id']}/links", headers=internal)
    shared = http.get(f"/internal/practices/{practice}/clients/{couple['id']}/links", headers=internal)
    elsewhere = http.get(f"/internal/practices/{uuid.uuid4()}/clients/{couple['id']}/links", headers=internal)

    link = {"account_id": client_account["account_id"], "ends_on": None, "active": True, "account_status": "active"}
    assert own.json["items"] == [link | {"kind": "self"}]
    assert shared.json["items"] == [link | {"kind": "partner"}]
    uow = IdentityUnitOfWork(make_session_factory(engine), clock)
    with uow:
        uow.accounts.get(client_account["account_id"]).disable()
        uow.commit()
    disabled = http.get(f"/internal/practices/{practice}/clients/{couple['id']}/links", headers=internal)
    assert [item["account_status"] for item in disabled.json["items"]] == ["disabled"]
    assert elsewhere.status_code == 404
    assert http.get(f"/internal/practices/{practice}/clients/{couple['id']}/links").status_code == 403
