"""Cards reach billing only as sandbox tokens (brand, last 4 and expiry kept, never the number or
CVC); autopay records the consent the client agreed to, with who, when, where and which card."""

from billing.adapters import orm
from billing.domain.cards import AUTOPAY_CONSENT_TEXT, AUTOPAY_CONSENT_VERSION
from sqlalchemy import select

CARD = {"number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2030, "cvc": "123"}


def test_a_saved_card_keeps_brand_last4_and_expiry_and_never_the_number(web, as_client, save_card, engine):
    saved = save_card()

    assert saved["brand"] == "visa" and saved["last4"] == "4242" and saved["is_default"] is True
    assert (saved["exp_month"], saved["exp_year"]) == (12, 2030)
    with engine.connect() as connection:
        everything = [str(row) for table in orm.metadata.sorted_tables for row in connection.execute(select(table))]
    assert not any("4242424242424242" in row or "4242 4242 4242 4242" in row for row in everything)


def test_the_sandbox_refuses_expired_cards_a_wrong_cvc_and_bad_numbers(web, as_client):
    def tokenise(**changes):
        return web.post("/api/v1/billing/sandbox/tokens", json=CARD | changes, headers=as_client)

    expired, wrong_cvc = tokenise(exp_month=11, exp_year=2026), tokenise(cvc="000")
    not_luhn = tokenise(number="4242 4242 4242 4241")

    assert (expired.status_code, expired.json["decline_code"]) == (402, "expired_card")
    assert (wrong_cvc.status_code, wrong_cvc.json["decline_code"]) == (402, "incorrect_cvc")
    assert not_luhn.status_code == 422 and list(not_luhn.json["errors"]) == ["number"]
    assert "4241" not in not_luhn.get_data(as_text=True)


def test_a_made_up_token_is_refused(web, as_client):
    refused = web.post("/api/v1/billing/cards", json={"token": "tok_sandbox_guess"}, headers=as_client)

    assert refused.status_code == 402 and refused.json["decline_code"] == "invalid_token"


def test_a_token_saves_one_card_only(web, as_client, signed_in, identity, practice):
    token = web.post("/api/v1/billing/sandbox/tokens", json=CARD, headers=as_client).json["token"]
    someone_else = signed_in("client", profile_id=identity.add_client(practice))

    first = web.post("/api/v1/billing/cards", json={"token": token}, headers=as_client)
    taken = web.post("/api/v1/billing/cards", json={"token": token}, headers=someone_else)
    again = web.post("/api/v1/billing/cards", json={"token": token}, headers=as_client)

    assert first.status_code == 201
    assert (taken.status_code, taken.json["decline_code"]) == (402, "token_used")
    assert again.status_code == 402
    assert web.get("/api/v1/billing/cards", headers=someone_else).json["items"] == []


def test_the_client_sets_another_default_and_removes_a_card(web, as_client, save_card, clock):
    first = save_card()
    clock.advance(minutes=1)
    second = save_card("5555 5555 5555 4444")

    web.post(f"/api/v1/billing/cards/{second['id']}/default", headers=as_client)
    listed = web.get("/api/v1/billing/cards", headers=as_client).json["items"]
    removed = web.delete(f"/api/v1/billing/cards/{second['id']}", headers=as_client)
    left = web.get("/api/v1/billing/cards", headers=as_client).json["items"]

    assert [(c["last4"], c["is_default"]) for c in listed] == [("4242", False), ("4444", True)]
    assert removed.status_code == 204
    assert [(c["id"], c["is_default"]) for c in left] == [(first["id"], True)]


def test_another_clients_card_is_not_found(web, save_card, signed_in, identity, practice):
    card = save_card()
    other = signed_in("client", profile_id=identity.add_client(practice))

    assert web.delete(f"/api/v1/billing/cards/{card['id']}", headers=other).status_code == 404


def test_enrolling_records_the_consent_as_given_and_publishes_it(web, as_client, save_card, engine, events, client_id):
    card = save_card()
    shown = web.get("/api/v1/billing/autopay", headers=as_client).json

    enrolled = web.put(
        "/api/v1/billing/autopay",
        json={"card_id": card["id"], "consent_version": shown["consent_version"]},
        headers=as_client,
        environ_base={"REMOTE_ADDR": "198.51.100.7"},
    )

    assert shown["enrolled"] is False and shown["consent_text"] == AUTOPAY_CONSENT_TEXT
    assert enrolled.status_code == 200 and enrolled.json["enrolled"] is True
    with engine.connect() as connection:
        [row] = connection.execute(
            select(orm.autopay_enrollments).where(orm.autopay_enrollments.c.client_id == client_id)
        ).mappings()
    assert row["consent_version"] == AUTOPAY_CONSENT_VERSION and row["consent_text"] == AUTOPAY_CONSENT_TEXT
    assert row["enrolled_by"] == f"account-{client_id[:8]}" and row["ip_address"] == "198.51.100.7"
    assert row["card_id"] == card["id"] and row["enrolled_at"] is not None
    [event] = events("billing.autopay.enrolled")
    assert event.data == {
        "enrollment_id": row["id"],
        "client_id": client_id,
        "card_id": card["id"],
        "consent_version": AUTOPAY_CONSENT_VERSION,
    }


def test_autopay_changes_card_refuses_removing_it_and_turns_off(web, as_client, save_card, events):
    first, second = save_card(), save_card("5555 5555 5555 4444")
    enroll = {"card_id": first["id"], "consent_version": AUTOPAY_CONSENT_VERSION}
    web.put("/api/v1/billing/autopay", json=enroll, headers=as_client)

    changed = web.put("/api/v1/billing/autopay", json=enroll | {"card_id": second["id"]}, headers=as_client)
    kept = web.delete(f"/api/v1/billing/cards/{second['id']}", headers=as_client)
    off = web.delete("/api/v1/billing/autopay", headers=as_client)

    assert changed.json["card_id"] == second["id"]
    assert kept.status_code == 409 and kept.json["code"] == "card-in-autopay"
    assert off.status_code == 204
    assert web.get("/api/v1/billing/autopay", headers=as_client).json["enrolled"] is False
    assert [len(events(f"billing.autopay.{what}")) for what in ("enrolled", "card_changed", "unenrolled")] == [1, 1, 1]


def test_an_old_consent_or_a_strangers_card_enrols_nobody(web, as_client, save_card, events):
    card = save_card()

    old = web.put(
        "/api/v1/billing/autopay", json={"card_id": card["id"], "consent_version": "2020-01-01"}, headers=as_client
    )
    strange = web.put(
        "/api/v1/billing/autopay",
        json={"card_id": "nope", "consent_version": AUTOPAY_CONSENT_VERSION},
        headers=as_client,
    )

    assert old.status_code == 422 and list(old.json["errors"]) == ["consent_version"]
    assert strange.status_code == 422 and list(strange.json["errors"]) == ["card_id"]
    assert events("billing.autopay.enrolled") == []


def test_autopay_is_refused_when_the_practice_has_it_off(web, as_client, save_card, identity):
    card = save_card()
    identity.features_off.add("autopay")

    refused = web.put(
        "/api/v1/billing/autopay",
        json={"card_id": card["id"], "consent_version": AUTOPAY_CONSENT_VERSION},
        headers=as_client,
    )

    assert refused.status_code == 403 and refused.json["code"] == "feature-off"
