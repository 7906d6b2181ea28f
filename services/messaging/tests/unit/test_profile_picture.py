"""A profile picture: only pictures are taken, the square asked for (the centre one by default) is kept and
drawn again at 256 pixels; a square outside the picture is refused."""

import io

import pytest
from messaging.adapters.pictures import square_picture
from messaging.domain.profile_picture import Crop, InvalidCrop, InvalidPicture, picture_kind
from PIL import Image


def test_a_picture_is_cropped_to_the_square_asked_for_and_drawn_at_256_pixels():
    image = Image.new("RGB", (300, 100), (255, 0, 0))
    image.paste((0, 0, 255), (200, 0, 300, 100))
    out = io.BytesIO()
    image.save(out, format="PNG")
    data = out.getvalue()

    assert picture_kind("me.png", data) == "image/png"
    centre = Image.open(io.BytesIO(square_picture(data, None)))
    assert centre.size == (256, 256) and centre.getpixel((128, 128))[:3] == (255, 0, 0)
    right = Image.open(io.BytesIO(square_picture(data, Crop(200, 0, 100))))
    assert right.getpixel((128, 128))[:3] == (0, 0, 255)
    with pytest.raises(InvalidCrop):
        square_picture(data, Crop(250, 0, 100))
    with pytest.raises(InvalidPicture):
        picture_kind("me.png", b"%PDF-1.4\n")
