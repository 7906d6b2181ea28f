"""Idempotency-Key on payments (SECURITY.md, Money) and lost processor answers: a card is charged at
most once per invoice, and every charge ends up recorded exactly once."""

import datetime as dt
import threading

from billing.service import payments
from billing.worker import Scheduler


def test_the_same_key_and_body_replays_the_first_answer_for_24_hours(
    issued_invoice, save_card, pay, sandbox_charges, clock
):
    invoice, card = issued_invoice(), save_card()

    first = pay(invoice["id"], card["id"], key="pay-1")
    clock.advance(hours=23)
    again = pay(invoice["id"], card["id"], key="pay-1")

    assert first.status_code == again.status_code == 201
    assert again.json == first.json and again.headers["Idempotent-Replayed"] == "true"
    assert sandbox_charges(invoice["id"]) == 1


def test_a_declined_answer_is_replayed_too(issued_invoice, save_card, pay):
    invoice, card = issued_invoice(), save_card("4000 0000 0000 0002")

    first, again = pay(invoice["id"], card["id"], key="pay-1"), pay(invoice["id"], card["id"], key="pay-1")

    assert first.status_code == again.status_code == 402
    assert again.json == first.json and again.content_type == "application/problem+json"


def test_the_same_key_with_another_body_is_refused(issued_invoice, save_card, pay):
    invoice, card, other = issued_invoice(), save_card("4000 0000 0000 0002"), save_card()
    pay(invoice["id"], card["id"], key="pay-1")

    reused = pay(invoice["id"], other["id"], key="pay-1")

    assert reused.status_code == 422 and reused.json["code"] == "idempotency-key-reused"


def test_the_same_key_while_the_first_is_in_flight_is_409(
    app, issued_invoice, save_card, pay, processor, sandbox_charges
):
    invoice, card = issued_invoice(), save_card()
    processor.hold_next()
    answers = {}
    first = threading.Thread(target=lambda: answers.update(first=pay(invoice["id"], card["id"], key="pay-1")))
    first.start()
    assert processor.entered.wait(timeout=30)

    second = pay(invoice["id"], card["id"], key="pay-1")
    processor.release()
    first.join(timeout=30)

    assert second.status_code == 409 and second.json["code"] == "request-in-progress"
    assert answers["first"].status_code == 201
    assert sandbox_charges(invoice["id"]) == 1


def test_two_pay_requests_at_once_with_one_key_charge_once(app, issued_invoice, save_card, as_client, sandbox_charges):
    invoice, card = issued_invoice(), save_card()
    start, answers = threading.Barrier(2), []
    headers = as_client | {"Idempotency-Key": "pay-1"}

    def pay_now():
        web = app.test_client()
        start.wait()
        answers.append(
            web.post(
                f"/api/v1/billing/invoices/{invoice['id']}/payments", json={"card_id": card["id"]}, headers=headers
            )
        )

    threads = [threading.Thread(target=pay_now) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    codes = sorted(a.status_code for a in answers)
    assert codes in ([201, 201], [201, 409]), [a.json for a in answers]
    assert sandbox_charges(invoice["id"]) == 1


def test_two_pay_requests_at_once_with_different_keys_charge_once(
    app, issued_invoice, save_card, as_client, sandbox_charges
):
    invoice, card = issued_invoice(), save_card()
    start, answers = threading.Barrier(2), []

    def pay_now(key):
        web = app.test_client()
        start.wait()
        headers = as_client | {"Idempotency-Key": key}
        answers.append(
            web.post(
                f"/api/v1/billing/invoices/{invoice['id']}/payments", json={"card_id": card["id"]}, headers=headers
            )
        )

    threads = [threading.Thread(target=pay_now, args=(f"pay-{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # The second either finds the invoice paid or the first's attempt under way and answers with it.
    codes = sorted(a.status_code for a in answers)
    assert codes in ([201, 201], [201, 409]), [a.json for a in answers]
    assert len({a.json["id"] for a in answers if a.status_code == 201}) == 1
    assert sandbox_charges(invoice["id"]) == 1


def test_an_answer_lost_after_the_charge_is_settled_by_retrying_the_key(
    web, as_client, issued_invoice, save_card, pay, processor, sandbox_charges, events
):
    invoice, card = issued_invoice(), save_card()
    processor.lose_next(charged=True)

    lost = pay(invoice["id"], card["id"], key="pay-1")
    meanwhile = web.get("/api/v1/billing/invoices", headers=as_client).json
    retried = pay(invoice["id"], card["id"], key="pay-1")

    assert lost.status_code == 503 and lost.json["code"] == "payment-pending"
    assert meanwhile["balance_cents"] == 13000 and [i["id"] for i in meanwhile["open"]] == [invoice["id"]]
    assert retried.status_code == 201 and retried.json["status"] == "succeeded"
    assert sandbox_charges(invoice["id"]) == 1
    assert len(events("billing.payment.succeeded")) == 1 and len(events("billing.invoice.paid")) == 1
    assert web.get("/api/v1/billing/invoices", headers=as_client).json["balance_cents"] == 0


def test_an_answer_lost_before_the_charge_charges_once_on_retry(
    issued_invoice, save_card, pay, processor, sandbox_charges
):
    invoice, card = issued_invoice(), save_card()
    processor.lose_next(charged=False)

    lost = pay(invoice["id"], card["id"], key="pay-1")
    uncharged = sandbox_charges(invoice["id"])
    retried = pay(invoice["id"], card["id"], key="pay-1")

    assert lost.status_code == 503 and uncharged == 0
    assert retried.status_code == 201 and sandbox_charges(invoice["id"]) == 1


def test_the_workers_sweep_settles_a_lost_answer_nobody_retried(
    web, as_client, issued_invoice, save_card, pay, processor, unit_of_work, clock, sandbox_charges
):
    invoice, card = issued_invoice(), save_card()
    processor.lose_next(charged=True)
    pay(invoice["id"], card["id"])
    scheduler = Scheduler(unit_of_work, processor, interval=1, batch_size=10)

    too_soon = scheduler.sweep()
    clock.advance(minutes=2)
    swept = scheduler.sweep()

    assert too_soon == (0, 0) and swept[1] >= 1
    assert web.get("/api/v1/billing/invoices", headers=as_client).json["balance_cents"] == 0
    assert sandbox_charges(invoice["id"]) == 1
    assert payments.settle_pending(unit_of_work, processor, dt.timedelta(minutes=1), 10) == 0
