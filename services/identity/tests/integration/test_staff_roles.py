"""Every identity staff action tried with every role: allowed or 403 exactly as the README's role
table says. The table is written out here on its own, so a change to the permission table that the
README does not follow makes this fail."""

import uuid

import pytest
from identity.domain.model import Account, Practice, new_id
from identity.domain.permissions import ACTIONS
from identity.domain.profile_links import own_link
from identity.service import clients
from identity.service.unit_of_work import IdentityUnitOfWork
from portalkit.db import make_session_factory

Y, N = True, False
ROLES = ("owner", "admin", "clinician", "billing", "front_desk", "client")
# action:                    owner admin clinician billing front_desk client
README_TABLE = {
    "create_client": (Y, Y, Y, N, Y, N),
    "read_clients": (Y, Y, Y, Y, Y, N),
    "manage_client_emails": (Y, Y, Y, N, Y, N),
    "send_sign_in_pin": (Y, Y, Y, N, Y, N),
    "send_reset_link": (Y, Y, Y, N, Y, N),
    "disable_enable_account": (Y, Y, Y, N, Y, N),
    "reset_two_factor": (Y, Y, Y, N, Y, N),
    "link_profiles": (Y, Y, Y, N, N, N),
    "read_profile_links": (Y, Y, Y, N, Y, N),
    "read_practice_settings": (Y, Y, Y, Y, Y, N),
    "change_practice_settings": (Y, Y, N, N, N, N),
    "read_audit": (Y, Y, Y, Y, Y, N),
}


def request_for(action, client_id, partner_email):
    """(method, path, body, status when allowed) of one staff action on client `client_id`."""
    clients_path = f"/api/v1/staff/clients/{client_id}"
    return {
        "create_client": (
            "POST",
            "/api/v1/staff/clients",
            {"first_name": "Ari", "last_name": "Vale", "email": f"{uuid.uuid4().hex}@x.test"},
            201,
        ),
        "read_clients": ("GET", "/api/v1/staff/clients", None, 200),
        "manage_client_emails": ("POST", f"{clients_path}/emails", {"address": "second@x.test"}, 201),
        "send_sign_in_pin": ("POST", f"{clients_path}/sign-in-pin", None, 201),
        "send_reset_link": ("POST", f"{clients_path}/reset-link", {}, 201),
        "disable_enable_account": ("POST", f"{clients_path}/account/disable", None, 200),
        "reset_two_factor": ("POST", f"{clients_path}/2fa/reset", None, 200),
        "link_profiles": ("POST", f"{clients_path}/links", {"account_email": partner_email, "kind": "partner"}, 201),
        "read_profile_links": ("GET", f"{clients_path}/links", None, 200),
        "read_practice_settings": ("GET", "/api/v1/staff/practice/settings", None, 200),
        "change_practice_settings": ("PATCH", "/api/v1/staff/practice/settings", {"staff_pin_expiry_minutes": 10}, 200),
        "read_audit": ("GET", f"{clients_path}/sign-in-events", None, 200),
    }[action]


def test_the_table_here_names_every_action_the_service_guards():
    assert set(README_TABLE) == set(ACTIONS)


@pytest.fixture
def practice(engine, clock, app):
    """A practice with a client who has an account, a partner who has one, and a token per role
    (minted directly: no password hashing, so the 144 cases stay fast)."""
    factory = make_session_factory(engine)
    uow = IdentityUnitOfWork(factory, clock)
    staff_ids = {}
    with uow:
        practice = Practice(new_id(), "Role Test Practice")
        uow.practices.add(practice)
        uow.commit()
        practice_id = practice.id
    client = clients.create_client(
        IdentityUnitOfWork(factory, clock), practice_id, clients.NewClient("Robin", "Hale", "robin@x.test")
    )
    partner = clients.create_client(
        IdentityUnitOfWork(factory, clock), practice_id, clients.NewClient("Sky", "Hale", "sky@x.test")
    )
    accounts = {}
    with uow:
        for role in ROLES[:-1]:
            account = Account.open(practice_id, f"{role}@x.test", "not-a-hash", role, clock.now())
            uow.accounts.add(account)
            staff_ids[role] = account
        for person in (client, partner):
            account = Account.open(
                practice_id, person["emails"][0]["address"], "x", "client", clock.now(), person["id"]
            )
            account.verify_email(clock.now())
            uow.accounts.add(account)
            uow.flush()
            uow.profile_links.add(own_link(practice_id, account.id, person["id"], clock.now()))
            accounts[person["id"]] = account
        uow.commit()
        tokens = app.extensions["identity"].tokens
        bearer = {role: tokens.issue(account, "no-session", None) for role, account in staff_ids.items()}
        own = accounts[client["id"]]
        bearer["client"] = tokens.issue(own, "no-session", client["id"])
    return {"client_id": client["id"], "partner_email": "sky@x.test", "bearer": bearer}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(README_TABLE))
def test_each_role_takes_exactly_the_staff_actions_the_table_allows(http, practice, action, role):
    method, path, body, allowed_status = request_for(action, practice["client_id"], practice["partner_email"])
    headers = {"Authorization": f"Bearer {practice['bearer'][role]}"}

    answer = http.open(path, method=method, json=body, headers=headers)

    allowed = README_TABLE[action][ROLES.index(role)]
    if allowed:
        assert answer.status_code == allowed_status, answer.json
    else:
        assert (answer.status_code, answer.json["code"]) == (403, "forbidden")
