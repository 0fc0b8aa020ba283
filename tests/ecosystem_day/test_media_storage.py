"""Media on object storage (issue 18.2): with MEDIA_S3_BUCKET every upload goes to an
S3-compatible bucket that every host reads, through django-storages; local disk otherwise.

The bucket is a real S3 API on localhost (moto's server, in a thread of this process): the
site stores through boto3 over HTTP, and the specs read what it stored back by the URL the
page links to, as a browser on any host would.
"""

import io
import json
import socket
import urllib.request

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from moto.server import ThreadedMotoServer
from PIL import Image

from ecosystem_day.demo.drawing import give_posters_images
from ecosystem_day.deployment import media_origins, media_storage
from posters.models import PosterProposal
from tests.factories import AcceptedPosterFactory, SpeakerFactory, UserFactory

BUCKET = "ecosystem-day-media"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """An S3-compatible server on a free local port, for this module's specs."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """An empty bucket, and the site's settings as the environment below makes them."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "ecosystem-day-test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "ecosystem-day-test-secret")
    environment = {
        "MEDIA_S3_BUCKET": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
    }
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    # Anyone may read (docs/deploy.md): the pages link straight to the objects.
    client.put_bucket_policy(Bucket=BUCKET, Policy=public_read_policy(BUCKET))
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(environment)}
    yield client
    for key in stored_keys(client):
        client.delete_object(Bucket=BUCKET, Key=key)
    client.delete_bucket(Bucket=BUCKET)


def public_read_policy(bucket):
    statement = {
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{bucket}/*",
    }
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def stored_keys(client):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def image_file(name, size=(800, 600)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def read_by_url(url):
    """What any browser gets at the link the site wrote: (format, size) of the image."""
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a local server
        body = response.read()
    with Image.open(io.BytesIO(body)) as image:
        return image.format, image.size


def test_without_a_bucket_media_stay_on_the_local_disk():
    assert media_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert media_origins({"AWS_S3_ENDPOINT_URL": "http://10.0.0.5:9000"}) == []


def test_a_bucket_in_the_environment_makes_s3_the_storage_with_plain_public_links():
    environment = {
        "MEDIA_S3_BUCKET": "event-media",
        "AWS_S3_ENDPOINT_URL": "http://10.0.0.5:9000",
        "AWS_S3_REGION_NAME": "eu-west-1",
        "MEDIA_S3_LOCATION": "/media/",
        "MEDIA_S3_PUBLIC_URL": "https://cdn.example.org/event-media/",
    }

    assert media_storage(environment) == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "event-media",
            "querystring_auth": False,
            "location": "media",
            "endpoint_url": "http://10.0.0.5:9000",
            "region_name": "eu-west-1",
            "custom_domain": "cdn.example.org/event-media",
            "url_protocol": "https:",
        },
    }
    assert media_origins(environment) == []  # https: images are allowed already


@pytest.mark.parametrize(
    ("environment", "custom_domain", "protocol"),
    [
        ({"AWS_S3_ENDPOINT_URL": "http://10.0.0.5:9000/"}, "10.0.0.5:9000/event-media", "http:"),
        ({"AWS_S3_REGION_NAME": "eu-west-1"}, "event-media.s3.eu-west-1.amazonaws.com", "https:"),
        ({}, "event-media.s3.amazonaws.com", "https:"),
    ],
    ids=["s3-compatible-endpoint", "aws-region", "aws"],
)
def test_without_a_public_url_links_point_at_the_bucket_itself(
    environment, custom_domain, protocol
):
    options = media_storage({"MEDIA_S3_BUCKET": "event-media", **environment})["OPTIONS"]

    assert (options["custom_domain"], options["url_protocol"]) == (custom_domain, protocol)


def test_an_http_media_endpoint_is_allowed_by_the_content_security_policy():
    environment = {"MEDIA_S3_BUCKET": "event-media", "AWS_S3_ENDPOINT_URL": "http://10.0.0.5:9000"}

    assert media_origins(environment) == ["http://10.0.0.5:9000"]


def test_a_poster_image_uploaded_through_the_site_is_in_the_bucket_and_its_links_serve_it(
    logged_in, poster, bucket, client
):
    response = logged_in.post(f"/me/posters/{poster.pk}/image/", {"image": image_file("p.png")})

    assert response.status_code == 302
    poster.refresh_from_db()
    assert stored_keys(bucket) == sorted([poster.image.name, poster.thumbnail.name])
    page = client.get(f"/posters/{poster.pk}/").content.decode()
    thumbnail_url = f"{bucket.meta.endpoint_url}/{BUCKET}/{poster.thumbnail.name}"
    image_url = f"{bucket.meta.endpoint_url}/{BUCKET}/{poster.image.name}"
    assert f'src="{thumbnail_url}"' in page
    assert f'href="{image_url}"' in page
    assert read_by_url(thumbnail_url) == ("JPEG", (640, 480))
    assert read_by_url(image_url) == ("PNG", (800, 600))


def test_the_catalogue_links_each_card_to_its_thumbnail_in_the_bucket(
    logged_in, poster, bucket, client
):
    logged_in.post(f"/me/posters/{poster.pk}/image/", {"image": image_file("p.png")})
    poster.refresh_from_db()

    page = client.get("/posters/").content.decode()

    assert f'src="{bucket.meta.endpoint_url}/{BUCKET}/{poster.thumbnail.name}"' in page


def test_a_replaced_poster_image_leaves_only_the_new_files_in_the_bucket(
    logged_in, poster, bucket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(f"/me/posters/{poster.pk}/image/", {"image": image_file("a.png")})
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(
            f"/me/posters/{poster.pk}/image/", {"image": image_file("b.png", (1000, 500))}
        )

    poster.refresh_from_db()
    assert stored_keys(bucket) == sorted([poster.image.name, poster.thumbnail.name])
    assert poster.image.open("rb").read()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(poster.image) as stored:
        assert stored.size == (1000, 500)


def test_a_profile_photo_goes_to_the_bucket_and_removing_it_deletes_both_files(
    logged_in, submitter, bucket, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(
            "/me/profile/", {"affiliation": "Meta", "bio": "", "photo": image_file("me.png")}
        )

    assert response.status_code == 302
    submitter.refresh_from_db()
    assert stored_keys(bucket) == sorted([submitter.photo.name, submitter.photo_thumbnail.name])
    thumbnail_url = f"{bucket.meta.endpoint_url}/{BUCKET}/{submitter.photo_thumbnail.name}"
    assert submitter.photo_thumbnail.url == thumbnail_url
    assert read_by_url(thumbnail_url) == ("JPEG", (640, 480))

    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post("/me/profile/", {"affiliation": "Meta", "bio": "", "remove_photo": "on"})

    assert stored_keys(bucket) == []


def test_a_keynote_speakers_photo_given_in_the_admin_goes_to_the_bucket(client, bucket, db):
    speaker = SpeakerFactory(name="Soumith Chintala")
    client.force_login(UserFactory(groups=["Organizers"]))
    change_page = f"/admin/breakouts/speaker/{speaker.pk}/change/"
    form = client.get(change_page).context["adminform"].form

    response = client.post(
        change_page,
        {
            **{name: value for name, value in form.initial.items() if value is not None},
            "new_photo": image_file("soumith.png", (300, 400)),
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    speaker.refresh_from_db()
    assert stored_keys(bucket) == sorted([speaker.photo.name, speaker.photo_thumbnail.name])
    assert read_by_url(speaker.photo.url) == ("PNG", (300, 400))


def test_the_demos_poster_images_are_drawn_into_the_bucket(bucket, event):
    AcceptedPosterFactory.create_batch(2, event=event)

    assert give_posters_images(event) == 2

    posters = PosterProposal.objects.filter(event=event)
    assert stored_keys(bucket) == sorted(
        name for poster in posters for name in (poster.image.name, poster.thumbnail.name)
    )
    for poster in posters:
        assert read_by_url(poster.thumbnail.url) == ("JPEG", (640, 480))
