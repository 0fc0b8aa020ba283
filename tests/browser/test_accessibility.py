"""Every public page and every page of a submitter's own passes axe-core with no violation,
at a desktop and a phone width, on the demo data: while the call is open, on the day, after it.

The pages are the demo's real ones (seed_demo), so the audit sees what attendees see: the
schedule grid with its items, a poster with its image, speakers with their talks, the past
edition. A new public page belongs in PUBLIC below; the URL matrix lists every URL.
"""

from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command

from ecosystem_day.accounts.models import User
from ecosystem_day.event.models import Event
from posters.models import PosterProposal
from sessions.models import BreakoutProposal, ScheduleItem
from tests.browser.axe import axe_violations

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def public_pages():
    current = Event.objects.current()
    past = Event.objects.exclude(pk=current.pk).order_by("-date").first()
    item = ScheduleItem.objects.filter(event=past, kind="breakout").order_by("pk").first()
    poster = PosterProposal.objects.filter(event=past, status="accepted").order_by("pk").first()
    pages = [
        "/",
        "/schedule/",
        "/schedule/mine/",
        "/schedule/changes/",
        "/posters/",
        "/speakers/",
        "/editions/",
        f"/{past.slug}/",
        f"/{past.slug}/schedule/",
        f"/{past.slug}/schedule/{item.pk}/",
        f"/{past.slug}/posters/",
        f"/{past.slug}/posters/{poster.pk}/",
        f"/{past.slug}/speakers/",
        f"/{past.slug}/recap/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password-reset/",
    ]
    released = ScheduleItem.objects.filter(event=current, kind="breakout").order_by("pk").first()
    if released is not None and current.schedule_releases.exists():
        pages.append(f"/schedule/{released.pk}/")
    accepted = current.posters.filter(status="accepted").order_by("pk").first()
    if accepted is not None:
        pages.append(f"/posters/{accepted.pk}/")
    return pages


def submitters_pages(submitter):
    poster = PosterProposal.objects.filter(submitter=submitter).order_by("-pk").first()
    breakout = BreakoutProposal.objects.filter(submitter=submitter).order_by("-pk").first()
    pages = ["/me/", "/me/profile/", "/posters/submit/", "/breakouts/propose/", "/schedule/mine/"]
    pages += [f"/me/posters/{poster.pk}/", f"/me/posters/{poster.pk}/edit/"]
    if breakout is not None:
        pages.append(f"/me/breakouts/{breakout.pk}/")
    return pages


def signed_in_cookie(user, live_server):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": session.session_key,
        "url": live_server.url,
    }


def audit(browser, live_server, pages, cookie=None):
    """{(page, width): violations} for every page at both widths, only where axe found any or
    the page scrolls sideways."""
    found = {}
    for width, viewport in WIDTHS.items():
        context = browser.new_context(viewport=viewport, timezone_id="Asia/Tokyo")
        if cookie:
            context.add_cookies([cookie])
        page = context.new_page()
        for path in pages:
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            violations = axe_violations(page)
            if page.evaluate("document.documentElement.scrollWidth > innerWidth"):
                violations.append(
                    ("layout", "horizontal-scroll", "the page is wider than the screen")
                )
            if violations:
                found[(path, width)] = violations
        context.close()
    return found


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("stage", ["call", "live", "over"])
def test_every_public_and_submitters_page_passes_axe_at_desktop_and_phone_width(
    browser, live_server, stage
):
    call_command("seed_demo", stage=stage, posters=8, stdout=StringIO())
    submitter = User.objects.get(email="submitter@example.com")

    anonymous = audit(browser, live_server, public_pages())
    signed_in = audit(
        browser,
        live_server,
        submitters_pages(submitter),
        cookie=signed_in_cookie(submitter, live_server),
    )

    assert anonymous == {}, report(anonymous)
    assert signed_in == {}, report(signed_in)


def report(found):
    return "\n".join(
        f"{path} at {width}: {violations}" for (path, width), violations in found.items()
    )
