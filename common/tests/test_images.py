"""Pillow itself refuses pictures past the platform's bound, whatever code path decodes them."""

import io

import pytest
from django.conf import settings
from PIL import Image

from common.tests.helpers import png_bomb


def test_pillow_refuses_to_open_a_picture_far_past_the_platform_bound():
    assert Image.MAX_IMAGE_PIXELS == settings.IMAGE_MAX_DIMENSION**2
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(png_bomb()))
