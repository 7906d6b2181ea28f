"""Through the gateway and the real stack: the practice owner uploads a logo, anyone sees it at the
same-origin address the public profile gives, an upload that is no image is refused naming `logo`,
and removing it leaves nothing to show. The practice's logo is removed again after."""

import io
import random

import pytest
import requests
from PIL import Image

pytestmark = [pytest.mark.e2e]
LOGO = "/api/v1/staff/practice/logo"


def png(size=(800, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (47, 107, 102)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def staff(portal):
    session = portal.staff_session()
    yield session
    assert portal.staff_session().delete(portal.url(LOGO)).status_code == 200


def test_an_uploaded_logo_is_served_to_anyone_from_the_portal_s_own_address(portal, staff):
    practice_id = staff.get(portal.url("/api/v1/me")).json()["practice_id"]

    uploaded = staff.put(portal.url(LOGO), files={"logo": ("logo.png", png(), "image/png")})

    assert uploaded.status_code == 200, uploaded.text
    logo_url = uploaded.json()["logo_url"]
    profile = requests.get(portal.url(f"/api/v1/practices/{practice_id}/public-profile")).json()
    assert profile["logo_url"] == logo_url
    image = requests.get(portal.url(logo_url))
    assert image.status_code == 200
    assert image.headers["Content-Type"] == "image/png"
    assert image.headers["X-Content-Type-Options"] == "nosniff"
    assert "immutable" in image.headers["Cache-Control"]
    assert Image.open(io.BytesIO(image.content)).size == (400, 100)
    unchanged = requests.get(portal.url(logo_url), headers={"If-None-Match": image.headers["ETag"]})
    assert unchanged.status_code == 304


def test_a_file_that_is_not_an_image_is_refused_naming_the_logo(portal, staff):
    refused = staff.put(portal.url(LOGO), files={"logo": ("logo.png", b"<html>not an image</html>", "image/png")})

    assert refused.status_code == 422
    assert refused.headers["Content-Type"] == "application/problem+json"
    assert list(refused.json()["errors"]) == ["logo"]


def test_a_logo_close_to_1_mb_passes_the_gateway(portal, staff):
    noise = random.Random(7).randbytes(600 * 560 * 3)  # noise does not compress
    out = io.BytesIO()
    Image.frombytes("RGB", (600, 560), noise).save(out, format="PNG")
    nearly_1_mb = out.getvalue()
    assert 900_000 < len(nearly_1_mb) <= 1024 * 1024

    uploaded = staff.put(portal.url(LOGO), files={"logo": ("logo.png", nearly_1_mb, "image/png")})

    assert uploaded.status_code == 200, uploaded.text


def test_removing_the_logo_leaves_nothing_to_show(portal, staff):
    practice_id = staff.get(portal.url("/api/v1/me")).json()["practice_id"]
    staff.put(portal.url(LOGO), files={"logo": ("logo.png", png(), "image/png")})

    removed = staff.delete(portal.url(LOGO))

    assert removed.status_code == 200 and removed.json()["logo_url"] is None
    assert requests.get(portal.url(f"/api/v1/practices/{practice_id}/logo")).status_code == 404
