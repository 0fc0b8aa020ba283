"""Uploaded images, made safe with Pillow: an allow-list of formats, a size and pixel limit
against decompression bombs, metadata stripped by re-encoding the pixels alone, a thumbnail.

Poster images and speaker photos both come through here.
"""

import io
import secrets
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg"}
IMAGE_MAX_BYTES = 10 * 1024 * 1024
IMAGE_MAX_PIXELS = 50_000_000  # e.g. 10,000 × 5,000; larger is refused as a likely bomb
THUMBNAIL_BOX = (640, 640)
STORED_BOX = (4096, 4096)  # the largest image kept: sharp on any screen, light to process


def clean_image(upload):
    """Open `upload` with Pillow and return (pixels-only copy, format), or refuse it."""
    if upload.size > IMAGE_MAX_BYTES:
        raise ValidationError(
            f"The image is {upload.size / 1024 / 1024:.1f} MB; the limit is "
            f"{IMAGE_MAX_BYTES // 1024 // 1024} MB."
        )
    refused = ValidationError("This file is not a PNG or JPEG image we can read.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as probe:
                if probe.format not in IMAGE_FORMATS:
                    raise refused
                if probe.width * probe.height > IMAGE_MAX_PIXELS:
                    raise ValidationError(
                        f"The image is {probe.width} × {probe.height} pixels; the limit is "
                        f"{IMAGE_MAX_PIXELS // 1_000_000} million pixels."
                    )
                probe.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                return _pixels_only(image), image.format
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError("The image has too many pixels to be processed safely.") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise refused from error


def _pixels_only(image):
    """The picture, upright, at most STORED_BOX, with no EXIF, GPS, text chunks or profiles.

    It is made smaller before anything else (JPEG decodes at a reduced scale; a palette PNG
    shrinks in its own one byte a pixel), so a huge image never exists in full colour.
    """
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if image.format == "PNG" and has_alpha else "RGB"
    if image.format == "JPEG":
        image.draft("RGB", STORED_BOX)
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    image.thumbnail(STORED_BOX)  # loads the pixels; keeps the aspect ratio
    picture = image.convert(mode)  # always a new image
    if orientation != 1:
        picture.info["exif"] = image.info.get("exif", b"")
        picture = ImageOps.exif_transpose(picture)
    picture.info = {}
    return picture


def encoded(image, fmt):
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.save(buffer, "JPEG", quality=90, optimize=True)
    else:
        image.save(buffer, "PNG", compress_level=3)  # fast; size matters less than time here
    return ContentFile(buffer.getvalue())


def thumbnail(image):
    scale = min(THUMBNAIL_BOX[0] / image.width, THUMBNAIL_BOX[1] / image.height, 1)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    thumb = image.resize(size, reducing_gap=2.0)  # a small new image, not a full copy
    if thumb.mode == "RGBA":
        background = Image.new("RGB", thumb.size, "white")
        background.paste(thumb, mask=thumb.getchannel("A"))
        thumb = background
    buffer = io.BytesIO()
    thumb.save(buffer, "JPEG", quality=82, optimize=True)
    return ContentFile(buffer.getvalue())


def store(field_file_image, field_file_thumbnail, image, fmt):
    """Save the re-encoded image and its thumbnail under one random name; return the old names."""
    old = [name for name in (field_file_image.name, field_file_thumbnail.name) if name]
    token = secrets.token_hex(16)
    field_file_image.save(f"{token}.{IMAGE_FORMATS[fmt]}", encoded(image, fmt), save=False)
    field_file_thumbnail.save(f"{token}.jpg", thumbnail(image), save=False)
    return old
