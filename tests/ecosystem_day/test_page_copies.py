"""Each worker keeps its own copy of the pages it serves, checked against the shared cache.

A hit then costs at most one read of the shared cache (the public version and the cache's
epoch, read again a tenth of a second after the last reading) and no page travels or is
unpickled; a bump or a flush of the shared cache made here retires the copies at once, one
made on another host within a tenth of a second (test_hits_across_hosts.py). The copy is the
page as rendered: the same bytes and headers as the first answer.
"""

import pytest
from django.core.cache import cache

from ecosystem_day.event.caching import EPOCH_KEY, PAGES
from ecosystem_day.event.models import PublicVersion
from ecosystem_day.event.models.event import forget_current_version

pytestmark = pytest.mark.django_db


def copied_page_keys():
    """The pages this process holds a copy of, by their key in the shared cache."""
    copies = PAGES.keys()
    return [key for _epoch, key in copies]


def answer(response):
    return response.status_code, response.content, dict(response.items())


def test_a_hit_answers_the_bytes_and_headers_of_the_first_render(client, event):
    first = client.get("/")
    again = client.get("/")

    assert answer(again) == answer(first)
    assert again["Cache-Control"] == first["Cache-Control"]
    assert "Vary" not in again


def test_a_worker_serves_its_own_copy_once_the_shared_one_is_gone(client, event):
    first = client.get("/")
    [key] = copied_page_keys()
    cache.delete(key)  # another host's eviction, say

    assert answer(client.get("/")) == answer(first)
    assert cache.get(key) is None  # the page came from the process, not the shared cache


def test_a_bump_made_by_another_process_retires_this_processs_copy(client, event):
    client.get("/")
    event.name = "Renamed on another host"
    type(event).objects.filter(pk=event.pk).update(name=event.name)
    # What another process's bump does: a new number, its tokens gone from the shared cache.
    PublicVersion.objects.filter(event=event).update(number=99)
    forget_current_version()

    assert event.name in client.get("/").text


def test_flushing_the_shared_cache_retires_every_copy(client, event):
    epoch_before = (client.get("/"), cache.get(EPOCH_KEY))[1]
    type(event).objects.filter(pk=event.pk).update(tagline="Written after a flush")

    cache.clear()

    assert "Written after a flush" in client.get("/").text
    assert cache.get(EPOCH_KEY) not in (None, epoch_before)


def test_a_signed_in_visitor_never_gets_nor_leaves_a_copy(client, event, submitter):
    client.force_login(submitter)

    response = client.get("/")

    assert response["Cache-Control"] == "private, no-store"
    assert copied_page_keys() == []
