"""Re-encoding refuses image bombs from their header, before any pixel is decoded, and refuses
whatever it cannot re-encode: nothing is ever kept as uploaded."""

import time

import pytest
from PIL import Image

from tests.support.images import jpeg_bomb_with_gps, png_bomb, truncated_jpeg_with_gps
from youthcities import images
from youthcities.images import BadImage, reencode_image


def test_pillow_refuses_what_we_refuse():
    assert getattr(images, "MAX_PIXELS", None) == 40_000_000
    assert Image.MAX_IMAGE_PIXELS == images.MAX_PIXELS


def test_a_tiny_png_of_9400_by_9400_pixels_is_refused_without_decoding_it():
    bomb = png_bomb()
    assert len(bomb) < 400_000
    started = time.process_time()
    with pytest.raises(BadImage, match="too large an image"):
        reencode_image(bomb, "PNG", "bomb.png")
    assert time.process_time() - started < 1


def test_a_10000_by_10000_jpeg_is_refused_from_its_header():
    started = time.process_time()
    with pytest.raises(BadImage, match="too large an image"):
        reencode_image(jpeg_bomb_with_gps(), "JPEG", "street.jpg")
    assert time.process_time() - started < 1


def test_an_image_that_cannot_be_reencoded_is_refused():
    with pytest.raises(BadImage, match="could not be read as an image"):
        reencode_image(truncated_jpeg_with_gps(), "JPEG", "street.jpg")


def test_the_format_is_read_from_the_content_when_not_given():
    from tests.support.images import jpeg_with_gps

    clean, size = reencode_image(jpeg_with_gps(), None, "street.jpg")
    assert size == (64, 48)
    assert b"PhoneMaker" not in clean
    assert clean.startswith(b"\xff\xd8")
