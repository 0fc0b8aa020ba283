"""Measure pages under load: gunicorn with sync workers on 127.0.0.1, driven by wrk.

Every figure is the median of several runs, next to a trivial view (/livez) that
is the ceiling for this machine. Only 127.0.0.1 is ever targeted. Then the cache misses:
each attendee page rendered with its cached copy gone but the current edition and its
public version known (as for every page but the first after a release, which reads them
once), one request at a time through the whole middleware stack.
"""

import io
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext, override_settings

from ecosystem_day.accounts.models import User
from ecosystem_day.demo.grow_catalogue import grow_catalogue
from ecosystem_day.event.models import Event, current_edition, current_public_version
from posters.models import PosterProposal
from posters.views.catalogue import CATALOGUE_PAGE_SIZE
from sessions.models import ScheduleItem

SIGNED_IN = ["/me/", "/posters/submit/"]


def anonymous_pages():
    """The trivial view first (the ceiling), then every attendee page of the current event
    and of the past edition, and the log-in form last."""
    event = Event.objects.current()
    item = ScheduleItem.objects.filter(event=event, kind="breakout").first()
    poster = PosterProposal.objects.filter(event=event, status="accepted").first()
    track = event.tracks.order_by("position").first()
    past = Event.objects.filter(is_current=False).order_by("-date").first()
    accepted = PosterProposal.objects.filter(event=event, status="accepted").count()
    last_page = (accepted - 1) // CATALOGUE_PAGE_SIZE + 1
    return [
        "/livez",
        "/",
        "/schedule/",
        f"/schedule/{item.pk}/",
        f"/schedule/{item.pk}.ics",
        "/schedule.ics",
        f"/schedule/{track.slug}.ics",
        "/schedule.json",
        "/schedule.xml",
        "/schedule.frab.json",
        "/schedule/changes/",
        "/schedule/mine/",
        "/posters/",
        f"/posters/?page={last_page}",
        f"/posters/{poster.pk}/",
        "/speakers/",
        "/speakers/?from=m",
        f"/{past.slug}/schedule/",
        f"/{past.slug}/recap/",
        "/accounts/login/",
    ]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise CommandError("gunicorn did not start; run it by hand to see why.")


class Command(BaseCommand):
    help = "Benchmark the pages with wrk against gunicorn (2 sync workers) on 127.0.0.1."

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=5, help="Seconds per run.")
        parser.add_argument("--runs", type=int, default=3, help="Runs per page (median kept).")
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--misses", type=int, default=100, help="Cold renders per page.")
        parser.add_argument(
            "--posters",
            type=int,
            default=0,
            help="Grow the current edition to this many accepted posters first (e.g. 5000).",
        )
        parser.add_argument(
            "--only",
            nargs="+",
            metavar="PATH",
            help="Measure these pages only (the trivial view is always measured first).",
        )

    def handle(self, *args, duration, runs, connections, workers, misses, only, posters, **options):
        if not shutil.which("wrk"):
            raise CommandError("wrk is needed: apt-get install wrk")
        if subprocess.run(["pgrep", "-x", "wrk"], capture_output=True).returncode == 0:
            raise CommandError("Another wrk is running; figures would be meaningless.")
        call_command("seed_demo", stage="scheduled", stdout=io.StringIO())
        if posters:
            grown = grow_catalogue(Event.objects.current(), posters)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # as autovacuum would after such a load
            self.stdout.write(f"{grown} accepted posters added: {posters} in the current edition")
        cookie = self._session_cookie()

        env = {
            **os.environ,
            "DEBUG": "0",
            # The same key as this process, so the session cookie made here is valid there.
            "SECRET_KEY": settings.SECRET_KEY,
            "SITE_URL": settings.SITE_URL,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "DJANGO_SETTINGS_MODULE": "ecosystem_day.settings",
            # The per-process cache, as measured so far; with REDIS_URL set, the shared one.
            "ALLOW_PER_PROCESS_CACHE": "1",
        }
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "ecosystem_day.wsgi",
                "-w",
                str(workers),
                "-k",
                "sync",
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=settings.BASE_DIR,
            env=env,
        )
        try:
            _wait_for(port)
            self.stdout.write(
                f"gunicorn {workers} sync workers · wrk -t2 -c{connections} -d{duration}s · "
                f"median of {runs} runs\n"
            )
            self.stdout.write(
                f"{'page':<24}{'req/s':>10}{'of trivial':>12}{'p50 ms':>10}{'p99 ms':>10}"
            )
            self.ceiling = None
            anonymous = anonymous_pages()
            pages = anonymous + SIGNED_IN
            if only:
                pages = [pages[0], *(path for path in pages[1:] if path in only)]
            for path in pages:
                headers = [] if path in anonymous else ["-H", f"Cookie: {cookie}"]
                self._measure(port, path, headers, duration, runs, connections)
        finally:
            server.terminate()
            server.wait(10)
        self._measure_misses(misses, only)

    def _measure_misses(self, times, only=None):
        """Each page rendered `times` times from an empty page cache, at one connection."""
        self.stdout.write(f"\ncache misses, {times} cold renders per page, one at a time")
        self.stdout.write(f"{'page':<24}{'p50 ms':>10}{'p90 ms':>10}{'queries':>9}")
        client = Client(HTTP_HOST="127.0.0.1")
        warm = RequestFactory().get("/")
        with override_settings(DEBUG=False, ALLOWED_HOSTS=["127.0.0.1"], SECURE_SSL_REDIRECT=False):
            for path in anonymous_pages()[1:-1]:  # not the trivial view, not the log-in form
                if only and path not in only:
                    continue
                took = []
                for _ in range(times):
                    cache.clear()
                    current_public_version()
                    current_edition(warm)
                    # The log keeps 9,000 queries: full, it would count every page as 0.
                    reset_queries()
                    with CaptureQueriesContext(connection) as queries:
                        started = time.perf_counter()
                        response = client.get(path)
                        took.append((time.perf_counter() - started) * 1000)
                    if response.status_code != 200:
                        raise CommandError(f"{path} answered {response.status_code} cold.")
                took.sort()
                p90 = took[int(len(took) * 0.9) - 1]
                self.stdout.write(
                    f"{path:<24}{statistics.median(took):>10.2f}{p90:>10.2f}{len(queries):>9}"
                )

    def _session_cookie(self):
        user = User.objects.get(email="submitter@example.com")
        client = Client()
        client.force_login(user)
        return (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )

    def _measure(self, port, path, headers, duration, runs, connections):
        url = f"http://127.0.0.1:{port}{path}"
        status = subprocess.run(
            ["curl", "-s", "-o", os.devnull, "-w", "%{http_code}", *headers, url],
            capture_output=True,
            text=True,
        ).stdout
        if status != "200":
            raise CommandError(f"{path} answered {status}, not 200: nothing to measure.")
        rates, p50s, p99s = [], [], []
        for _ in range(runs):
            out = subprocess.run(
                ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", *headers, url],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            if "Non-2xx" in out:
                raise CommandError(f"{path}: wrk saw non-2xx answers:\n{out}")
            rates.append(float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)))
            p50s.append(self._ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)))
            p99s.append(self._ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)))
        rate = statistics.median(rates)
        self.ceiling = self.ceiling or rate  # the first page is the trivial view
        self.stdout.write(
            f"{path:<24}{rate:>10.0f}{rate / self.ceiling:>12.0%}"
            f"{statistics.median(p50s):>10.1f}{statistics.median(p99s):>10.1f}"
        )

    @staticmethod
    def _ms(value):
        number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
        return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
