"""/me/profile/: a signed-in person edits what the speakers page shows about them; photos
and speakers' photos go through the same Pillow checks as poster images."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sessions.models import Speaker
from tests.factories import SpeakerFactory, UserFactory

NOT_AN_IMAGE = "This file is not a PNG or JPEG image we can read."
BOMB = "The image has too many pixels to be processed safely."


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def image_file(name, fmt="PNG", size=(400, 400), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, "white" if mode != "1" else 0).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_the_profile_page_asks_visitors_to_log_in_first(client, db):
    response = client.get("/me/profile/")

    assert (response.status_code, response.url) == (302, "/accounts/login/?next=/me/profile/")


def test_the_profile_page_shows_the_signed_in_persons_own_profile_only(client, db):
    UserFactory(name="Ada Lovelace", affiliation="Analytical Engines", bio="Wrote programs.")
    other = UserFactory(name="Alan Turing", affiliation="Bletchley Park")
    client.force_login(other)

    html = client.get("/me/profile/").content.decode()

    assert "Bletchley Park" in html
    assert "Analytical Engines" not in html
    assert "Wrote programs." not in html


def test_saving_the_profile_stores_affiliation_bio_and_a_re_encoded_photo(
    logged_in, submitter, media_root
):
    response = logged_in.post(
        "/me/profile/",
        {"affiliation": "  Meta ", "bio": "Builds compilers.", "photo": image_file("me.png")},
    )

    assert (response.status_code, response.url) == (302, "/me/profile/")
    submitter.refresh_from_db()
    assert (submitter.affiliation, submitter.bio) == ("Meta", "Builds compilers.")
    assert submitter.photo.name.startswith("people/")
    assert "me" not in submitter.photo.name.removeprefix("people/")
    with Image.open(submitter.photo_thumbnail.path) as thumb:
        assert thumb.format == "JPEG"
    assert len(stored_files(media_root)) == 2


@pytest.mark.parametrize(
    ("make_file", "error"),
    [
        (lambda: SimpleUploadedFile("me.png", b"Hello, I am text.", "image/png"), NOT_AN_IMAGE),
        (lambda: image_file("bomb.png", size=(20000, 20000), mode="1"), BOMB),
    ],
    ids=["not-an-image", "decompression-bomb"],
)
def test_a_bad_photo_is_refused_with_a_clear_error_and_nothing_changes(
    logged_in, submitter, media_root, make_file, error
):
    response = logged_in.post(
        "/me/profile/", {"affiliation": "Meta", "bio": "", "photo": make_file()}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"photo": [error]}
    assert error in response.content.decode()
    submitter.refresh_from_db()
    assert (submitter.affiliation, submitter.photo.name) == ("", "")
    assert stored_files(media_root) == []


def test_removing_the_photo_deletes_its_files(
    logged_in, submitter, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post("/me/profile/", {"affiliation": "", "bio": "", "photo": image_file("a.png")})
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post("/me/profile/", {"affiliation": "", "bio": "", "remove_photo": "on"})

    submitter.refresh_from_db()
    assert (submitter.photo.name, submitter.photo_thumbnail.name) == ("", "")
    assert stored_files(media_root) == []


def test_a_bio_longer_than_2000_characters_is_refused(logged_in):
    response = logged_in.post("/me/profile/", {"affiliation": "", "bio": "x" * 2001})

    assert response.context["form"].errors == {
        "bio": ["Ensure this value has at most 2000 characters (it has 2001)."]
    }


def test_a_presenters_new_affiliation_shows_on_the_cached_speakers_page_at_once(
    client, logged_in, submitter, event, django_capture_on_commit_callbacks
):
    from tests.factories import (
        AcceptedBreakoutFactory,
        AcceptedPosterFactory,
        ScheduledBreakoutFactory,
    )
    from tests.sessions.helpers import released

    ScheduledBreakoutFactory(
        event=event,
        breakout=AcceptedBreakoutFactory(
            event=event, poster=AcceptedPosterFactory(event=event, submitter=submitter)
        ),
    )
    released(event)  # the speakers page lists the released programme's presenters
    logged_in.logout()
    assert "Meta AI" not in client.get("/speakers/").content.decode()

    client.force_login(submitter)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/me/profile/", {"affiliation": "Meta AI", "bio": ""})
    client.logout()

    assert "Meta AI" in client.get("/speakers/").content.decode()


@pytest.mark.parametrize(
    ("make_file", "error"),
    [
        (lambda: SimpleUploadedFile("me.png", b"Hello, I am text.", "image/png"), NOT_AN_IMAGE),
        (lambda: image_file("bomb.png", size=(20000, 20000), mode="1"), BOMB),
    ],
    ids=["not-an-image", "decompression-bomb"],
)
def test_a_keynote_speakers_photo_is_refused_in_the_admin_with_a_clear_error(
    admin_client, event, media_root, make_file, error
):
    speaker = SpeakerFactory(event=event, name="Grace Hopper")

    response = admin_client.post(
        f"/admin/breakouts/speaker/{speaker.pk}/change/",
        {
            "event": event.pk,
            "name": "Grace Hopper",
            "affiliation": "",
            "bio": "",
            "position": 0,
            "new_photo": make_file(),
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"new_photo": [error]}
    assert stored_files(media_root) == []


def test_a_keynote_speakers_photo_uploaded_in_the_admin_is_stored_re_encoded(
    admin_client, event, media_root
):
    speaker = SpeakerFactory(event=event, name="Grace Hopper")

    response = admin_client.post(
        f"/admin/breakouts/speaker/{speaker.pk}/change/",
        {
            "event": event.pk,
            "name": "Grace Hopper",
            "affiliation": "US Navy",
            "bio": "",
            "position": 0,
            "new_photo": image_file("grace.jpg", "JPEG"),
        },
    )

    assert response.status_code == 302
    speaker = Speaker.objects.get(pk=speaker.pk)
    assert speaker.affiliation == "US Navy"
    assert speaker.photo.name.endswith(".jpg")
    with Image.open(speaker.photo.path) as photo:
        assert (photo.format, photo.size) == ("JPEG", (400, 400))
