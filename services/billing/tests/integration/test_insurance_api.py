"""Insurance: the client adds a primary and a secondary policy with photos of the card (type read from
the bytes, size limited, kept in object storage under random keys), changes and removes them; staff see
them on the client's page, open the photos and mark a policy verified (cleared by the client's next
change). Another client's or another practice's photos are 404. Each change: billing.insurance.updated."""

import dataclasses
import socket
from io import BytesIO

import boto3
import pytest
from billing.adapters import orm
from billing.app import create_app
from joserfc.jwk import KeySet
from portalkit.auth import TokenVerifier, install_verifier
from portalkit.storage import s3_client
from sqlalchemy import select

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"
POLICY = {
    "payer": "Blue Harbor Health",
    "member_id": "XJH123456789",
    "group_number": "GRP-0042",
    "plan": "PPO Gold",
    "subscriber_name": "Robin Hale",
    "subscriber_relationship": "self",
    "subscriber_date_of_birth": "1988-04-12",
}


def put_photo(web, headers, rank, side, data, name="card.png"):
    return web.put(
        f"/api/v1/billing/insurance/{rank}/photos/{side}",
        data={"file": (BytesIO(data), name)},
        headers=headers,
        content_type="multipart/form-data",
    )


def test_the_client_adds_a_policy_with_both_photos_and_staff_verify_it(web, as_client, as_staff, client_id, events):
    saved = web.put("/api/v1/billing/insurance/primary", json=POLICY, headers=as_client)
    front = put_photo(web, as_client, "primary", "front", PNG)
    back = put_photo(web, as_client, "primary", "back", PDF, "back.pdf")

    assert saved.status_code == 200 and saved.json["payer"] == "Blue Harbor Health"
    assert front.status_code == 200 and back.json["has_front"] and back.json["has_back"]
    shown = web.get(f"/api/v1/staff/clients/{client_id}/insurance", headers=as_staff).json["items"]
    assert [(p["rank"], p["member_id"], p["verified_at"]) for p in shown] == [("primary", "XJH123456789", None)]
    photo = web.get(f"/api/v1/staff/clients/{client_id}/insurance/primary/photos/back", headers=as_staff)
    assert (photo.status_code, photo.data, photo.mimetype) == (200, PDF, "application/pdf")
    assert photo.headers["X-Content-Type-Options"] == "nosniff"
    mine = web.get("/api/v1/billing/insurance/primary/photos/front", headers=as_client)
    assert (mine.data, mine.mimetype) == (PNG, "image/png")

    verified = web.post(f"/api/v1/staff/clients/{client_id}/insurance/primary/verify", headers=as_staff)

    assert verified.status_code == 200 and verified.json["verified_at"] and verified.json["verified_by"]
    updates = events("billing.insurance.updated")
    assert [e.data["action"] for e in updates] == ["added", "changed", "changed", "verified"]
    assert set(updates[0].data) == {"policy_id", "client_id", "rank", "action"}


def test_a_change_of_details_or_photo_asks_staff_to_verify_again(web, as_client, as_staff, client_id):
    web.put("/api/v1/billing/insurance/primary", json=POLICY, headers=as_client)
    web.post(f"/api/v1/staff/clients/{client_id}/insurance/primary/verify", headers=as_staff)

    same = web.put("/api/v1/billing/insurance/primary", json=POLICY, headers=as_client)
    changed = web.put("/api/v1/billing/insurance/primary", json=POLICY | {"member_id": "NEW1"}, headers=as_client)
    web.post(f"/api/v1/staff/clients/{client_id}/insurance/primary/verify", headers=as_staff)
    photo = put_photo(web, as_client, "primary", "front", JPEG)

    assert same.json["verified_at"] is not None
    assert changed.json["verified_at"] is None and changed.json["member_id"] == "NEW1"
    assert photo.json["verified_at"] is None


def test_bad_details_are_refused_by_name_and_nothing_is_kept(web, as_client):
    refused = web.put(
        "/api/v1/billing/insurance/primary",
        json=POLICY | {"subscriber_relationship": "cousin", "subscriber_date_of_birth": "12/04/1988", "payer": " "},
        headers=as_client,
    )
    secondary_first = web.put("/api/v1/billing/insurance/secondary", json=POLICY, headers=as_client)
    unknown_rank = web.put("/api/v1/billing/insurance/tertiary", json=POLICY, headers=as_client)

    assert refused.status_code == 422
    assert {"subscriber_relationship", "subscriber_date_of_birth"} <= set(refused.json["errors"])
    blank = web.put("/api/v1/billing/insurance/primary", json=POLICY | {"payer": "  "}, headers=as_client)
    assert blank.status_code == 422 and list(blank.json["errors"]) == ["payer"]
    assert secondary_first.status_code == 422 and list(secondary_first.json["errors"]) == ["rank"]
    assert unknown_rank.status_code == 404
    assert web.get("/api/v1/billing/insurance", headers=as_client).json["items"] == []


def test_only_images_and_pdfs_within_the_limit_are_kept(web, as_client, app):
    web.put("/api/v1/billing/insurance/primary", json=POLICY, headers=as_client)
    app.extensions["billing_insurance_photos"] = dataclasses.replace(
        app.extensions["billing_insurance_photos"], max_bytes=1024 * 1024
    )

    script = put_photo(web, as_client, "primary", "front", b"MZ\x90\x00 a program", "card.png")
    html = put_photo(web, as_client, "primary", "front", b"<html><script>alert(1)</script>", "card.jpg")
    empty = put_photo(web, as_client, "primary", "front", b"")
    too_big = put_photo(web, as_client, "primary", "front", PNG + b"\x00" * (1024 * 1024))
    no_policy = put_photo(web, as_client, "secondary", "front", PNG)

    for refused in (script, html, empty, too_big):
        assert refused.status_code == 422 and list(refused.json["errors"]) == ["file"]
    assert no_policy.status_code == 404
    assert web.get("/api/v1/billing/insurance", headers=as_client).json["items"][0]["has_front"] is False


def test_another_clients_and_another_practices_photos_are_404(web, as_client, signed_in, identity, practice, client_id):
    web.put("/api/v1/billing/insurance/primary", json=POLICY, headers=as_client)
    put_photo(web, as_client, "primary", "front", PNG)
    other_client = signed_in("client", profile_id=identity.add_client(practice))
    other_practice_staff = signed_in("billing", practice_id="practice-elsewhere")

    assert web.get("/api/v1/billing/insurance/primary/photos/front", headers=other_client).status_code == 404
    assert web.get("/api/v1/billing/insurance", headers=other_client).json["items"] == []
    elsewhere = web.get(
        f"/api/v1/staff/clients/{client_id}/insurance/primary/photos/front", headers=other_practice_staff
    )
    assert elsewhere.status_code == 404
    assert web.get(f"/api/v1/staff/clients/{client_id}/insurance", headers=other_practice_staff).json["items"] == []
    verify = web.post(f"/api/v1/staff/clients/{client_id}/insurance/primary/verify", headers=other_practice_staff)
    assert verify.status_code == 404


def test_removing_a_policy_removes_its_photos(web, as_client, engine, app, events):
    web.put("/api/v1/billing/insurance/primary", json=POLICY, headers=as_client)
    second = web.put("/api/v1/billing/insurance/secondary", json=POLICY | {"payer": "Second"}, headers=as_client)
    put_photo(web, as_client, "secondary", "back", JPEG)
    table = orm.insurance_policies
    with engine.connect() as connection:
        key = connection.execute(select(table.c.back_key).where(table.c.id == second.json["id"])).scalar_one()
    store = app.extensions["billing_insurance_photos"].store

    primary_first = web.delete("/api/v1/billing/insurance/primary", headers=as_client)
    removed = web.delete("/api/v1/billing/insurance/secondary", headers=as_client)

    assert primary_first.status_code == 409
    assert removed.status_code == 204 and not store.exists(key)
    assert [p["rank"] for p in web.get("/api/v1/billing/insurance", headers=as_client).json["items"]] == ["primary"]
    assert events("billing.insurance.updated")[-1].data["action"] == "removed"


def test_front_desk_verifies_and_clinicians_only_see(web, as_client, signed_in, client_id):
    web.put("/api/v1/billing/insurance/primary", json=POLICY, headers=as_client)
    path = f"/api/v1/staff/clients/{client_id}/insurance"

    assert web.get(path, headers=signed_in("clinician")).status_code == 200
    assert web.post(f"{path}/primary/verify", headers=signed_in("clinician")).status_code == 403
    assert web.post(f"{path}/primary/verify", headers=signed_in("front_desk")).status_code == 200


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server, spoken to over HTTP like any S3-compatible store."""
    from moto.server import ThreadedMotoServer

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_web(settings, clock, identity, processor, signing_key, s3_endpoint):
    on_s3 = dataclasses.replace(
        settings,
        storage_backend="s3",
        s3_endpoint_url=s3_endpoint,
        s3_bucket="portal-objects",
        s3_region="us-east-1",
        s3_access_key_id="testing",
        s3_secret_access_key="testing",
    )
    s3_client(on_s3).create_bucket(Bucket="portal-objects")
    app = create_app(on_s3, clock, identity, processor)
    jwks = KeySet([signing_key]).as_dict(private=False)
    install_verifier(
        app, TokenVerifier(on_s3.jwks_url, on_s3.token_issuer, on_s3.token_audience, clock, fetch=lambda url: jwks)
    )
    yield app.test_client()
    app.extensions["billing_engine"].dispose()


def test_with_s3_storage_a_card_photo_goes_to_the_bucket_under_a_random_key(
    s3_web, as_client, as_staff, client_id, s3_endpoint
):
    s3_web.put("/api/v1/billing/insurance/primary", json=POLICY, headers=as_client)
    put_photo(s3_web, as_client, "primary", "front", JPEG, "robin-card.jpg")

    shown = s3_web.get(f"/api/v1/staff/clients/{client_id}/insurance/primary/photos/front", headers=as_staff)

    assert (shown.status_code, shown.data, shown.mimetype) == (200, JPEG, "image/jpeg")
    listing = boto3.client(
        "s3", endpoint_url=s3_endpoint, region_name="us-east-1", aws_access_key_id="t", aws_secret_access_key="t"
    ).list_objects_v2(Bucket="portal-objects")
    keys = [item["Key"] for item in listing.get("Contents", [])]
    assert any(key.startswith("billing/insurance/") for key in keys)
    assert not any("robin" in key or "card" in key for key in keys)
