"""A portal feature the practice turned off answers 403 `feature-off` at the gateway on its client
paths (the table in gateway/feature_paths.py), before any service is asked. The practice's features
come from identity and are kept 10 seconds per practice."""

import re

import pytest
from gateway.feature_paths import FEATURE_PATHS, feature_of

SETTINGS_URL = "http://identity.test/internal/practices/{}/settings"
ALL_ON = {name: True for name in ("messages", "documents", "uploads", "forms", "appointments")}


def sample_path(pattern):
    return re.sub(r"\(/\.\*\)\?$", "/sample", pattern)


@pytest.fixture
def practice(upstream, json_answer):
    """Sets the features of practice-1 as identity answers them."""

    def features(**changes):
        body = {"practice_id": "practice-1", "name": "Riverbend", "features": {**ALL_ON, **changes}}
        upstream.answer("GET", SETTINGS_URL.format("practice-1"), json_answer(200, body))

    features()
    return features


def settings_fetches(upstream):
    return [sent for sent in upstream.sent if sent.url.endswith("/settings")]


@pytest.fixture
def client_headers(issue_token):
    return {"Authorization": f"Bearer {issue_token('client')}"}


@pytest.mark.parametrize(
    ("feature", "path"), [(f, sample_path(p)) for f, patterns in FEATURE_PATHS.items() for p in patterns]
)
def test_each_mapped_path_is_refused_while_its_feature_is_off(
    client, upstream, practice, client_headers, feature, path
):
    practice(**{feature: False})

    response = client.get(path, headers=client_headers)

    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    assert (response.json["code"], response.json["feature"]) == ("feature-off", feature)
    assert [sent.url for sent in upstream.sent] == [SETTINGS_URL.format("practice-1")]


def test_the_settings_are_asked_of_identity_with_the_internal_token(client, upstream, practice, client_headers):
    practice(messages=False)

    client.get("/api/v1/messages/threads", headers=client_headers)

    (fetch,) = settings_fetches(upstream)
    assert fetch.method == "GET"
    assert fetch.headers["X-Internal-Token"] == "internal-secret"


def test_with_the_feature_on_a_path_nothing_serves_yet_is_an_unknown_path(client, upstream, practice, client_headers):
    response = client.get("/api/v1/messages/threads", headers=client_headers)

    assert response.status_code == 404
    assert response.json["code"] == "not-found"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/appointments"),
        ("GET", "/api/v1/appointments/3c1d2b7e-appointment/calendar"),
        ("GET", "/api/v1/appointments/3c1d2b7e-appointment/video"),
        ("DELETE", "/api/v1/appointments/calendar-feed"),
        ("POST", "/api/v1/appointments/3c1d2b7e-appointment/requests"),
        ("GET", "/api/v1/booking/slots"),
        ("POST", "/api/v1/booking/appointments"),
    ],
)
def test_with_its_feature_on_a_scheduling_path_reaches_scheduling(
    client, upstream, practice, client_headers, method, path
):
    response = client.open(path, method=method, headers=client_headers, json={})

    assert response.status_code == 200
    assert upstream.last.url == f"http://scheduling.test{path}"


@pytest.mark.parametrize(
    ("method", "path", "feature"),
    [
        ("GET", "/api/v1/billing/cards", "invoices_and_payments"),
        ("POST", "/api/v1/billing/cards/3c1d2b7e-card/default", "invoices_and_payments"),
        ("POST", "/api/v1/billing/sandbox/tokens", "invoices_and_payments"),
        ("GET", "/api/v1/billing/invoices", "invoices_and_payments"),
        ("POST", "/api/v1/billing/invoices/3c1d2b7e-invoice/payments", "invoices_and_payments"),
        ("PUT", "/api/v1/billing/autopay", "autopay"),
        ("GET", "/api/v1/billing/insurance", "insurance"),
        ("PUT", "/api/v1/billing/insurance/secondary", "insurance"),
        ("PUT", "/api/v1/billing/insurance/primary/photos/back", "insurance"),
        ("GET", "/api/v1/billing/insurance/primary/photos/front", "insurance"),
        ("GET", "/api/v1/billing/statements", "statements"),
        ("GET", "/api/v1/billing/statements/3c1d2b7e-doc/pdf", "statements"),
        ("GET", "/api/v1/billing/superbills/3c1d2b7e-doc/pdf", "superbills"),
        ("GET", "/api/v1/billing/receipts", "receipts"),
        ("GET", "/api/v1/billing/receipts/3c1d2b7e-pay/pdf", "receipts"),
        ("GET", "/api/v1/billing/estimates", "estimates"),
        ("GET", "/api/v1/billing/estimates/3c1d2b7e-est/pdf", "estimates"),
        ("POST", "/api/v1/billing/estimates/3c1d2b7e-est/acknowledge", "estimates"),
        ("GET", "/api/v1/billing/processor", "invoices_and_payments"),
    ],
)
def test_with_its_feature_on_a_billing_path_reaches_billing(
    client, upstream, practice, client_headers, method, path, feature
):
    response = client.open(path, method=method, headers=client_headers, json={})

    assert feature_of(path) == feature
    assert response.status_code == 200 and upstream.last.url == f"http://billing.test{path}"


def test_a_features_path_needs_signing_in_first(client, upstream, practice):
    response = client.get("/api/v1/messages/threads")

    assert response.status_code == 401
    assert upstream.sent == []


def test_staff_paths_and_features_without_a_service_are_never_in_the_table():
    assert all(not pattern.startswith("/api/v1/staff") for patterns in FEATURE_PATHS.values() for pattern in patterns)
    assert set(FEATURE_PATHS) == {
        *("messages", "documents", "uploads", "appointments", "self_scheduling"),
        *("invoices_and_payments", "autopay", "insurance", "statements", "superbills", "receipts", "estimates"),
    }
    assert feature_of("/api/v1/calendar-feeds/a-token") is None  # read by calendar programs, signed out
    assert feature_of("/api/v1/staff/clients") is None
    assert feature_of("/api/v1/me") is None


def test_paths_of_no_feature_never_ask_for_the_settings(client, upstream, practice, client_headers):
    client.get("/api/v1/me", headers=client_headers)

    assert settings_fetches(upstream) == []


def test_a_change_takes_effect_within_ten_seconds(client, upstream, practice, client_headers, clock):
    assert client.get("/api/v1/messages/x", headers=client_headers).status_code == 404
    practice(messages=False)

    clock.advance(seconds=9)
    assert client.get("/api/v1/messages/x", headers=client_headers).status_code == 404
    clock.advance(seconds=1)
    assert client.get("/api/v1/messages/x", headers=client_headers).status_code == 403
    assert len(settings_fetches(upstream)) == 2


def test_each_practice_has_its_own_copy(client, upstream, practice, issue_token, json_answer):
    other = {"features": {**ALL_ON, "messages": False}}
    upstream.answer("GET", SETTINGS_URL.format("practice-2"), json_answer(200, other))
    mine = {"Authorization": f"Bearer {issue_token('client')}"}
    theirs = {"Authorization": f"Bearer {issue_token('client', practice_id='practice-2')}"}

    assert client.get("/api/v1/messages/x", headers=theirs).status_code == 403
    assert client.get("/api/v1/messages/x", headers=mine).status_code == 404


def test_a_clock_put_back_does_not_keep_an_old_copy(client, upstream, practice, client_headers, clock):
    clock.advance(seconds=60)
    client.get("/api/v1/messages/x", headers=client_headers)
    practice(messages=False)

    clock.advance(seconds=-60)

    assert client.get("/api/v1/messages/x", headers=client_headers).status_code == 403


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [(503, {"code": "down"}, 503), (200, {"features": "all"}, 502), (200, {"features": {"messages": "on"}}, 502)],
)
def test_when_identity_cannot_say_the_caller_is_asked_to_retry(
    client, upstream, client_headers, json_answer, status, body, expected
):
    upstream.answer("GET", SETTINGS_URL.format("practice-1"), json_answer(status, body))

    response = client.get("/api/v1/messages/x", headers=client_headers)

    assert response.status_code == expected


def test_the_dashboard_lists_the_practices_features(client, upstream, practice, client_headers, json_answer):
    practice(messages=False)
    upstream.answer("GET", "http://forms.test/api/v1/assignments", json_answer(200, {"items": []}))
    upstream.answer("GET", "http://scheduling.test/api/v1/appointments", json_answer(200, {"upcoming": []}))
    invoices = {"balance_cents": 0, "currency": "USD", "open": [], "paid": []}
    upstream.answer("GET", "http://billing.test/api/v1/billing/invoices", json_answer(200, invoices))
    upstream.answer("GET", "http://billing.test/api/v1/billing/autopay", json_answer(200, {"enrolled": True}))
    upstream.answer("GET", "http://billing.test/api/v1/billing/insurance", json_answer(200, {"items": [{"id": "p"}]}))
    upstream.answer("GET", "http://billing.test/api/v1/billing/estimates", json_answer(200, {"items": []}))
    upstream.answer("GET", "http://messaging.test/api/v1/documents/waiting", json_answer(200, {"waiting": 0}))
    upstream.answer("GET", "http://messaging.test/api/v1/upload-requests", json_answer(200, {"items": []}))

    response = client.get("/api/v1/dashboard", headers=client_headers)

    assert response.status_code == 200
    assert response.json == {
        "next_appointment": None,
        "appointments_unavailable": False,
        "tasks": [],
        "tasks_unavailable": False,
        "billing": {
            "open_balance_cents": 0,
            "currency": "USD",
            "open_invoices": 0,
            "autopay_enrolled": True,
            "insurance_added": True,
            "estimates_to_review": 0,
        },
        "billing_unavailable": False,
        "features": {**ALL_ON, "messages": False},
        "unread_messages": None,
        "messages_unavailable": False,
        "documents_waiting": 0,
        "documents_unavailable": False,
        "upload_requests_unavailable": False,
    }
    assert response.headers["Cache-Control"] == "no-store"


def test_the_dashboard_reads_the_browsers_access_cookie(client, practice, issue_token):
    client.set_cookie("portal_access", issue_token("client"))

    assert client.get("/api/v1/dashboard").status_code == 200


def test_the_dashboard_needs_a_session_that_is_on(client, upstream, practice, client_headers):
    assert client.get("/api/v1/dashboard").status_code == 401
    upstream.ended_sessions.add("session-1")

    response = client.get("/api/v1/dashboard", headers=client_headers)

    assert response.json["code"] == "session-ended"
