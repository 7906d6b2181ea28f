"""Each public path reaches the service that owns it, with what the service needs and nothing more."""

import uuid

import pytest
from gateway.adapters.upstream import UpstreamAnswer

CLIENT_ID = str(uuid.uuid4())


@pytest.mark.parametrize(
    ("method", "path", "service"),
    [
        ("POST", "/api/v1/auth/login", "identity"),
        ("POST", "/api/v1/auth/password/forgot", "identity"),
        ("POST", "/api/v1/auth/password/reset", "identity"),
        ("POST", "/api/v1/auth/password/change", "identity"),
        ("POST", "/api/v1/auth/verify-email", "identity"),
        ("POST", "/api/v1/auth/verify-email/resend", "identity"),
        ("POST", "/api/v1/auth/link", "identity"),
        ("POST", "/api/v1/auth/link/consume", "identity"),
        ("POST", "/api/v1/auth/pin", "identity"),
        ("GET", "/api/v1/me", "identity"),
        ("GET", "/api/v1/me/sessions", "identity"),
        ("DELETE", "/api/v1/me/sessions/3c1d2b7e-session", "identity"),
        ("GET", "/api/v1/me/sign-ins", "identity"),
        ("GET", "/api/v1/staff/clients", "identity"),
        ("POST", "/api/v1/staff/clients", "identity"),
        ("GET", f"/api/v1/staff/clients/{CLIENT_ID}", "identity"),
        ("POST", f"/api/v1/staff/clients/{CLIENT_ID}/sign-in-pin", "identity"),
        ("POST", f"/api/v1/staff/clients/{CLIENT_ID}/reset-link", "identity"),
        ("POST", f"/api/v1/staff/clients/{CLIENT_ID}/account/disable", "identity"),
        ("POST", f"/api/v1/staff/clients/{CLIENT_ID}/account/enable", "identity"),
        ("GET", f"/api/v1/staff/clients/{CLIENT_ID}/sign-in-events", "identity"),
        ("POST", f"/api/v1/staff/clients/{CLIENT_ID}/invitations", "invitations"),
        ("POST", f"/api/v1/staff/clients/{CLIENT_ID}/invitations/revoke", "invitations"),
        ("GET", f"/api/v1/staff/clients/{CLIENT_ID}/invitations/current/link", "invitations"),
        ("POST", "/api/v1/staff/invitations/bulk", "invitations"),
        ("GET", f"/api/v1/staff/clients/{CLIENT_ID}/portal-status", "invitations"),
        ("GET", "/api/v1/staff/portal-statuses", "invitations"),
        ("GET", "/api/v1/staff/portal-statuses?status=expired", "invitations"),
        ("GET", "/api/v1/invitations/abc_DEF-123", "invitations"),
        ("POST", "/api/v1/invitations/abc_DEF-123/accept", "invitations"),
        ("GET", "/api/v1/staff/dev/mail", "messaging"),
        ("POST", f"/api/v1/staff/clients/{CLIENT_ID}/assignments", "forms"),
        ("POST", f"/api/v1/staff/clients/{CLIENT_ID}/packets", "forms"),
        ("GET", f"/api/v1/staff/clients/{CLIENT_ID}/scores", "forms"),
        ("POST", f"/api/v1/staff/clients/{CLIENT_ID}/recurring-assessments", "forms"),
        ("DELETE", f"/api/v1/staff/clients/{CLIENT_ID}/recurring-assessments/3c1d2b7e-schedule", "forms"),
        ("GET", "/api/v1/staff/templates", "forms"),
        ("POST", "/api/v1/staff/templates/copies", "forms"),
        ("PUT", "/api/v1/staff/templates/3c1d2b7e-template", "forms"),
        ("PATCH", "/api/v1/staff/forms/settings", "forms"),
        ("GET", "/api/v1/staff/assignments/3c1d2b7e-assignment", "forms"),
        ("POST", "/api/v1/staff/assignments/3c1d2b7e-assignment/risk-acknowledgement", "forms"),
        ("GET", "/api/v1/staff/assignments/3c1d2b7e-assignment/fhir", "forms"),
        ("GET", "/api/v1/staff/assignments/3c1d2b7e-assignment/submission-document", "forms"),
        ("GET", "/api/v1/assignments", "forms"),
        ("PUT", "/api/v1/assignments/3c1d2b7e-assignment/draft", "forms"),
        ("POST", "/api/v1/assignments/3c1d2b7e-assignment/submit", "forms"),
        ("POST", "/api/v1/assignments/3c1d2b7e-assignment/sign", "forms"),
        ("POST", "/api/v1/staff/appointments", "scheduling"),
        ("POST", "/api/v1/staff/appointments/check", "scheduling"),
        ("POST", "/api/v1/staff/appointments/3c1d2b7e-appointment/move", "scheduling"),
        ("POST", "/api/v1/staff/appointments/3c1d2b7e-appointment/move-series", "scheduling"),
        ("POST", "/api/v1/staff/appointments/3c1d2b7e-appointment/no-show", "scheduling"),
        ("GET", "/api/v1/staff/appointments/3c1d2b7e-appointment/video", "scheduling"),
        ("PUT", f"/api/v1/staff/clinicians/{CLIENT_ID}/availability", "scheduling"),
        ("PATCH", "/api/v1/staff/scheduling/settings", "scheduling"),
        ("GET", "/api/v1/staff/appointment-requests", "scheduling"),
        ("POST", "/api/v1/staff/appointment-requests/3c1d2b7e-request/approve", "scheduling"),
        ("GET", "/api/v1/calendar-feeds/a-long-random-token", "scheduling"),
        ("GET", f"/api/v1/staff/clients/{CLIENT_ID}/billing", "billing"),
        ("POST", f"/api/v1/staff/clients/{CLIENT_ID}/invoices", "billing"),
        ("POST", "/api/v1/staff/invoices/3c1d2b7e-invoice/issue", "billing"),
        ("POST", "/api/v1/staff/payments/3c1d2b7e-pay/refunds", "billing"),
        ("PATCH", "/api/v1/staff/billing/settings", "billing"),
        ("GET", f"/api/v1/staff/clients/{CLIENT_ID}/insurance", "billing"),
        ("POST", f"/api/v1/staff/clients/{CLIENT_ID}/insurance/primary/verify", "billing"),
        ("GET", f"/api/v1/staff/clients/{CLIENT_ID}/insurance/secondary/photos/front", "billing"),
        ("POST", f"/api/v1/staff/clients/{CLIENT_ID}/superbills", "billing"),
        ("GET", f"/api/v1/staff/clients/{CLIENT_ID}/documents/audit", "billing"),
        ("GET", "/api/v1/staff/statements/3c1d2b7e-doc/pdf", "billing"),
        ("POST", f"/api/v1/staff/clients/{CLIENT_ID}/estimates", "billing"),
        ("PATCH", "/api/v1/staff/estimates/3c1d2b7e-est", "billing"),
        ("POST", "/api/v1/staff/estimates/3c1d2b7e-est/issue", "billing"),
        ("GET", "/api/v1/staff/estimates/3c1d2b7e-est/pdf", "billing"),
        ("GET", "/.well-known/jwks.json", "identity"),
    ],
)
def test_a_public_path_goes_to_the_service_that_owns_it(client, upstream, staff_headers, method, path, service):
    response = client.open(path, method=method, headers=staff_headers, json={})

    assert response.status_code == 200
    assert upstream.last.method == method
    assert upstream.last.url == f"http://{service}.test{path}"


def test_a_submissions_pdf_comes_back_from_forms_as_a_named_attachment(client, upstream, staff_headers):
    path = "/api/v1/staff/assignments/3c1d2b7e-assignment/submission-document"
    pdf = {"Content-Type": "application/pdf", "Content-Disposition": 'attachment; filename="submission-1.pdf"'}
    upstream.answer("GET", f"http://forms.test{path}", UpstreamAnswer(200, pdf, b"%PDF-1.3"))

    response = client.get(path, headers=staff_headers)

    assert (response.status_code, response.mimetype, response.data) == (200, "application/pdf", b"%PDF-1.3")
    assert response.headers["Content-Disposition"] == 'attachment; filename="submission-1.pdf"'


def test_a_refund_reaches_billing_with_its_key_and_a_replay_says_so(client, upstream, staff_headers):
    path = "/api/v1/staff/payments/3c1d2b7e-pay/refunds"
    replayed = {"Content-Type": "application/json", "Idempotent-Replayed": "true"}
    upstream.answer("POST", f"http://billing.test{path}", UpstreamAnswer(201, replayed, b'{"id": "r"}'))

    response = client.post(path, headers=staff_headers | {"Idempotency-Key": "refund-1"}, json={})

    assert response.status_code == 201 and response.headers["Idempotent-Replayed"] == "true"
    assert upstream.last.headers["Idempotency-Key"] == "refund-1"


@pytest.mark.parametrize(
    "path",
    ["/api/v1/billing/receipts/3c1d2b7e-pay/pdf", "/api/v1/staff/statements/3c1d2b7e-doc/pdf"],
)
def test_billing_documents_need_signing_in_and_reach_nobody_otherwise(client, upstream, path):
    response = client.get(path)

    assert response.status_code == 401 and upstream.sent == []


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nothing-here",
        "/api/v1/me/extra",
        "/api/v1/me/sessions/1/more",
        "/api/v1/staff/invitations",
        "/api/v1/staff/clients/1/invitations/other",
        "/api/v1/staff/clients/1/unknown",
        "/api/v1/auth/../../internal/accounts",
        "/api/v1/staff/clients/%2E%2E/%2E%2E/%2E%2E/internal/accounts",
    ],
)
def test_an_unknown_api_path_is_a_404_problem_and_reaches_no_service(client, upstream, staff_headers, path):
    response = client.get(path, headers=staff_headers)

    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.json["code"] == "not-found"
    assert upstream.sent == []


def test_internal_paths_are_never_routed(client, upstream):
    response = client.post("/internal/accounts", json={}, headers={"X-Internal-Token": "guess"})

    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert upstream.sent == []


def test_query_body_and_the_listed_headers_are_forwarded_and_no_others(client, upstream, staff_headers):
    client.post(
        "/api/v1/staff/clients?draft=1&x=a%20b",
        data=b'{"first_name": "Ada"}',
        headers={
            **staff_headers,
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Idempotency-Key": "key-1",
            "User-Agent": "test-agent",
            "X-Correlation-ID": "corr-1",
            "X-Forwarded-For": "203.0.113.9",
            "X-Internal-Token": "must-not-pass",
            "Cookie": "other=1",
        },
    )

    sent = upstream.last
    assert sent.url == "http://identity.test/api/v1/staff/clients?draft=1&x=a%20b"
    assert sent.body == b'{"first_name": "Ada"}'
    assert sent.headers == {
        "Authorization": staff_headers["Authorization"],
        "Content-Type": "application/json",
        "Accept": "application/json",
        "Idempotency-Key": "key-1",
        "User-Agent": "test-agent",
        "X-Correlation-ID": "corr-1",
        "X-Forwarded-For": "203.0.113.9, 127.0.0.1",
    }


def test_a_correlation_id_is_created_when_the_caller_sent_none(client, upstream, staff_headers):
    response = client.get("/api/v1/me", headers=staff_headers)

    created = upstream.last.headers["X-Correlation-ID"]
    assert len(created) == 36
    assert response.headers["X-Correlation-ID"] == created
    assert upstream.last.headers["X-Forwarded-For"] == "127.0.0.1"


def test_the_answer_comes_back_with_status_body_and_its_headers(client, upstream, staff_headers, json_answer):
    upstream.answer(
        "POST",
        "http://identity.test/api/v1/staff/clients",
        json_answer(
            201,
            {"id": CLIENT_ID},
            Location=f"/api/v1/staff/clients/{CLIENT_ID}",
            Server="identity/1",
            **{"Set-Cookie": "x=1"},
        ),
    )

    response = client.post("/api/v1/staff/clients", json={}, headers=staff_headers)

    assert response.status_code == 201
    assert response.json == {"id": CLIENT_ID}
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Location"] == f"/api/v1/staff/clients/{CLIENT_ID}"
    assert "Set-Cookie" not in response.headers
    assert "identity" not in response.headers.get("Server", "")


def test_an_absolute_location_pointing_at_the_service_is_made_relative(client, upstream, staff_headers, json_answer):
    upstream.answer(
        "POST",
        "http://identity.test/api/v1/staff/clients",
        json_answer(201, {}, Location="http://identity.test/api/v1/staff/clients/7"),
    )

    response = client.post("/api/v1/staff/clients", json={}, headers=staff_headers)

    assert response.headers["Location"] == "/api/v1/staff/clients/7"


def test_an_upstream_problem_is_passed_on_unchanged(client, upstream, staff_headers, json_answer):
    problem = {"code": "validation-failed", "status": 422, "title": "Bad", "errors": {"email": ["Not valid."]}}
    upstream.answer("POST", "http://identity.test/api/v1/staff/clients", json_answer(422, problem))

    response = client.post("/api/v1/staff/clients", json={}, headers=staff_headers)

    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert response.json == problem
