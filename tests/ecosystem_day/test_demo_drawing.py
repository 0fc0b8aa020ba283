"""Demo posters come with a drawn image, stored through the presenters' own upload path."""

import pytest
from django.core.management import call_command
from PIL import Image

from ecosystem_day.demo.drawing import draw_poster, give_posters_images
from posters.models import PosterProposal
from tests.factories import AcceptedPosterFactory

ACCEPTED = PosterProposal.Status.ACCEPTED


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_drawn_poster_is_a_landscape_png_pillow_opens(tmp_path):
    path = tmp_path / "poster.png"
    path.write_bytes(draw_poster("TorchStream", ["Priya Presenter"], "Data", "#1f5f99", "B7"))

    with Image.open(path) as image:
        assert (image.format, image.size) == ("PNG", (1200, 900))


def test_every_seeded_accepted_poster_has_an_image_and_a_thumbnail_pillow_opens(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    accepted = PosterProposal.objects.filter(status=ACCEPTED)
    # the 71 of 2021, and the demo submitter's own, accepted early so a breakout can be tried
    assert accepted.count() == 72
    opened = []
    for poster in accepted:
        with Image.open(poster.image.path) as image, Image.open(poster.thumbnail.path) as thumb:
            opened.append((image.format, image.size, thumb.format, max(thumb.size)))
    assert set(opened) == {("PNG", (1200, 900), "JPEG", 640)}
    assert PosterProposal.objects.exclude(status=ACCEPTED).filter(image__gt="").count() == 0


def test_demo_images_are_stored_as_uploads_are_under_a_random_name_not_the_drawn_one(db):
    poster = AcceptedPosterFactory()

    assert give_posters_images(poster.event) == 1

    poster.refresh_from_db()
    assert poster.image.name.startswith("posters/")
    assert f"poster-{poster.pk}" not in poster.image.name
    assert len(poster.image.name.removeprefix("posters/").removesuffix(".png")) == 32
    assert poster.thumbnail.name.startswith("posters/thumbnails/")


def test_posters_that_already_have_an_image_are_not_drawn_again(db):
    poster = AcceptedPosterFactory()
    give_posters_images(poster.event)
    poster.refresh_from_db()
    first = poster.image.name

    assert give_posters_images(poster.event) == 0

    poster.refresh_from_db()
    assert poster.image.name == first
