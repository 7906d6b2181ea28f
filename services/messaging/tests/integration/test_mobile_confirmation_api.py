"""A client's mobile number for notices, confirmed over HTTP on SQLite and PostgreSQL: saving a new number
texts a code (the practice's name and the code, nothing else) and leaves it unconfirmed; the code confirms
it once (`messaging.mobile.confirmed`, never the number); a wrong, expired or too often tried code is 422
naming `code` and confirms nothing; a new code is at most one a minute and five an hour (429), a new
number at once but within the five."""

import re

import pytest
from messaging.adapters.orm import mobile_codes, outbound_texts
from portalkit.testing import outbox_events
from sqlalchemy import select

PREFERENCES = "/api/v1/messaging/preferences"
CONFIRMATION = "/api/v1/messaging/preferences/mobile/confirmation"
NEW_CODE = "/api/v1/messaging/preferences/mobile/code"
PHONE = "+15555550123"


def texts(engine):
    with engine.connect() as connection:
        rows = connection.execute(select(outbound_texts).order_by(outbound_texts.c.created_at)).all()
    return [row for row in rows if row.template == "sms_mobile_confirmation_code"]


def last_code(engine):
    return re.search(r"\b(\d{6})\b", texts(engine)[-1].body).group(1)


def wrong(code):
    return "000000" if code != "000000" else "111111"


def again(tokens, who):
    """The same client with a fresh token (the clock moved past the first one's ten minutes)."""
    token = tokens.issue("client", "practice-a", account_id=who.account_id, profile_id=who.client_id)
    return {"Authorization": f"Bearer {token}"}


def test_a_new_number_is_texted_a_code_and_confirmed_by_it(web, ana, engine, clock):
    saved = web.put(PREFERENCES, json={"channel": "sms", "mobile": "+1 555 555 0123"}, headers=ana.headers)

    assert saved.status_code == 200
    assert (saved.json["mobile"], saved.json["mobile_confirmed"]) == (PHONE, False)
    (text,) = texts(engine)
    assert text.recipient == PHONE
    code = last_code(engine)
    assert text.body == (
        f"Harbour & Pine Counselling: {code} is your code to confirm this number for portal notices. "
        "It expires at 09:10 UTC."
    )
    with engine.connect() as connection:
        stored = connection.execute(select(mobile_codes)).one()
    assert code not in stored.code_hash

    confirmed = web.post(CONFIRMATION, json={"code": code}, headers=ana.headers)

    assert confirmed.status_code == 200
    assert confirmed.json["mobile_confirmed"] is True
    assert web.get(PREFERENCES, headers=ana.headers).json == {**saved.json, "mobile_confirmed": True}
    (event,) = outbox_events(engine, "messaging.mobile.confirmed")
    assert event.data == {"account_id": ana.account_id, "confirmed_at": "2026-01-05T09:00:00Z"}
    assert PHONE not in str(event.data)
    again_ = web.post(CONFIRMATION, json={"code": code}, headers=ana.headers)
    assert (again_.status_code, again_.json["code"]) == (409, "nothing-to-confirm")


def test_saving_the_same_number_keeps_its_confirmation_and_a_changed_one_is_texted_again(web, ana, engine):
    web.put(PREFERENCES, json={"channel": "sms", "mobile": PHONE}, headers=ana.headers)
    web.post(CONFIRMATION, json={"code": last_code(engine)}, headers=ana.headers)

    same = web.put(PREFERENCES, json={"channel": "both", "mobile": PHONE}, headers=ana.headers)

    assert (same.json["mobile_confirmed"], len(texts(engine))) == (True, 1)
    changed = web.put(PREFERENCES, json={"channel": "both", "mobile": "+15555550999"}, headers=ana.headers)
    assert (changed.json["mobile_confirmed"], len(texts(engine))) == (False, 2)
    assert texts(engine)[-1].recipient == "+15555550999"


@pytest.mark.parametrize("kind", ["wrong", "expired", "tried-too-often", "superseded"])
def test_a_code_that_cannot_confirm_is_422_naming_code_and_confirms_nothing(web, ana, engine, clock, tokens, kind):
    web.put(PREFERENCES, json={"channel": "sms", "mobile": PHONE}, headers=ana.headers)
    code = last_code(engine)
    headers = ana.headers
    if kind == "wrong":
        code = wrong(code)
    elif kind == "expired":
        clock.advance(minutes=10)
        headers = again(tokens, ana)
    elif kind == "tried-too-often":
        for _ in range(5):
            assert web.post(CONFIRMATION, json={"code": wrong(code)}, headers=headers).status_code == 422
    else:
        clock.advance(seconds=61)
        assert web.post(NEW_CODE, headers=headers).status_code == 202

    refused = web.post(CONFIRMATION, json={"code": code}, headers=headers)

    assert refused.status_code == 422
    assert refused.headers["Content-Type"].startswith("application/problem+json")
    assert list(refused.json["errors"]) == ["code"]
    assert web.get(PREFERENCES, headers=headers).json["mobile_confirmed"] is False
    assert outbox_events(engine, "messaging.mobile.confirmed") == []


def test_a_new_code_replaces_the_last_at_most_once_a_minute_and_five_times_an_hour(web, ana, engine, clock, tokens):
    web.put(PREFERENCES, json={"channel": "both", "mobile": PHONE}, headers=ana.headers)

    too_soon = web.post(NEW_CODE, headers=ana.headers)

    assert (too_soon.status_code, too_soon.json["code"], too_soon.json["retry_after"]) == (429, "too-many-codes", 60)
    assert too_soon.headers["Retry-After"] == "60"
    sent = []
    for _ in range(4):
        clock.advance(seconds=61)
        sent.append(web.post(NEW_CODE, headers=again(tokens, ana)))
    assert [answer.status_code for answer in sent] == [202] * 4
    assert sent[0].json["mobile"] == PHONE and sent[0].json["expires_at"]
    clock.advance(seconds=61)
    assert web.post(NEW_CODE, headers=again(tokens, ana)).status_code == 429
    assert len(texts(engine)) == 5
    confirmed = web.post(CONFIRMATION, json={"code": last_code(engine)}, headers=again(tokens, ana))
    assert confirmed.json["mobile_confirmed"] is True


def test_a_new_number_over_the_hourly_share_is_429_and_nothing_is_saved(web, ana, engine):
    for n in range(5):
        saved = web.put(PREFERENCES, json={"channel": "sms", "mobile": f"+1555555010{n}"}, headers=ana.headers)
        assert saved.status_code == 200

    refused = web.put(PREFERENCES, json={"channel": "sms", "mobile": "+15555550199"}, headers=ana.headers)

    assert (refused.status_code, refused.json["code"], refused.json["retry_after"]) == (429, "too-many-codes", 3600)
    assert refused.headers["Retry-After"] == "3600"
    assert web.get(PREFERENCES, headers=ana.headers).json["mobile"] == "+15555550104"
    assert len(texts(engine)) == 5


def test_without_an_unconfirmed_number_there_is_nothing_to_confirm_or_resend(web, ana, dana):
    assert web.post(NEW_CODE, headers=ana.headers).json["code"] == "nothing-to-confirm"
    assert web.post(CONFIRMATION, json={"code": "123456"}, headers=ana.headers).status_code == 409
    assert web.post(CONFIRMATION, json={}, headers=ana.headers).status_code == 422
    assert web.post(NEW_CODE, headers=dana.headers).status_code == 403


def test_clients_confirm_only_their_own_number(web, ana, person, engine):
    web.put(PREFERENCES, json={"channel": "sms", "mobile": PHONE}, headers=ana.headers)
    other = person("client")

    answer = web.post(CONFIRMATION, json={"code": last_code(engine)}, headers=other.headers)

    assert answer.status_code == 409
    assert web.get(PREFERENCES, headers=ana.headers).json["mobile_confirmed"] is False
