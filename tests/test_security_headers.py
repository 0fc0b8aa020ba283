"""Every page carries a strict Content-Security-Policy, and our templates need nothing looser.

All our assets are local, so scripts and styles come only from our own static files: no
inline <script>, no style attributes, no event-handler attributes anywhere in templates/.
"""

import re
from pathlib import Path

import pytest

from tests.factories import ScheduledBreakoutFactory

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "https:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def directives(header):
    """A policy header as {directive: [sources]} (browsers ignore the order)."""
    parts = [part.split() for part in (header or "").split(";") if part.strip()]
    return {name: sources for name, *sources in parts}


@pytest.fixture
def pages(event, submitter):
    item = ScheduledBreakoutFactory(event=event)
    poster = item.breakout.poster
    return {
        "anonymous": [
            "/",
            "/schedule/",
            f"/schedule/{item.pk}/",
            "/posters/",
            f"/posters/{poster.pk}/",
            "/speakers/",
            "/accounts/login/",
            "/accounts/signup/",
            "/accounts/password-reset/",
            "/no-such-page/",
            "/schedule.json",
        ],
        "submitter": ["/me/", "/posters/submit/", "/breakouts/propose/"],
        "organizer": [
            "/admin/",
            "/admin/posters/posterproposal/",
            f"/admin/posters/posterproposal/{poster.pk}/change/",
            "/admin/breakouts/scheduleitem/add/",
        ],
    }


def test_every_kind_of_page_sends_the_strict_policy(client, pages, submitter, organizer):
    seen = {}
    for role, urls in pages.items():
        client.logout()
        if role != "anonymous":
            client.force_login(submitter if role == "submitter" else organizer)
        for url in urls:
            seen[url] = directives(client.get(url).headers.get("Content-Security-Policy"))

    assert {url: policy for url, policy in seen.items() if policy != POLICY} == {}


def test_pages_send_the_other_protective_headers(client, event):
    response = client.get("/")

    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


INLINE_CODE = [
    (r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", "an inline script"),
    (r"<style\b", "a <style> block"),
    (r"\sstyle=\"", "a style attribute"),
    (r"\son[a-z]+=\"", "an event-handler attribute"),
    (r"javascript:", "a javascript: URL"),
    (r"https?://[^\"'\s]*(cdn|googleapis|jsdelivr|unpkg|cloudflare)", "an asset from a CDN"),
]


@pytest.mark.parametrize("pattern, what", INLINE_CODE, ids=[what for _p, what in INLINE_CODE])
def test_no_template_holds_inline_code_or_remote_assets(pattern, what):
    found = [
        path.relative_to(TEMPLATES).as_posix()
        for path in sorted(TEMPLATES.rglob("*.html"))
        if re.search(pattern, path.read_text())
    ]

    assert found == [], f"{what} in {found}"
