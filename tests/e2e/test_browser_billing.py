"""In a real browser, through the real stack: a client on a phone sees "Enroll in autopay" on the
dashboard, saves a card that is declined (0002), pays an invoice with it and is told, saves the 4242
card, pays by hand, then turns on autopay after reading the agreement, and the next invoice is paid by
itself; staff draft and issue an invoice on the client's page and see the ledger and the cards, and
refund part of a payment there (then ask for more than is left and are told); the front desk sees the
payments but is offered neither a refund nor a new invoice."""

import re
import time
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}
SESSION = {"date_of_service": "2026-12-01", "service_code": "90834", "description": "Psychotherapy, 45 min"}
pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"billing-{name}.png"), full_page=True)


def sign_in(page: Page, portal, email, password, lands_on) -> None:
    page.goto(portal.url("/sign-in"))
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"**{lands_on}")


def issue_invoice(portal, client_id, fee_cents):
    staff = portal.staff_session()
    made = staff.post(
        portal.url(f"/api/v1/staff/clients/{client_id}/invoices"), json={"lines": [SESSION | {"fee_cents": fee_cents}]}
    )
    assert staff.post(portal.url(f"/api/v1/staff/invoices/{made.json()['id']}/issue")).status_code == 200


def wait_until_paid(portal, client_id, count, timeout=30):
    staff, deadline = portal.staff_session(), time.monotonic() + timeout
    while time.monotonic() < deadline:
        invoices = staff.get(portal.url(f"/api/v1/staff/clients/{client_id}/billing")).json()["invoices"]
        if sum(invoice["status"] == "paid" for invoice in invoices) >= count:
            return
        time.sleep(0.2)
    raise AssertionError(f"{count} invoices of {client_id} not paid in time")


def save_card(page: Page, number):
    form = page.locator("[data-card-form]")
    form.get_by_label("Card number").fill(number)
    form.get_by_label("Expiry month").fill("12")
    form.get_by_label("Expiry year").fill("2035")
    form.get_by_label("Security code").fill("123")
    form.get_by_role("button", name="Save card").click()
    expect(form.locator("[data-card-status]")).to_contain_text(f"ending {number[-4:]} was saved")


def test_a_client_pays_by_hand_then_turns_on_autopay_on_a_phone(portal, client_account, autopay_offered, browser_page):
    page = browser_page
    page.set_viewport_size(PHONE)
    person = client_account("Jordan")
    issue_invoice(portal, person["id"], 12500)
    sign_in(page, portal, person["email"], person["password"], "/dashboard")

    # The dashboard asks for autopay and says what is owed
    expect(page.locator("[data-pending-tasks]")).to_contain_text("Enroll in autopay")
    expect(page.locator('[data-feature-section="invoices_and_payments"]')).to_contain_text("$125.00 on 1 open invoice")
    page.get_by_role("link", name=re.compile("Enroll in autopay")).click()
    page.wait_for_url("**/billing#autopay")

    # A declined card is said to be declined; the 4242 card pays
    save_card(page, "4000 0000 0000 0002")
    invoice = page.locator("[data-open-invoices] li")
    invoice.get_by_role("button", name="Pay $125.00").click()
    expect(page.locator("[data-pay-status]")).to_contain_text("The card was declined.")
    save_card(page, "4242 4242 4242 4242")
    invoice.get_by_role("combobox").select_option(label="Visa ending 4242")
    invoice.get_by_role("button", name="Pay $125.00").click()
    expect(page.locator("[data-pay-status]")).to_contain_text("Thank you: $125.00 paid.")
    expect(page.locator("[data-balance]")).to_have_text("$0.00")
    screenshot(page, "client-paid")

    # Autopay: the agreement is shown and must be agreed to
    autopay = page.locator("[data-autopay-form]")
    expect(autopay.locator("[data-consent-text]")).to_contain_text("I authorise my practice to charge")
    autopay.get_by_label("Card to charge").select_option(label="Visa ending 4242")
    autopay.get_by_role("button", name="Turn on autopay").click()
    expect(autopay.locator("[data-error-for=consent_version]")).to_contain_text("tick the box")
    autopay.get_by_label("I have read the autopay agreement and agree to it").check()
    autopay.get_by_role("button", name="Turn on autopay").click()
    expect(page.locator("[data-autopay-state]")).to_contain_text(
        "Autopay is on: each invoice is charged to your Visa ending 4242"
    )
    screenshot(page, "client-autopay")

    # The next invoice is paid by itself, and the task is gone
    issue_invoice(portal, person["id"], 9000)
    wait_until_paid(portal, person["id"], count=2)
    page.reload()
    expect(page.locator("[data-paid-invoices] li")).to_have_count(2)
    expect(page.locator("[data-balance]")).to_have_text("$0.00")
    page.goto(portal.url("/dashboard"))
    expect(page.locator("[data-dashboard]")).to_be_visible()
    expect(page.locator("[data-pending-tasks]")).not_to_contain_text("Enroll in autopay")


def test_staff_draft_and_issue_an_invoice_and_see_the_ledger(portal, client_account, browser_page):
    page = browser_page
    person = client_account("Casey")
    sign_in(page, portal, portal.staff_email, portal.staff_password, "/staff/clients")
    page.goto(portal.url(f"/staff/clients/{person['id']}"))
    billing = page.locator("[data-staff-billing]")
    expect(billing).to_be_visible()

    form = billing.locator("[data-invoice-form]")
    form.get_by_label("Service code").fill("90837")
    form.get_by_label("Description").fill("Psychotherapy, 60 min")
    form.get_by_label("Fee").fill("180")
    form.get_by_label(re.compile("Adjustment or discount")).fill("Sliding scale")
    form.get_by_label("Amount off").fill("30.50")
    form.get_by_role("button", name="Save as draft").click()
    expect(form.locator("[data-invoice-status]")).to_contain_text("Draft of $149.50 saved")
    billing.locator("[data-staff-invoice=draft]").get_by_role("button", name="Issue").click()

    expect(billing.locator("[data-staff-invoices-status]")).to_contain_text("Invoice of $149.50 issued")
    expect(billing.locator("[data-staff-balance]")).to_have_text("$149.50")
    expect(billing.locator("[data-staff-ledger] tr")).to_have_count(2)
    expect(billing.locator("[data-staff-ledger]")).to_contain_text("Adjustment: Sliding scale")
    billing.scroll_into_view_if_needed()
    screenshot(page, "staff-client")


def paid_with_4242(portal, person):
    """The client saves the 4242 card and pays their one open invoice (through the API)."""
    client = portal.session_of(person["email"], person["password"])
    card = {"number": "4242424242424242", "exp_month": 12, "exp_year": 2035, "cvc": "123"}
    token = client.post(portal.url("/api/v1/billing/sandbox/tokens"), json=card).json()["token"]
    card_id = client.post(portal.url("/api/v1/billing/cards"), json={"token": token}).json()["id"]
    [invoice] = client.get(portal.url("/api/v1/billing/invoices")).json()["open"]
    paid = client.post(
        portal.url(f"/api/v1/billing/invoices/{invoice['id']}/payments"),
        json={"card_id": card_id},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert paid.status_code == 201, paid.text
    return paid.json()


def test_staff_refund_part_of_a_payment_on_the_clients_page(portal, client_account, browser_page):
    page = browser_page
    person = client_account("Morgan")
    issue_invoice(portal, person["id"], 12000)
    payment = paid_with_4242(portal, person)
    sign_in(page, portal, portal.staff_email, portal.staff_password, "/staff/clients")
    page.goto(portal.url(f"/staff/clients/{person['id']}"))
    billing = page.locator("[data-staff-billing]")
    item = billing.locator(f"[data-staff-payment='{payment['id']}']")
    expect(item).to_contain_text("$120.00 paid")

    # The amount offered is what is left; staff type a part and a reason, then confirm
    item.locator(".item-list__actions").get_by_role("button", name="Refund").click()
    form = item.locator("[data-refund-form]")
    expect(form.get_by_label("Amount to refund")).to_have_value("120.00")
    form.get_by_label("Amount to refund").fill("20")
    form.get_by_label("Reason").fill("Session ended early")
    form.get_by_role("button", name="Refund").click()
    confirm = billing.locator("[data-refund-confirm]")
    expect(confirm).to_contain_text("Refund $20.00 of this payment to the client's card?")
    confirm.get_by_role("button", name="Refund").click()

    status = billing.locator("[data-staff-payments-status]")
    expect(status).to_contain_text("Refunded $20.00 to the client's card. $100.00 of the payment is left to refund.")
    expect(billing.locator("[data-staff-balance]")).to_have_text("$20.00")
    expect(item).to_contain_text("$20.00 refunded")
    expect(item.locator("[data-staff-refund=succeeded]")).to_contain_text("Refund of $20.00 on")
    expect(item.locator("[data-staff-refund=succeeded]")).to_contain_text("Session ended early")
    expect(billing.locator("[data-staff-ledger]")).to_contain_text("Refund: Refund to card")

    # More than is left is refused, naming the amount, and nothing changes
    item.locator(".item-list__actions").get_by_role("button", name="Refund").click()
    form.get_by_label("Amount to refund").fill("150")
    form.get_by_label("Reason").fill("Typed too much")
    form.get_by_role("button", name="Refund").click()
    confirm.get_by_role("button", name="Refund").click()
    expect(form.locator("[data-error-for=amount_cents]")).to_contain_text("At most what is left of the payment")
    expect(status).to_have_text("Some fields are missing or not valid. Correct the marked fields and try again.")
    expect(billing.locator("[data-staff-balance]")).to_have_text("$20.00")
    billing.scroll_into_view_if_needed()
    screenshot(page, "staff-refund")


def test_the_front_desk_sees_payments_but_is_not_offered_a_refund_or_a_new_invoice(
    portal, client_account, staff_account, browser_page
):
    page = browser_page
    person = client_account("Quinn")
    issue_invoice(portal, person["id"], 9000)
    payment = paid_with_4242(portal, person)
    desk = staff_account("front_desk")

    sign_in(page, portal, desk["email"], desk["password"], "/staff/clients")
    page.goto(portal.url(f"/staff/clients/{person['id']}"))
    billing = page.locator("[data-staff-billing]")
    item = billing.locator(f"[data-staff-payment='{payment['id']}']")

    expect(item).to_contain_text("$90.00 paid")
    expect(item.get_by_role("button", name="Refund")).to_have_count(0)
    expect(billing.locator("[data-invoice-form]")).to_be_hidden()


@pytest.fixture
def billing_settings_put_back(portal):
    yield
    defaults = {"no_show_fee_cents": 0, "late_cancel_fee_cents": 0, "autopay_delay_days": 0}
    assert portal.staff_session().patch(portal.url("/api/v1/staff/billing/settings"), json=defaults).status_code == 200


def test_staff_set_the_practices_fees_and_autopay_day(portal, billing_settings_put_back, browser_page):
    page = browser_page
    sign_in(page, portal, portal.staff_email, portal.staff_password, "/staff/clients")
    page.goto(portal.url("/staff/settings"))
    form = page.locator("[data-billing-settings-form]")
    expect(form).to_be_visible()

    form.get_by_label("Missed appointment fee").fill("abc")
    form.get_by_role("button", name="Save billing settings").click()
    expect(form.locator("[data-error-for=no_show_fee_cents]")).to_contain_text("Type an amount")
    form.get_by_label("Missed appointment fee").fill("75")
    form.get_by_label(re.compile("Autopay charges an invoice")).fill("3")
    form.get_by_role("button", name="Save billing settings").click()
    expect(form.locator("[data-billing-settings-status]")).to_have_text("Billing settings saved.")

    saved = portal.staff_session().get(portal.url("/api/v1/staff/billing/settings")).json()
    assert (saved["no_show_fee_cents"], saved["autopay_delay_days"]) == (7500, 3)
    # The processor: the sandbox, Stripe offered only once the portal has Stripe's keys (not here).
    processor = form.get_by_label("Card payments through")
    expect(processor).to_have_value("sandbox")
    expect(processor.locator("option[value=stripe]")).to_be_disabled()
    assert saved["processor"] == "sandbox" and saved["processors_available"] == ["sandbox"]
    form.scroll_into_view_if_needed()
    screenshot(page, "staff-settings")
