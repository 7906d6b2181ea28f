"""Drawing an uploaded logo again with Pillow: the upload is decoded, shrunk to fit the logo box and
encoded afresh in its own format, so nothing of the original file but its pixels is kept (no EXIF,
no location, no comments, no colour profile, no trailing bytes)."""

from __future__ import annotations

import hashlib
import io
import warnings

from PIL import Image, UnidentifiedImageError

from identity.domain.practice_logo import JPEG, LOGO_BOX, PNG, WEBP, LogoImage, LogoInvalid, check_upload

# Pillow's names of the formats a logo may be, by content type.
_FORMATS = {PNG: "PNG", JPEG: "JPEG", WEBP: "WEBP"}
# More pixels than this is no logo; refusing early keeps a small "decompression bomb" file harmless.
MAX_PIXELS = 25_000_000


def redraw_logo(upload: bytes) -> LogoImage:
    """The upload as the logo the practice's pages show, or LogoInvalid."""
    kind = check_upload(upload)
    image = _decode(upload, _FORMATS[kind])
    image.thumbnail(LOGO_BOX, Image.Resampling.LANCZOS)
    data = _encode(image, _FORMATS[kind])
    return LogoImage(data, kind, hashlib.sha256(data).hexdigest()[:16])


def _decode(upload: bytes, expected_format: str) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(upload), formats=[expected_format])
            width, height = opened.size
            if width * height > MAX_PIXELS:
                raise LogoInvalid("The logo is too large an image; use one of at most a few thousand pixels a side.")
            opened.seek(0)  # an animated image: its first frame
            opened.load()
    except LogoInvalid:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as error:
        raise LogoInvalid("The logo could not be read as an image.") from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise LogoInvalid("The logo is too large an image.") from error
    return _plain_pixels(opened, expected_format)


def _plain_pixels(image: Image.Image, image_format: str) -> Image.Image:
    """Pixels in a mode the format stores, with transparency kept where the format has it."""
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info
    plain = image.convert("RGBA" if has_alpha and image_format != "JPEG" else "RGB")
    plain.info = {}  # convert() copies the original's EXIF, profile and comments: none of them is kept
    return plain


# Encoder options per format: small files, no visible loss for a logo.
_ENCODER_OPTIONS: dict[str, dict[str, object]] = {
    "PNG": {"optimize": True},
    "JPEG": {"quality": 88},
    "WEBP": {"quality": 90},
}


def _encode(image: Image.Image, image_format: str) -> bytes:
    out = io.BytesIO()
    image.save(out, format=image_format, **_ENCODER_OPTIONS[image_format])
    return out.getvalue()
