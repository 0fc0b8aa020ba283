import os
import shutil

import pytest

from tests.factories import AcceptedPosterFactory, EventFactory, TopicFactory, UserFactory
from tests.mail import QueuedMail

# Playwright's sync API runs an event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def email_through_the_queue(settings):
    """pytest-django swaps EMAIL_BACKEND for locmem; put the mail queue back in front."""
    settings.EMAIL_BACKEND = "ecosystem_day.infra.mail.backend.QueueBackend"


@pytest.fixture
def queued_mail(db):
    """The email queued so far (what the mail worker will send), oldest first."""
    return QueuedMail()


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached pages must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fresh_memos():
    """No per-process memo (ecosystem_day/infra/memo.py) carries one test's rows into the next."""
    from ecosystem_day.infra.memo import clear_all

    clear_all()
    yield
    clear_all()


@pytest.fixture
def event(db):
    """The current edition, its call open for another week, with two topics."""
    event = EventFactory()
    TopicFactory(event=event, name="NLP")
    TopicFactory(event=event, name="Compilers")
    return event


@pytest.fixture
def submitter(db):
    return UserFactory(name="Sam Submitter", email="sam@example.org")


@pytest.fixture
def organizer(db):
    return UserFactory(name="Olivia Organizer", email="olivia@example.org", groups=["Organizers"])


@pytest.fixture
def reviewer(db):
    return UserFactory(name="Ravi Reviewer", email="ravi@example.org", groups=["Reviewers"])


@pytest.fixture
def logged_in(client, submitter):
    """The test client, logged in as the submitter."""
    client.force_login(submitter)
    return client


@pytest.fixture
def poster(event, submitter):
    """The submitter's accepted poster, “TorchTrace”."""
    return AcceptedPosterFactory(event=event, submitter=submitter, title="TorchTrace")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive Debian's Chromium; without it, skip (or fail, where REQUIRE_BROWSER_TESTS is set)."""
    if not os.path.exists(CHROMIUM):
        message = (
            "Browser tests need Debian's Chromium at /usr/bin/chromium "
            "(sudo apt-get install chromium); they are skipped."
        )
        if os.environ.get("REQUIRE_BROWSER_TESTS"):
            pytest.fail(message.replace("they are skipped", "REQUIRE_BROWSER_TESTS is set"))
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_FLAGS,
    }
