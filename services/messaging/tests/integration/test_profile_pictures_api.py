"""Profile pictures on SQLite and PostgreSQL: the client uploads a photo, the square they chose (the centre
one by default) is kept at 256 x 256 as a fresh PNG; staff and the accounts that open the profile see it
(the profile picker, before a profile is chosen), another client and another practice get 404."""

import io

import pytest
from PIL import Image

WIDE = (400, 300)


def photo(size=WIDE, image_format="JPEG", left_colour=(200, 0, 0), right_colour=(0, 0, 200)):
    image = Image.new("RGB", size, left_colour)
    image.paste(right_colour, (size[0] // 2, 0, size[0], size[1]))
    out = io.BytesIO()
    image.save(out, format=image_format)
    return out.getvalue()


def put(web, who, data, name="me.jpg", **crop):
    form = {"file": (io.BytesIO(data), name), **{k: str(v) for k, v in crop.items()}}
    return web.put("/api/v1/profile-picture", data=form, headers=who.headers)


def shown(answer):
    assert answer.status_code == 200, answer.data[:200]
    assert answer.mimetype == "image/png"
    return Image.open(io.BytesIO(answer.data))


def test_the_centre_square_is_kept_at_256_pixels_and_staff_see_it(web, ana, dana):
    saved = put(web, ana, photo())
    assert saved.status_code == 200, saved.json
    assert saved.json["client_id"] == ana.client_id

    picture = shown(web.get(f"/api/v1/staff/clients/{ana.client_id}/picture", headers=dana.headers))
    assert picture.size == (256, 256)
    # The centre square of a half red, half blue photo: red on the left, blue on the right.
    assert picture.getpixel((10, 128))[0] > 150 and picture.getpixel((245, 128))[2] > 150
    assert "exif" not in picture.info
    assert shown(web.get(f"/api/v1/profile-pictures/{ana.client_id}", headers=ana.headers)).size == (256, 256)


def test_the_client_chooses_the_square_and_a_new_picture_replaces_the_old(web, ana, dana):
    put(web, ana, photo())
    # Only the left 150 pixels: all red.
    assert put(web, ana, photo(), crop_left=0, crop_top=0, crop_side=150).status_code == 200

    picture = shown(web.get(f"/api/v1/staff/clients/{ana.client_id}/picture", headers=dana.headers))
    assert picture.getpixel((250, 250))[:3] == picture.getpixel((5, 5))[:3]
    assert picture.getpixel((250, 250))[0] > 150


@pytest.mark.parametrize(
    ("data", "crop", "field"),
    [
        (b"MZ\x90\x00" + b"\x00" * 200, {}, "file"),
        (b"%PDF-1.4\n%%EOF\n", {}, "file"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, {}, "file"),  # a PNG's signature, no picture
        (photo(), {"crop_left": 300, "crop_top": 0, "crop_side": 200}, "crop"),
        (photo(), {"crop_left": 0}, "crop_top"),
    ],
)
def test_what_is_no_picture_or_no_square_inside_is_refused(web, ana, dana, data, crop, field):
    refused = put(web, ana, data, **crop)

    assert (refused.status_code, refused.content_type) == (422, "application/problem+json")
    assert field in refused.json["errors"]
    assert web.get(f"/api/v1/staff/clients/{ana.client_id}/picture", headers=dana.headers).status_code == 404


def test_the_picker_shows_a_linked_profile_and_strangers_get_404(web, ana, person, directory, tokens):
    put(web, ana, photo())
    guardian, ben, outsider = person("client"), person("client"), person("owner", practice_id="practice-b")
    directory.links.add(("practice-a", ana.client_id, guardian.account_id))
    # Before choosing a profile the token acts for none.
    picking = {"Authorization": f"Bearer {tokens.issue('client', account_id=guardian.account_id)}"}

    assert shown(web.get(f"/api/v1/profile-pictures/{ana.client_id}", headers=picking)).size == (256, 256)
    assert web.get(f"/api/v1/profile-pictures/{ana.client_id}", headers=ben.headers).status_code == 404
    assert web.get(f"/api/v1/staff/clients/{ana.client_id}/picture", headers=outsider.headers).status_code == 404


def test_the_client_removes_their_picture(web, ana, dana):
    put(web, ana, photo())

    assert web.delete("/api/v1/profile-picture", headers=ana.headers).status_code == 204
    assert web.get(f"/api/v1/staff/clients/{ana.client_id}/picture", headers=dana.headers).status_code == 404
