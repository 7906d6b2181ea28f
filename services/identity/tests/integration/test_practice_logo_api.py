"""The practice's logo over HTTP: owners and admins upload and remove it, anyone fetches it with the
headers a browser needs, and no other practice or role can touch it."""

import io

import pytest
from PIL import Image
from portalkit.testing import outbox_events

LOGO = "/api/v1/staff/practice/logo"
SETTINGS = "/api/v1/staff/practice/settings"


def png(size=(600, 300), colour=(10, 120, 90)):
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def upload(http, headers, data, filename="logo.png", mimetype="image/png"):
    return http.put(
        LOGO, data={"logo": (io.BytesIO(data), filename, mimetype)}, headers=headers, content_type="multipart/form-data"
    )


def public_logo(http, practice_id, **headers):
    return http.get(f"/api/v1/practices/{practice_id}/logo", headers=headers)


def test_an_uploaded_logo_is_shown_at_the_address_the_settings_and_public_profile_give(http, staff, engine):
    answer = upload(http, staff["headers"], png())

    logo_url = answer.json["logo_url"]
    profile = http.get(f"/api/v1/practices/{staff['practice_id']}/public-profile")
    image = http.get(logo_url)

    assert answer.status_code == 200
    assert logo_url.startswith(f"/api/v1/practices/{staff['practice_id']}/logo?v=")
    assert http.get(SETTINGS, headers=staff["headers"]).json["logo_url"] == logo_url
    assert profile.json["logo_url"] == logo_url
    assert image.status_code == 200
    assert image.headers["Content-Type"] == "image/png"
    assert image.headers["X-Content-Type-Options"] == "nosniff"
    assert Image.open(io.BytesIO(image.data)).size == (320, 160)
    assert [e.data for e in outbox_events(engine, "identity.practice.settings_changed")] == [{"changed": ["logo"]}]


def test_the_browser_keeps_the_logo_and_asks_again_cheaply(http, staff):
    logo_url = upload(http, staff["headers"], png()).json["logo_url"]

    versioned = http.get(logo_url)
    plain = public_logo(http, staff["practice_id"])
    again = public_logo(http, staff["practice_id"], **{"If-None-Match": plain.headers["ETag"]})

    assert "immutable" in versioned.headers["Cache-Control"] and "public" in versioned.headers["Cache-Control"]
    assert plain.headers["Cache-Control"] == "public, max-age=300"
    assert plain.headers["ETag"] == f'"{logo_url.rsplit("=", 1)[1]}"'
    assert (again.status_code, again.data) == (304, b"")


def test_the_type_comes_from_the_bytes_not_the_name_or_the_declared_type(http, staff):
    out = io.BytesIO()
    Image.new("RGB", (50, 50)).save(out, format="JPEG")

    answer = upload(http, staff["headers"], out.getvalue(), filename="logo.png", mimetype="image/png")

    assert answer.status_code == 200
    assert public_logo(http, staff["practice_id"]).headers["Content-Type"] == "image/jpeg"


@pytest.mark.parametrize(
    ("data", "filename", "mimetype"),
    [
        (b"<html><script>alert(1)</script></html>", "logo.png", "image/png"),
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "logo.svg", "image/svg+xml"),
        (b"%PDF-1.7", "logo.jpg", "image/jpeg"),
    ],
    ids=["html named png", "svg", "pdf named jpg"],
)
def test_a_file_that_is_not_an_allowed_image_is_refused_naming_the_logo(http, staff, engine, data, filename, mimetype):
    answer = upload(http, staff["headers"], data, filename, mimetype)

    assert answer.status_code == 422
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert list(answer.json["errors"]) == ["logo"]
    assert public_logo(http, staff["practice_id"]).status_code == 404
    assert outbox_events(engine, "identity.practice.settings_changed") == []


def test_a_logo_over_1_mb_is_refused_before_it_is_read(http, staff):
    too_big = png() + b"\x00" * (1024 * 1024)
    far_too_big = b"\x89PNG\r\n\x1a\n" + b"\x00" * (5 * 1024 * 1024)

    answers = [upload(http, staff["headers"], data) for data in (too_big, far_too_big)]

    assert [(a.status_code, list(a.json["errors"])) for a in answers] == [(422, ["logo"])] * 2
    assert "1 MB" in answers[1].json["errors"]["logo"][0]


def test_an_upload_without_the_logo_field_says_how_to_send_it(http, staff):
    answer = http.put(LOGO, data=png(), headers={**staff["headers"], "Content-Type": "image/png"})

    assert answer.status_code == 422
    assert "multipart/form-data" in answer.json["errors"]["logo"][0]


def test_removing_the_logo_leaves_no_image_and_no_address(http, staff, engine):
    upload(http, staff["headers"], png())

    removed = http.delete(LOGO, headers=staff["headers"])

    assert removed.status_code == 200 and removed.json["logo_url"] is None
    assert public_logo(http, staff["practice_id"]).status_code == 404
    assert http.get(f"/api/v1/practices/{staff['practice_id']}/public-profile").json["logo_url"] is None
    assert len(outbox_events(engine, "identity.practice.settings_changed")) == 2


def test_only_owners_and_admins_change_the_logo(http, staff, add_staff, sign_in):
    outcomes = {}
    for role in ("admin", "clinician", "billing", "front_desk"):
        add_staff(email=f"{role}@harbour.test", role=role)
        headers = {"Authorization": f"Bearer {sign_in(f'{role}@harbour.test')['access_token']}"}
        outcomes[role] = (
            upload(http, headers, png(colour=(5, 5, 5))).status_code,
            http.delete(LOGO, headers=headers).status_code,
        )

    assert outcomes == {"admin": (200, 200), "clinician": (403, 403), "billing": (403, 403), "front_desk": (403, 403)}


def test_front_desk_cannot_remove_the_owner_s_logo(http, staff, add_staff, sign_in):
    logo_url = upload(http, staff["headers"], png()).json["logo_url"]
    add_staff(email="desk@harbour.test", role="front_desk")
    desk = {"Authorization": f"Bearer {sign_in('desk@harbour.test')['access_token']}"}

    refused = http.delete(LOGO, headers=desk)

    assert refused.status_code == 403
    assert http.get(logo_url).status_code == 200


def test_another_practice_changes_only_its_own_logo(http, staff, add_staff, sign_in):
    ours = upload(http, staff["headers"], png()).json["logo_url"]
    other = add_staff(practice_name="Lighthouse Counselling", email="lead@lighthouse.test")
    theirs = {"Authorization": f"Bearer {sign_in('lead@lighthouse.test')['access_token']}"}

    upload(http, theirs, png(colour=(200, 0, 0)))
    http.delete(LOGO, headers=theirs)

    assert http.get(f"/api/v1/practices/{staff['practice_id']}/public-profile").json["logo_url"] == ours
    assert http.get(ours).status_code == 200
    assert public_logo(http, other["practice_id"]).status_code == 404


def test_no_practice_or_no_logo_is_a_404(http, staff):
    assert public_logo(http, staff["practice_id"]).status_code == 404
    assert public_logo(http, "no-such-practice").status_code == 404


def test_a_client_cannot_upload_a_logo(http, client_account, sign_in):
    client = sign_in(client_account["email"], "lanterns over the bay")

    answer = upload(http, {"Authorization": f"Bearer {client['access_token']}"}, png())

    assert answer.status_code == 403
