"""Secure threads reach messaging: the client's paths (under the `messages` feature, refused while it is off:
test_feature_toggles.py) and staff's inbox."""

import pytest

THREAD = "3c1d2b7e-thread"
MESSAGE = "9a8b7c6d-message"
SETTINGS_URL = "http://identity.test/internal/practices/practice-1/settings"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/staff/inbox"),
        ("GET", "/api/v1/staff/inbox?unread=true&assigned=me"),
        ("POST", "/api/v1/staff/threads"),
        ("GET", f"/api/v1/staff/threads/{THREAD}"),
        ("POST", f"/api/v1/staff/threads/{THREAD}/messages"),
        ("POST", f"/api/v1/staff/threads/{THREAD}/read"),
        ("POST", f"/api/v1/staff/threads/{THREAD}/messages/{MESSAGE}/retract"),
        ("POST", f"/api/v1/staff/threads/{THREAD}/assign"),
        ("POST", f"/api/v1/staff/threads/{THREAD}/archive"),
        ("POST", f"/api/v1/staff/threads/{THREAD}/unarchive"),
        ("GET", "/api/v1/staff/messaging/settings"),
        ("POST", f"/api/v1/staff/threads/{THREAD}/attachments"),
        ("GET", f"/api/v1/staff/threads/{THREAD}/attachments/5e6f-file"),
        ("PUT", "/api/v1/staff/messaging/settings"),
        ("GET", "/api/v1/staff/clients/7d3e-client/documents"),
        ("POST", "/api/v1/staff/clients/7d3e-client/documents"),
        ("GET", "/api/v1/staff/documents/4b5c-document/file"),
        ("GET", "/api/v1/staff/clients/7d3e-client/picture"),
        ("PUT", "/api/v1/staff/messaging/settings/uploads"),
        ("GET", "/api/v1/staff/clients/7d3e-client/upload-requests"),
        ("POST", "/api/v1/staff/clients/7d3e-client/upload-requests"),
        ("POST", "/api/v1/staff/upload-requests/8f9a-request/cancel"),
        ("GET", "/api/v1/staff/clients/7d3e-client/notices"),
    ],
)
def test_staff_thread_paths_go_to_messaging(client, upstream, staff_headers, method, path):
    response = client.open(path, method=method, headers=staff_headers, json={})

    assert response.status_code == 200
    assert upstream.last.url == f"http://messaging.test{path}"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/threads"),
        ("POST", "/api/v1/threads"),
        ("GET", f"/api/v1/threads/{THREAD}"),
        ("POST", f"/api/v1/threads/{THREAD}/messages"),
        ("POST", f"/api/v1/threads/{THREAD}/read"),
        ("POST", f"/api/v1/threads/{THREAD}/messages/{MESSAGE}/retract"),
        ("GET", "/api/v1/messages/unread"),
        ("POST", f"/api/v1/threads/{THREAD}/attachments"),
        ("GET", f"/api/v1/threads/{THREAD}/attachments/5e6f-file"),
        ("GET", "/api/v1/documents"),
        ("GET", "/api/v1/documents/waiting"),
        ("GET", "/api/v1/documents/4b5c-document/file"),
        ("POST", "/api/v1/documents/4b5c-document/acknowledge"),
        ("GET", "/api/v1/uploads"),
        ("POST", "/api/v1/uploads"),
        ("GET", "/api/v1/uploads/4b5c-document/file"),
        ("GET", "/api/v1/upload-requests"),
        ("POST", "/api/v1/upload-requests/8f9a-request/file"),
        ("PUT", "/api/v1/profile-picture"),
        ("DELETE", "/api/v1/profile-picture"),
        ("GET", "/api/v1/profile-pictures/7d3e-client"),
    ],
)
def test_client_thread_paths_go_to_messaging_while_the_practice_offers_messages(
    client, upstream, issue_token, json_answer, method, path
):
    headers = {"Authorization": f"Bearer {issue_token('client')}"}
    features = {"practice_id": "practice-1", "name": "Riverbend", "features": {"messages": True, "documents": True}}
    upstream.answer("GET", SETTINGS_URL, json_answer(200, features))

    assert client.open(path, method=method, headers=headers, json={}).status_code == 200
    assert upstream.last.url == f"http://messaging.test{path}"


@pytest.mark.parametrize(
    "path", [f"/api/v1/staff/threads/{THREAD}/edit", f"/api/v1/staff/threads/{THREAD}/messages/x/y"]
)
def test_other_thread_paths_reach_no_service(client, upstream, staff_headers, path):
    assert client.post(path, headers=staff_headers, json={}).status_code == 404
    assert upstream.sent == []


def test_an_attachment_may_be_larger_than_other_bodies_but_not_unbounded():
    from gateway.routing import ATTACHMENT_BYTES, find_route

    route = find_route(f"/api/v1/threads/{THREAD}/attachments")
    assert (route.upstream, route.body_limit) == ("messaging", ATTACHMENT_BYTES)
    assert find_route(f"/api/v1/threads/{THREAD}/messages").body_limit is None
    assert find_route("/api/v1/uploads").body_limit == ATTACHMENT_BYTES
    assert find_route("/api/v1/upload-requests/8f9a-request/file").body_limit == ATTACHMENT_BYTES
    assert find_route("/api/v1/upload-requests").body_limit is None
    assert find_route("/api/v1/profile-picture").body_limit == ATTACHMENT_BYTES
    assert find_route("/api/v1/staff/clients/7d3e-client/documents").body_limit == ATTACHMENT_BYTES


def test_an_insurance_card_photo_may_be_5_mb_with_its_framing():
    from gateway.routing import INSURANCE_PHOTO_BYTES, find_route

    route = find_route("/api/v1/billing/insurance/primary/photos/front")
    assert (route.upstream, route.body_limit) == ("billing", INSURANCE_PHOTO_BYTES)
    assert find_route("/api/v1/billing/insurance/tertiary") is None


def test_a_client_account_s_notice_preferences_go_to_messaging(client, upstream, issue_token):
    headers = {"Authorization": f"Bearer {issue_token('client')}"}

    assert client.put("/api/v1/messaging/preferences", headers=headers, json={"channel": "sms"}).status_code == 200
    assert upstream.last.url == "http://messaging.test/api/v1/messaging/preferences"
    assert client.get("/api/v1/messaging/preferences").status_code == 401
    for path in ("/api/v1/messaging/preferences/mobile/confirmation", "/api/v1/messaging/preferences/mobile/code"):
        assert client.post(path, headers=headers, json={"code": "123456"}).status_code == 200
        assert upstream.last.url == f"http://messaging.test{path}"
        assert client.post(path, json={}).status_code == 401


def test_the_email_provider_s_report_reaches_messaging_without_a_token_with_its_signature_and_raw_body(
    client, upstream
):
    raw = b'{"id": "evt_1",  "type": "delivered"}'
    headers = {"Webhook-Timestamp": "1767603600", "Webhook-Signature": "v1=abc", "Content-Type": "application/json"}

    answer = client.post("/api/v1/messaging/webhooks/email", data=raw, headers=headers)

    assert answer.status_code == 200
    sent = upstream.last
    assert sent.url == "http://messaging.test/api/v1/messaging/webhooks/email"
    assert (sent.headers["Webhook-Timestamp"], sent.headers["Webhook-Signature"]) == ("1767603600", "v1=abc")
    assert sent.body == raw
    assert "Authorization" not in sent.headers
    assert client.get("/api/v1/messaging/webhooks/email").status_code == 401
