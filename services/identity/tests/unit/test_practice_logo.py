"""A practice's logo: what an upload may be, how the server draws it again, and how replacing or
removing it keeps exactly one stored image per practice."""

import datetime as dt
import io

import pytest
from identity.adapters.logo_images import redraw_logo
from identity.domain.model import Practice
from identity.domain.practice_logo import LogoInvalid, logo_key, sniff_image_type
from identity.domain.sessions import SessionPolicy
from identity.service.caller import Caller
from identity.service.practice_logo import LogoChange, logo_of, remove_logo, replace_logo
from PIL import Image
from portalkit.errors import Problem, ValidationProblem
from portalkit.testing import MemoryObjectStore

PRACTICE_ID = "11111111-2222-4333-8444-555555555555"
POLICY = SessionPolicy(idle=dt.timedelta(minutes=15), absolute=dt.timedelta(hours=12))


def image_bytes(image_format, size=(80, 40), colour=(20, 90, 160), **options):
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=image_format, **options)
    return out.getvalue()


def exif_with_location():
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # GPS latitude
    return exif.tobytes()


@pytest.mark.parametrize(
    ("image_format", "content_type"), [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("WEBP", "image/webp")]
)
def test_each_kind_of_logo_is_read_from_its_bytes_and_stays_that_kind(image_format, content_type):
    upload = image_bytes(image_format)

    logo = redraw_logo(upload)

    assert sniff_image_type(upload) == content_type
    assert logo.content_type == content_type
    assert Image.open(io.BytesIO(logo.data)).format == image_format


def test_a_large_logo_is_shrunk_to_fit_the_box_keeping_its_shape():
    logo = redraw_logo(image_bytes("PNG", size=(1600, 400)))

    assert Image.open(io.BytesIO(logo.data)).size == (400, 100)


def test_a_small_logo_keeps_its_size():
    logo = redraw_logo(image_bytes("PNG", size=(120, 60)))

    assert Image.open(io.BytesIO(logo.data)).size == (120, 60)


def test_the_photo_s_metadata_and_anything_after_the_image_are_gone():
    upload = image_bytes("JPEG", exif=exif_with_location(), comment=b"taken at home") + b"<script>x</script>"

    logo = redraw_logo(upload)
    redrawn = Image.open(io.BytesIO(logo.data))

    assert b"Camera maker" in upload
    assert not redrawn.getexif()
    assert b"Camera maker" not in logo.data and b"taken at home" not in logo.data and b"script" not in logo.data


def test_transparency_survives_in_a_png():
    out = io.BytesIO()
    Image.new("RGBA", (40, 40), (0, 0, 0, 0)).save(out, format="PNG")

    redrawn = Image.open(io.BytesIO(redraw_logo(out.getvalue()).data))

    assert redrawn.mode == "RGBA" and redrawn.getpixel((0, 0))[3] == 0


@pytest.mark.parametrize(
    ("upload", "reason"),
    [
        (b"", "Choose an image"),
        (b"%PDF-1.7 not a picture", "PNG, JPEG or WebP"),
        (image_bytes("GIF"), "PNG, JPEG or WebP"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "PNG, JPEG or WebP"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "could not be read"),
        (image_bytes("PNG")[:60], "could not be read"),
        (image_bytes("PNG") + b"\x00" * (1024 * 1024), "at most 1 MB"),
    ],
    ids=["empty", "pdf", "gif", "svg", "png header then rubbish", "cut short", "over 1 MB"],
)
def test_what_is_not_a_logo_is_refused_saying_why(upload, reason):
    with pytest.raises(LogoInvalid, match=reason):
        redraw_logo(upload)


def test_a_jpeg_called_a_png_is_taken_as_the_jpeg_it_is():
    # The bytes decide; a name or a declared type never reaches this far.
    assert redraw_logo(image_bytes("JPEG")).content_type == "image/jpeg"


def test_an_image_of_absurd_dimensions_is_refused_before_it_is_drawn():
    huge = image_bytes("PNG", size=(10000, 10000), colour=(0, 0, 0), optimize=True)

    with pytest.raises(LogoInvalid, match="too large"):
        redraw_logo(huge)


class AuditLog:
    def __init__(self):
        self.events = []

    def record(self, event):
        self.events.append(event)


@pytest.fixture
def practice_uow(uow):
    uow.practices.rows[PRACTICE_ID] = Practice(id=PRACTICE_ID, name="Harbour Therapy")
    uow.account_log = AuditLog()
    return uow


def change():
    return LogoChange(PRACTICE_ID, "staff-1", Caller(ip="203.0.113.5"))


def test_a_new_logo_replaces_the_old_one_in_the_store_and_is_published(practice_uow):
    objects = MemoryObjectStore()
    first = replace_logo(practice_uow, objects, change(), image_bytes("PNG"), redraw_logo, POLICY)

    second = replace_logo(practice_uow, objects, change(), image_bytes("WEBP"), redraw_logo, POLICY)

    version = practice_uow.practices.rows[PRACTICE_ID].logo_version
    assert second["logo_url"] == f"/api/v1/practices/{PRACTICE_ID}/logo?v={version}" != first["logo_url"]
    assert list(objects.objects) == [logo_key(PRACTICE_ID, version)]
    assert logo_of(practice_uow, objects, PRACTICE_ID).content_type == "image/webp"
    assert practice_uow.published == [("identity.practice.settings_changed", {"changed": ["logo"]})] * 2
    assert [(e.purpose, e.actor_id) for e in practice_uow.account_log.events] == [("logo", "staff-1")] * 2


def test_the_same_image_again_changes_nothing(practice_uow):
    objects = MemoryObjectStore()
    replace_logo(practice_uow, objects, change(), image_bytes("PNG"), redraw_logo, POLICY)

    replace_logo(practice_uow, objects, change(), image_bytes("PNG"), redraw_logo, POLICY)

    assert len(objects.objects) == 1
    assert len(practice_uow.published) == 1


def test_a_refused_upload_stores_nothing_and_names_the_logo_field(practice_uow):
    objects = MemoryObjectStore()

    with pytest.raises(ValidationProblem) as refused:
        replace_logo(practice_uow, objects, change(), b"GIF89a not allowed", redraw_logo, POLICY)

    assert list(refused.value.extra["errors"]) == ["logo"]
    assert objects.objects == {} and practice_uow.published == []


def test_removing_the_logo_deletes_the_image_and_answers_no_address(practice_uow):
    objects = MemoryObjectStore()
    replace_logo(practice_uow, objects, change(), image_bytes("PNG"), redraw_logo, POLICY)

    removed = remove_logo(practice_uow, objects, change(), POLICY)

    assert removed["logo_url"] is None
    assert objects.objects == {}
    with pytest.raises(Problem) as missing:
        logo_of(practice_uow, objects, PRACTICE_ID)
    assert missing.value.status == 404
