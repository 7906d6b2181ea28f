"""The practice's logo through the gateway: staff upload it (a body larger than other API calls may
send), anyone fetches it, and only that image may be kept by a browser."""

import uuid

from gateway.adapters.upstream import UpstreamAnswer

PRACTICE_ID = str(uuid.uuid4())
LOGO_URL = f"/api/v1/practices/{PRACTICE_ID}/logo"
IMAGE_HEADERS = {
    "Content-Type": "image/png",
    "Cache-Control": "public, max-age=300",
    "ETag": '"v1"',
    "X-Content-Type-Options": "nosniff",
}


def test_staff_upload_and_remove_the_logo_at_identity(client, upstream, staff_headers):
    for method in ("PUT", "DELETE"):
        response = client.open("/api/v1/staff/practice/logo", method=method, headers=staff_headers)

        assert response.status_code == 200
        assert (upstream.last.method, upstream.last.url) == (method, "http://identity.test/api/v1/staff/practice/logo")


def test_anyone_may_fetch_a_logo_without_signing_in(client, upstream):
    upstream.answer("GET", f"http://identity.test{LOGO_URL}", UpstreamAnswer(200, IMAGE_HEADERS, b"\x89PNG"))

    response = client.get(LOGO_URL + "?v=v1")

    assert response.status_code == 200
    assert upstream.last.url == f"http://identity.test{LOGO_URL}?v=v1"
    assert "Authorization" not in upstream.last.headers


def test_the_logo_keeps_its_cache_headers_and_a_revalidation_reaches_identity(client, upstream):
    upstream.answer("GET", f"http://identity.test{LOGO_URL}", UpstreamAnswer(200, IMAGE_HEADERS, b"\x89PNG"))

    response = client.get(LOGO_URL, headers={"If-None-Match": '"v1"'})

    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert response.headers["ETag"] == '"v1"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert upstream.last.headers["If-None-Match"] == '"v1"'


def test_no_other_api_answer_may_be_kept_even_if_a_service_says_so(client, upstream, staff_headers):
    public_json = UpstreamAnswer(200, {"Content-Type": "application/json", "Cache-Control": "public"}, b"{}")
    upstream.answer("GET", "http://identity.test/api/v1/staff/clients", public_json)

    response = client.get("/api/v1/staff/clients", headers=staff_headers)

    assert response.headers["Cache-Control"] == "no-store"


def test_a_logo_of_1_mb_passes_but_other_bodies_keep_the_1_mb_limit(client, upstream, staff_headers):
    body = b"x" * (1024 * 1024 + 8 * 1024)
    headers = {**staff_headers, "Content-Type": "multipart/form-data; boundary=b"}

    logo = client.put("/api/v1/staff/practice/logo", data=body, headers=headers)
    settings = client.patch("/api/v1/staff/practice/settings", data=body, headers=headers)

    assert logo.status_code == 200 and upstream.sent[0].body == body
    assert settings.status_code == 413
