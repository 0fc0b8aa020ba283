"""In a real browser: the recap and the editions page pass axe-core, and a past edition's
pages break nothing in the Content-Security-Policy."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.axe import axe_violations
from tests.browser.test_content_security_policy import RECORD_VIOLATIONS

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
OURS = ("/2021/recap/", "/recap/", "/editions/")  # pages this feature adds
THEIRS = ("/2021/", "/2021/schedule/", "/2021/posters/", "/2021/speakers/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_recap_and_the_editions_pages_pass_axe_and_the_policy(page, live_server):
    call_command("seed_demo", stage="over", posters=6, stdout=StringIO())
    page.add_init_script(RECORD_VIOLATIONS)
    accessibility, policy = {}, {}

    for path in OURS + THEIRS:
        page.goto(live_server.url + path)
        policy[path] = page.evaluate("window.__violations")
        if path in OURS:
            accessibility[path] = axe_violations(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(live_server.url + "/2021/recap/")
    page.screenshot(path=ARTIFACTS / "recap-2021.png", full_page=True)

    assert {path: found for path, found in accessibility.items() if found} == {}
    assert {path: found for path, found in policy.items() if found} == {}
