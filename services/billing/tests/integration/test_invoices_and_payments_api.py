"""Staff draft and issue invoices; the client pays with a saved card; the ledger gives the balance
(charges - payments - adjustments) and never loses a row."""


def test_an_issued_invoice_enters_the_ledger_and_the_clients_list(
    web, as_client, as_staff, issued_invoice, client_id, events
):
    invoice = issued_invoice(fee_cents=15000, discount_cents=2000)

    mine = web.get("/api/v1/billing/invoices", headers=as_client).json
    account = web.get(f"/api/v1/staff/clients/{client_id}/billing", headers=as_staff).json

    assert invoice["status"] == "issued" and invoice["total_cents"] == 13000 and invoice["due_cents"] == 13000
    assert mine["balance_cents"] == 13000 and [i["id"] for i in mine["open"]] == [invoice["id"]] and mine["paid"] == []
    assert [(e["kind"], e["amount_cents"]) for e in account["ledger"]] == [("charge", 15000), ("adjustment", 2000)]
    [event] = events("billing.invoice.issued")
    assert event.data["invoice_id"] == invoice["id"] and event.data["total_cents"] == 13000


def test_a_draft_is_staffs_alone_and_is_issued_once(web, as_client, as_staff, client_id):
    line = {"date_of_service": "2026-12-01", "service_code": "90791", "description": "Intake", "fee_cents": 20000}
    draft = web.post(f"/api/v1/staff/clients/{client_id}/invoices", json={"lines": [line]}, headers=as_staff).json

    unseen = web.get("/api/v1/billing/invoices", headers=as_client).json
    first = web.post(f"/api/v1/staff/invoices/{draft['id']}/issue", headers=as_staff)
    again = web.post(f"/api/v1/staff/invoices/{draft['id']}/issue", headers=as_staff)

    assert draft["status"] == "draft" and unseen["open"] == [] and unseen["balance_cents"] == 0
    assert first.status_code == 200 and again.status_code == 409


def test_bad_invoices_name_the_fields_and_change_nothing(web, as_staff, client_id, identity, practice):
    line = {"date_of_service": "2026-12-01", "service_code": "90834", "description": "Session", "fee_cents": 100}

    no_lines = web.post(f"/api/v1/staff/clients/{client_id}/invoices", json={"lines": []}, headers=as_staff)
    fractional = web.post(
        f"/api/v1/staff/clients/{client_id}/invoices", json={"lines": [line | {"fee_cents": 10.5}]}, headers=as_staff
    )
    too_much_off = web.post(
        f"/api/v1/staff/clients/{client_id}/invoices",
        json={"lines": [line], "adjustments": [{"description": "Waived", "amount_cents": 101}]},
        headers=as_staff,
    )
    stranger = web.post("/api/v1/staff/clients/nobody/invoices", json={"lines": [line]}, headers=as_staff)

    assert no_lines.status_code == 422 and "lines" in no_lines.json["errors"]
    assert fractional.status_code == 422
    assert fractional.json["errors"] == {"lines.0.fee_cents": ["Not a valid integer."]}
    assert too_much_off.status_code == 422 and list(too_much_off.json["errors"]) == ["adjustments"]
    assert stranger.status_code == 422 and list(stranger.json["errors"]) == ["client_id"]
    assert web.get(f"/api/v1/staff/clients/{client_id}/billing", headers=as_staff).json["invoices"] == []


def test_only_owners_admins_and_billing_make_invoices(web, signed_in, client_id):
    line = {"date_of_service": "2026-12-01", "service_code": "90834", "description": "Session", "fee_cents": 100}
    outcomes = {
        role: web.post(
            f"/api/v1/staff/clients/{client_id}/invoices", json={"lines": [line]}, headers=signed_in(role)
        ).status_code
        for role in ("owner", "admin", "billing", "clinician", "front_desk", "client")
    }

    assert outcomes == {"owner": 201, "admin": 201, "billing": 201, "clinician": 403, "front_desk": 403, "client": 403}


def test_paying_with_4242_pays_the_invoice_and_zeroes_the_balance(
    web, as_client, as_staff, issued_invoice, save_card, pay, client_id, events
):
    invoice, card = issued_invoice(), save_card()

    paid = pay(invoice["id"], card["id"])

    assert paid.status_code == 201, paid.json
    assert paid.json["status"] == "succeeded" and paid.json["amount_cents"] == 13000
    mine = web.get("/api/v1/billing/invoices", headers=as_client).json
    assert mine["balance_cents"] == 0 and [i["id"] for i in mine["paid"]] == [invoice["id"]] and mine["open"] == []
    ledger = web.get(f"/api/v1/staff/clients/{client_id}/billing", headers=as_staff).json["ledger"]
    assert [(e["kind"], e["amount_cents"]) for e in ledger][-1] == ("payment", 13000)
    [succeeded], [invoice_paid] = events("billing.payment.succeeded"), events("billing.invoice.paid")
    assert succeeded.data["payment_id"] == paid.json["id"] and succeeded.data["autopay"] is False
    assert invoice_paid.data["invoice_id"] == invoice["id"]
    assert pay(invoice["id"], card["id"]).json["code"] == "invoice-paid"


def test_0002_is_declined_then_another_card_pays(issued_invoice, save_card, pay, events):
    invoice = issued_invoice()
    declining, good = save_card("4000 0000 0000 0002"), save_card("4242 4242 4242 4242")

    declined = pay(invoice["id"], declining["id"])
    paid = pay(invoice["id"], good["id"])

    assert declined.status_code == 402 and declined.json["decline_code"] == "card_declined"
    assert paid.status_code == 201
    [failed] = events("billing.payment.failed")
    assert failed.data["decline_code"] == "card_declined" and failed.data["payment_id"] == declined.json["payment_id"]


def test_9995_is_declined_for_insufficient_funds(issued_invoice, save_card, pay):
    declined = pay(issued_invoice()["id"], save_card("4000 0000 0000 9995")["id"])

    assert declined.status_code == 402 and declined.json["decline_code"] == "insufficient_funds"


def test_a_payment_needs_an_idempotency_key_and_a_card_of_ones_own(
    web, as_client, issued_invoice, save_card, signed_in, identity, practice, pay
):
    invoice = issued_invoice()
    someone_else = signed_in("client", profile_id=identity.add_client(practice))
    strangers_card = save_card(headers=someone_else)

    keyless = web.post(f"/api/v1/billing/invoices/{invoice['id']}/payments", json={"card_id": "x"}, headers=as_client)
    with_theirs = pay(invoice["id"], strangers_card["id"])
    not_theirs = pay(invoice["id"], strangers_card["id"], headers=someone_else)

    assert keyless.status_code == 422 and list(keyless.json["errors"]) == ["Idempotency-Key"]
    assert with_theirs.status_code == 422 and list(with_theirs.json["errors"]) == ["card_id"]
    assert not_theirs.status_code == 404
