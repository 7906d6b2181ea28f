"""Billing's processor paths through the gateway: Stripe's webhooks come without a user token and
reach billing byte for byte with their signature (the card form's `/api/v1/billing/processor` is in
test_feature_toggles.py); the billing page may load Stripe.js and nothing else from outside."""

import json

WEBHOOK = "/api/v1/billing/webhooks/stripe"


def test_a_stripe_webhook_reaches_billing_without_a_token_with_its_signature_and_exact_body(client, upstream):
    body = json.dumps({"id": "evt_1", "type": "payment_intent.succeeded"}, indent=1).encode()
    signature = "t=1796300000,v1=" + "a" * 64

    response = client.post(
        WEBHOOK, data=body, headers={"Stripe-Signature": signature, "Content-Type": "application/json"}
    )

    assert response.status_code == 200
    assert upstream.last.url == f"http://billing.test{WEBHOOK}"
    assert upstream.last.body == body
    assert upstream.last.headers["Stripe-Signature"] == signature
    assert "Authorization" not in upstream.last.headers


def test_only_post_is_public_on_the_webhook_path(client, upstream):
    assert client.get(WEBHOOK).status_code == 401
    assert client.post("/api/v1/billing/webhooks/other", data=b"{}").status_code in (401, 404)
    assert all(sent.url.endswith(WEBHOOK) is False for sent in upstream.sent)


def test_the_billing_page_may_load_stripe_js_and_other_pages_may_not(client):
    billing = client.get("/billing").headers["Content-Security-Policy"]
    other = client.get("/dashboard").headers["Content-Security-Policy"]

    assert "script-src 'self' https://js.stripe.com;" in billing
    assert "frame-src https://js.stripe.com https://hooks.stripe.com;" in billing
    assert "connect-src 'self' https://api.stripe.com;" in billing
    assert "stripe" not in other
