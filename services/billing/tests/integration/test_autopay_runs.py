"""Autopay charges an issued invoice of an enrolled client on the practice's autopay day: at once or
N days later; a declined charge leaves the invoice open for the client to pay by hand; two
schedulers at once charge once."""

import functools
import threading

from billing.adapters.unit_of_work import BillingUnitOfWork
from billing.domain.cards import AUTOPAY_CONSENT_VERSION
from billing.worker import Scheduler
from portalkit.db import make_engine, make_session_factory


def enroll(web, headers, card):
    answer = web.put(
        "/api/v1/billing/autopay",
        json={"card_id": card["id"], "consent_version": AUTOPAY_CONSENT_VERSION},
        headers=headers,
    )
    assert answer.status_code == 200, answer.json


def test_an_issued_invoice_is_paid_by_autopay_at_once(
    web, as_client, save_card, issued_invoice, unit_of_work, processor, events
):
    enroll(web, as_client, save_card())
    invoice = issued_invoice()

    charged, _ = Scheduler(unit_of_work, processor, 1, 10).sweep()

    mine = web.get("/api/v1/billing/invoices", headers=as_client).json
    assert charged >= 1 and [i["id"] for i in mine["paid"]] == [invoice["id"]] and mine["balance_cents"] == 0
    [paid] = events("billing.payment.succeeded")
    assert paid.data["autopay"] is True and paid.data["invoice_id"] == invoice["id"]


def test_autopay_waits_for_the_practices_day(
    web, as_client, as_staff, save_card, issued_invoice, unit_of_work, processor, clock
):
    web.patch("/api/v1/staff/billing/settings", json={"autopay_delay_days": 3}, headers=as_staff)
    enroll(web, as_client, save_card())
    invoice = issued_invoice()
    scheduler = Scheduler(unit_of_work, processor, 1, 10)

    scheduler.sweep()
    early = web.get("/api/v1/billing/invoices", headers=as_client).json
    clock.advance(days=3)
    scheduler.sweep()
    due = web.get("/api/v1/billing/invoices", headers=as_client).json

    assert [i["id"] for i in early["open"]] == [invoice["id"]]
    assert [i["id"] for i in due["paid"]] == [invoice["id"]]


def test_a_declined_autopay_leaves_the_invoice_for_the_client_to_pay(
    web, as_client, save_card, issued_invoice, unit_of_work, processor, pay, events
):
    enroll(web, as_client, save_card("4000 0000 0000 0002"))
    invoice = issued_invoice()

    Scheduler(unit_of_work, processor, 1, 10).sweep()
    after_autopay = web.get("/api/v1/billing/invoices", headers=as_client).json
    by_hand = pay(invoice["id"], save_card()["id"])

    [failed] = events("billing.payment.failed")
    assert failed.data["autopay"] is True and failed.data["decline_code"] == "card_declined"
    assert [i["id"] for i in after_autopay["open"]] == [invoice["id"]]
    assert by_hand.status_code == 201


def test_no_autopay_without_enrolment_or_with_the_feature_off(
    web, as_client, save_card, issued_invoice, identity, unit_of_work, processor
):
    not_enrolled = issued_invoice()
    enroll(web, as_client, save_card())
    identity.features_off.add("autopay")
    feature_off = issued_invoice()

    Scheduler(unit_of_work, processor, 1, 10).sweep()

    open_ids = {i["id"] for i in web.get("/api/v1/billing/invoices", headers=as_client).json["open"]}
    assert open_ids == {not_enrolled["id"], feature_off["id"]}


def test_two_schedulers_at_once_charge_each_invoice_once(
    web, as_client, save_card, issued_invoice, database_url, clock, processor, sandbox_charges
):
    enroll(web, as_client, save_card())
    invoices = [issued_invoice() for _ in range(4)]
    engines = [make_engine(database_url) for _ in range(2)]
    start = threading.Barrier(2)

    def scheduler(engine):
        unit_of_work = functools.partial(BillingUnitOfWork, make_session_factory(engine), clock)
        start.wait()
        Scheduler(unit_of_work, processor, 1, 10).sweep()

    threads = [threading.Thread(target=scheduler, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for engine in engines:
        engine.dispose()

    assert [sandbox_charges(i["id"]) for i in invoices] == [1, 1, 1, 1]
    assert web.get("/api/v1/billing/invoices", headers=as_client).json["balance_cents"] == 0


def test_a_declined_autopay_is_tried_again_after_3_then_4_days_then_left_to_the_client(
    web, as_client, save_card, issued_invoice, unit_of_work, processor, clock, events
):
    enroll(web, as_client, save_card("4000 0000 0000 9995"))
    issued_invoice()
    scheduler = Scheduler(unit_of_work, processor, 1, 10)

    scheduler.sweep()
    clock.advance(days=2, hours=23)
    scheduler.sweep()
    tried_too_soon = len(events("billing.payment.failed"))
    clock.advance(hours=1)
    scheduler.sweep()
    clock.advance(days=4)
    scheduler.sweep()
    clock.advance(days=30)
    scheduler.sweep()

    assert tried_too_soon == 1
    assert [e.data["decline_code"] for e in events("billing.payment.failed")] == ["insufficient_funds"] * 3


def test_no_retry_once_the_client_paid_by_hand(
    web, as_client, save_card, issued_invoice, unit_of_work, processor, clock, pay, sandbox_charges
):
    enroll(web, as_client, save_card("4000 0000 0000 0002"))
    invoice = issued_invoice()
    scheduler = Scheduler(unit_of_work, processor, 1, 10)
    scheduler.sweep()

    paid = pay(invoice["id"], save_card("4242 4242 4242 4242")["id"])
    clock.advance(days=3)
    scheduler.sweep()

    assert paid.status_code == 201 and sandbox_charges(invoice["id"]) == 1
