"""The dashboard's billing part comes from billing, asked with the client's own access token: the open
balance, and "Enroll in autopay" as a task until the client enrols, when the practice offers autopay.
Billing being down or slow leaves the rest of the dashboard standing."""

import pytest
from gateway.adapters.upstream import timed_out

SETTINGS_URL = "http://identity.test/internal/practices/practice-1/settings"
ASSIGNMENTS_URL = "http://forms.test/api/v1/assignments"
INVOICES_URL = "http://billing.test/api/v1/billing/invoices"
AUTOPAY_URL = "http://billing.test/api/v1/billing/autopay"
INSURANCE_URL = "http://billing.test/api/v1/billing/insurance"
ESTIMATES_URL = "http://billing.test/api/v1/billing/estimates"
ALL_ON = {"forms": True, "invoices_and_payments": True, "autopay": True, "insurance": True, "estimates": True}
FORM = {"id": "form-1", "kind": "form", "title": "Intake", "status": "pending", "due_on": None, "completed_at": None}


@pytest.fixture
def practice(upstream, json_answer):
    def features(**changes):
        upstream.answer("GET", SETTINGS_URL, json_answer(200, {"features": {**ALL_ON, **changes}}))

    features()
    upstream.answer("GET", ASSIGNMENTS_URL, json_answer(200, {"items": [FORM]}))
    return features


@pytest.fixture
def billing_says(upstream, json_answer):
    def says(balance_cents=13000, open_count=1, enrolled=False, insured=True, estimates=()):
        invoices = {"balance_cents": balance_cents, "currency": "USD", "open": [{"id": "i"}] * open_count, "paid": []}
        upstream.answer("GET", INVOICES_URL, json_answer(200, invoices))
        upstream.answer("GET", AUTOPAY_URL, json_answer(200, {"enrolled": enrolled, "consent_version": "v"}))
        upstream.answer("GET", INSURANCE_URL, json_answer(200, {"items": [{"id": "policy-1"}] if insured else []}))
        items = [{"id": f"estimate-{n}", "status": status} for n, status in enumerate(estimates)]
        upstream.answer("GET", ESTIMATES_URL, json_answer(200, {"items": items}))

    return says


@pytest.fixture
def client_token(issue_token):
    return issue_token("client", profile_id="client-1")


def dashboard(client, token):
    response = client.get("/api/v1/dashboard", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.json
    return response.json


def test_the_open_balance_shows_and_autopay_is_a_task_until_enrolled(client, practice, billing_says, client_token):
    billing_says(balance_cents=13000, open_count=1, enrolled=False)

    answer = dashboard(client, client_token)

    assert answer["billing"] == {
        "open_balance_cents": 13000,
        "currency": "USD",
        "open_invoices": 1,
        "autopay_enrolled": False,
        "insurance_added": True,
        "estimates_to_review": 0,
    }
    assert [(t["id"], t["title"], t["url"]) for t in answer["tasks"]] == [
        ("form-1", "Intake", "/tasks/form-1"),
        ("autopay", "Enroll in autopay", "/billing#autopay"),
    ]


def test_an_enrolled_client_has_no_autopay_task(client, practice, billing_says, client_token):
    billing_says(enrolled=True)

    answer = dashboard(client, client_token)

    assert [t["id"] for t in answer["tasks"]] == ["form-1"] and answer["billing"]["autopay_enrolled"] is True


def test_with_autopay_off_billing_is_asked_only_for_invoices(client, upstream, practice, billing_says, client_token):
    practice(autopay=False)
    billing_says(enrolled=False)

    answer = dashboard(client, client_token)

    assert [t["id"] for t in answer["tasks"]] == ["form-1"]
    assert answer["billing"]["autopay_enrolled"] is None and answer["billing"]["open_balance_cents"] == 13000
    assert AUTOPAY_URL not in [sent.url for sent in upstream.sent]


def test_with_both_features_off_billing_is_not_asked(client, upstream, practice, client_token):
    practice(autopay=False, invoices_and_payments=False, insurance=False, estimates=False)

    answer = dashboard(client, client_token)

    assert answer["billing"] is None
    assert not [sent for sent in upstream.sent if sent.url.startswith("http://billing.test")]


def test_billing_is_asked_with_the_callers_own_token(client, upstream, practice, billing_says, client_token):
    billing_says()

    dashboard(client, client_token)

    asked = [sent for sent in upstream.sent if sent.url in (INVOICES_URL, AUTOPAY_URL)]
    assert len(asked) == 2 and all(a.headers["Authorization"] == f"Bearer {client_token}" for a in asked)
    assert all(a.timeout is not None and a.timeout <= 5 for a in asked)


def test_billing_down_or_confused_leaves_the_rest(client, upstream, practice, client_token, json_answer):
    def slow(_request):
        raise timed_out()

    upstream.answer("GET", INVOICES_URL, slow)
    down = dashboard(client, client_token)
    upstream.answer("GET", INVOICES_URL, json_answer(200, {"balance_cents": "lots"}))
    confused = dashboard(client, client_token)

    for answer in (down, confused):
        assert answer["billing"] is None and answer["billing_unavailable"] is True
        assert [t["id"] for t in answer["tasks"]] == ["form-1"]


def test_staff_have_no_billing_part(client, upstream, practice, issue_token):
    answer = dashboard(client, issue_token("owner"))

    assert answer["billing"] is None
    assert not [sent for sent in upstream.sent if sent.url.startswith("http://billing.test")]


def test_insurance_is_a_task_until_the_client_adds_a_policy(client, practice, billing_says, client_token):
    billing_says(enrolled=True, insured=False)
    before = dashboard(client, client_token)
    billing_says(enrolled=True, insured=True)
    after = dashboard(client, client_token)

    assert [(t["id"], t["title"], t["url"]) for t in before["tasks"]] == [
        ("form-1", "Intake", "/tasks/form-1"),
        ("insurance", "Add your insurance details", "/billing#insurance"),
    ]
    assert before["billing"]["insurance_added"] is False
    assert [t["id"] for t in after["tasks"]] == ["form-1"] and after["billing"]["insurance_added"] is True


def test_with_insurance_off_billing_is_not_asked_about_it(client, upstream, practice, billing_says, client_token):
    practice(insurance=False)
    billing_says(enrolled=True, insured=False)

    answer = dashboard(client, client_token)

    assert [t["id"] for t in answer["tasks"]] == ["form-1"] and answer["billing"]["insurance_added"] is None
    assert INSURANCE_URL not in [sent.url for sent in upstream.sent]


def test_an_issued_estimate_is_a_task_until_the_client_acknowledges_it(client, practice, billing_says, client_token):
    billing_says(enrolled=True, estimates=("issued", "superseded", "acknowledged"))
    before = dashboard(client, client_token)
    billing_says(enrolled=True, estimates=("acknowledged", "superseded", "acknowledged"))
    after = dashboard(client, client_token)

    assert [(t["id"], t["title"], t["url"]) for t in before["tasks"]] == [
        ("form-1", "Intake", "/tasks/form-1"),
        ("estimate", "Review your Good Faith Estimate", "/billing#estimates"),
    ]
    assert before["billing"]["estimates_to_review"] == 1
    assert [t["id"] for t in after["tasks"]] == ["form-1"] and after["billing"]["estimates_to_review"] == 0


def test_with_estimates_off_billing_is_not_asked_about_them(client, upstream, practice, billing_says, client_token):
    practice(estimates=False)
    billing_says(enrolled=True, estimates=("issued",))

    answer = dashboard(client, client_token)

    assert [t["id"] for t in answer["tasks"]] == ["form-1"] and answer["billing"]["estimates_to_review"] is None
    assert ESTIMATES_URL not in [sent.url for sent in upstream.sent]
