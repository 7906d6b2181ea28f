"""Drawing a profile picture with Pillow: the upload is decoded, cropped to the square asked for (the
centre one by default), resized to PICTURE_SIZE and encoded afresh as PNG, so nothing of the original
file but those pixels is kept (no EXIF, no location, no comments)."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from messaging.domain.profile_picture import PICTURE_SIZE, Crop, InvalidPicture

# More pixels than this is no photo; refusing early keeps a small "decompression bomb" file harmless.
MAX_PIXELS = 40_000_000


def square_picture(data: bytes, crop: Crop | None) -> bytes:
    image = _decode(data)
    square = crop or Crop.centred(*image.size)
    square.check(*image.size)
    cropped = image.crop((square.left, square.top, square.left + square.side, square.top + square.side))
    resized = cropped.resize((PICTURE_SIZE, PICTURE_SIZE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    resized.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _decode(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data), formats=["PNG", "JPEG", "GIF", "WEBP"])
            width, height = opened.size
            if width * height > MAX_PIXELS:
                raise InvalidPicture("The picture is too large; use one of at most a few thousand pixels a side.")
            opened.seek(0)  # an animated picture: its first frame
            opened.load()
            # A phone photo is stored sideways with an EXIF note on how to turn it: turned as seen.
            upright = ImageOps.exif_transpose(opened)
    except InvalidPicture:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as error:
        raise InvalidPicture("The picture could not be read.") from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise InvalidPicture("The picture is too large.") from error
    has_alpha = upright.mode in {"RGBA", "LA", "PA"} or "transparency" in upright.info
    plain = upright.convert("RGBA" if has_alpha else "RGB")
    plain.info = {}
    return plain
