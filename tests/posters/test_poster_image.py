"""Presenters of an accepted poster upload its image; only clean PNG and JPEG images are kept."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ecosystem_day.infra.images import IMAGE_MAX_BYTES
from tests.factories import PosterProposalFactory, UserFactory

NOT_AN_IMAGE = "This file is not a PNG or JPEG image we can read."


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def image_file(name, fmt="PNG", size=(800, 600), mode="RGB", **save_options):
    buffer = io.BytesIO()
    Image.new(mode, size, "white" if mode != "1" else 0).save(buffer, fmt, **save_options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def upload(client, poster, file):
    return client.post(f"/me/posters/{poster.pk}/image/", {"image": file})


def test_the_image_page_offers_a_png_or_jpeg_file_field(logged_in, poster):
    response = logged_in.get(f"/me/posters/{poster.pk}/image/")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'type="file" name="image"' in page
    assert 'accept="image/png,image/jpeg"' in page
    assert "has no image yet" in page


@pytest.mark.parametrize(
    ("make_file", "error"),
    [
        (
            lambda: SimpleUploadedFile("poster.png", b"Hello, I am text.", "image/png"),
            NOT_AN_IMAGE,
        ),
        (lambda: image_file("poster.gif", "GIF"), NOT_AN_IMAGE),
        (
            lambda: SimpleUploadedFile(
                "huge.png", b"\0" * (IMAGE_MAX_BYTES + 200 * 1024), "image/png"
            ),
            "The image is 10.2 MB; the limit is 10 MB.",
        ),
        (
            lambda: image_file("bomb.png", size=(20000, 20000), mode="1"),
            "The image has too many pixels to be processed safely.",
        ),
        (
            lambda: image_file("wide.png", size=(10000, 6000), mode="1"),
            "The image is 10000 × 6000 pixels; the limit is 50 million pixels.",
        ),
    ],
    ids=["text-named-png", "gif", "too-large", "decompression-bomb", "too-many-pixels"],
)
def test_a_bad_image_is_refused_with_a_clear_error_and_nothing_is_stored(
    logged_in, poster, media_root, make_file, error
):
    response = upload(logged_in, poster, make_file())

    assert response.status_code == 200
    assert response.context["form"].errors == {"image": [error]}
    assert error in response.content.decode()
    poster.refresh_from_db()
    assert (poster.image.name, poster.thumbnail.name) == ("", "")
    assert stored_files(media_root) == []


def test_a_png_with_a_script_for_a_name_is_stored_under_a_random_name(
    logged_in, poster, media_root
):
    response = upload(logged_in, poster, image_file("<script>alert(1)</script>.png"))

    assert response.status_code == 302
    assert response.url == f"/me/posters/{poster.pk}/"
    poster.refresh_from_db()
    assert re.fullmatch(r"posters/[0-9a-f]{32}\.png", poster.image.name)
    assert re.fullmatch(r"posters/thumbnails/[0-9a-f]{32}\.jpg", poster.thumbnail.name)
    for name in stored_files(media_root):
        assert "script" not in name
        assert "alert" not in name
    assert stored_files(media_root) == sorted([poster.image.name, poster.thumbnail.name])


def test_a_jpeg_is_stored_re_encoded_without_its_exif_and_with_a_small_thumbnail(
    logged_in, poster, media_root
):
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    photo = image_file("photo.jpg", "JPEG", size=(2000, 1500), exif=exif)
    assert b"SecretCam" in photo.read()
    photo.seek(0)

    response = upload(logged_in, poster, photo)

    assert response.status_code == 302
    poster.refresh_from_db()
    assert poster.image.name.endswith(".jpg")
    with Image.open(media_root / poster.image.name) as stored:
        assert (stored.format, stored.size, dict(stored.getexif())) == ("JPEG", (2000, 1500), {})
    assert b"SecretCam" not in (media_root / poster.image.name).read_bytes()
    with Image.open(media_root / poster.thumbnail.name) as thumbnail:
        assert thumbnail.size == (640, 480)
    page = logged_in.get(response.url).content.decode()
    assert "The image of “TorchTrace” is saved and on its public page." in page
    assert f'src="/media/{poster.thumbnail.name}"' in page


def test_the_image_page_shows_the_current_thumbnail_and_a_new_upload_replaces_it(
    logged_in, poster, media_root, django_capture_on_commit_callbacks
):
    upload(logged_in, poster, image_file("first.png"))
    poster.refresh_from_db()
    first = poster.image.name

    page = logged_in.get(f"/me/posters/{poster.pk}/image/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        upload(logged_in, poster, image_file("second.png"))

    assert f'src="/media/{poster.thumbnail.name}"' in page
    assert "The current image. A new upload replaces it." in page
    poster.refresh_from_db()
    assert poster.image.name != first
    assert stored_files(media_root) == sorted([poster.image.name, poster.thumbnail.name])


@pytest.mark.parametrize("status", ["submitted", "waitlisted", "rejected", "withdrawn"])
def test_a_poster_that_is_not_accepted_cannot_have_an_image(
    logged_in, event, submitter, media_root, status
):
    poster = PosterProposalFactory(event=event, submitter=submitter, status=status)

    page = logged_in.get(f"/me/posters/{poster.pk}/image/")
    post = upload(logged_in, poster, image_file("poster.png"))

    assert page.status_code == 200
    assert "Only an accepted poster can have its image on the site." in page.content.decode()
    assert 'name="image"' not in page.content.decode()
    assert post.status_code == 403
    assert "Only an accepted poster can have its image on the site." in post.content.decode()
    poster.refresh_from_db()
    assert poster.image.name == ""
    assert stored_files(media_root) == []


def test_another_user_cannot_see_or_upload_the_image_of_someone_elses_poster(
    client, poster, media_root
):
    client.force_login(UserFactory(email="mallory@example.org"))

    page = client.get(f"/me/posters/{poster.pk}/image/")
    post = upload(client, poster, image_file("poster.png"))

    assert (page.status_code, post.status_code) == (404, 404)
    poster.refresh_from_db()
    assert poster.image.name == ""
    assert stored_files(media_root) == []


def test_anonymous_visitors_are_sent_to_log_in(client, poster):
    url = f"/me/posters/{poster.pk}/image/"

    response = client.post(url, {"image": image_file("poster.png")})

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"
