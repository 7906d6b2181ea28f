"""A client's addresses, the sign-in address changed by its owner, and several profiles behind one
sign-in, through the gateway against real processes."""

import secrets

import pytest
import requests

pytestmark = pytest.mark.e2e


def sign_in(portal, email, password):
    answer = requests.post(portal.url("/api/v1/auth/login"), json={"email": email, "password": password}, timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()


def bearer(tokens):
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def me(portal, tokens):
    return requests.get(portal.url("/api/v1/me"), headers=bearer(tokens), timeout=10)


def test_a_client_stays_on_their_own_profile_and_cannot_choose_a_strangers(portal, client_account):
    person, stranger = client_account("Noor"), client_account("Ezra", verified=False)
    tokens = sign_in(portal, person["email"], person["password"])

    own = requests.post(
        portal.url("/api/v1/auth/profile"), json={"profile_id": person["id"]}, headers=bearer(tokens), timeout=10
    )
    other = requests.post(
        portal.url("/api/v1/auth/profile"), json={"profile_id": stranger["id"]}, headers=bearer(tokens), timeout=10
    )

    assert own.status_code == 200, own.text
    assert me(portal, own.json()).json()["profile_id"] == person["id"]
    assert (other.status_code, other.json()["code"]) == (404, "profile-not-found")


def test_an_unknown_email_change_link_changes_nothing(portal, client_account):
    person = client_account("Mina")
    tokens = sign_in(portal, person["email"], person["password"])

    answer = requests.post(
        portal.url("/api/v1/auth/email-change/confirm"),
        json={"token": secrets.token_urlsafe(32)},
        headers=bearer(tokens),
        timeout=10,
    )

    assert (answer.status_code, answer.json()["code"]) == (404, "link-not-found")
    assert me(portal, tokens).json()["email"] == person["email"]


def test_staff_add_an_address_and_make_it_the_default_but_not_remove_the_sign_in_one(portal, client_account, new_email):
    person, staff = client_account("Iris"), portal.staff_session()
    emails = portal.url(f"/api/v1/staff/clients/{person['id']}/emails")
    spare = new_email("iris.spare")

    added = staff.post(emails, json={"address": spare})
    chosen = staff.post(emails + "/default", json={"address": spare})
    kept = staff.post(emails + "/remove", json={"address": person["email"]})

    assert added.status_code == 201, added.text
    assert [e["address"] for e in chosen.json()["emails"] if e["is_default"]] == [spare]
    assert (kept.status_code, kept.json()["code"]) == (409, "email-is-sign-in")


def test_a_client_changes_their_sign_in_address_by_the_link_mailed_to_it(portal, client_account, new_email):
    person = client_account("Tove")
    tokens = sign_in(portal, person["email"], person["password"])
    new_address = new_email("tove.new")

    asked = requests.post(
        portal.url("/api/v1/me/email"),
        json={"new_email": new_address, "current_password": person["password"]},
        headers=bearer(tokens),
        timeout=10,
    )
    assert asked.status_code == 202, asked.text
    portal.wait_for_mail_about(person["email"], "change of your sign-in address")
    link = portal.link_in(portal.wait_for_mail_about(new_address, "new sign-in address"), "/email-change")
    confirmed = requests.post(
        portal.url("/api/v1/auth/email-change/confirm"), json={"token": portal.token_of(link)}, timeout=10
    )

    assert confirmed.status_code == 200, confirmed.text
    assert sign_in(portal, new_address, person["password"])["access_token"]


def test_a_partner_switches_to_the_couples_profile(portal, client_account):
    person, couple, staff = client_account("Lior"), client_account("Dana", verified=False), portal.staff_session()
    linked = staff.post(
        portal.url(f"/api/v1/staff/clients/{couple['id']}/links"),
        json={"account_email": person["email"], "kind": "partner"},
    )
    assert linked.status_code == 201, linked.text
    tokens = sign_in(portal, person["email"], person["password"])

    listed = requests.get(portal.url("/api/v1/me/profiles"), headers=bearer(tokens), timeout=10)
    chosen = requests.post(
        portal.url("/api/v1/auth/profile"), json={"profile_id": couple["id"]}, headers=bearer(tokens), timeout=10
    )

    assert {p["id"] for p in listed.json()["items"]} == {person["id"], couple["id"]}
    assert me(portal, chosen.json()).json()["profile_id"] == couple["id"]


def test_a_partners_calendar_feed_of_the_couple_ends_when_the_link_is_removed(portal, client_account):
    person, couple, staff = client_account("Noor"), client_account("Ellis", verified=False), portal.staff_session()
    link = staff.post(
        portal.url(f"/api/v1/staff/clients/{couple['id']}/links"),
        json={"account_email": person["email"], "kind": "partner"},
    )
    assert link.status_code == 201, link.text
    tokens = sign_in(portal, person["email"], person["password"])
    as_couple = requests.post(
        portal.url("/api/v1/auth/profile"), json={"profile_id": couple["id"]}, headers=bearer(tokens), timeout=10
    ).json()
    opened = requests.post(portal.url("/api/v1/appointments/calendar-feed"), headers=bearer(as_couple), timeout=10)
    assert opened.status_code == 201, opened.text
    feed_url = opened.json()["url"]
    assert requests.get(feed_url, timeout=10).status_code == 200

    removed = staff.delete(portal.url(f"/api/v1/staff/clients/{couple['id']}/links/{link.json()['id']}"))

    assert removed.status_code == 204, removed.text
    assert requests.get(feed_url, timeout=10).status_code == 404
