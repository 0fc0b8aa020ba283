"""Measure the site as an event morning loads it, in one table: every page served from the
cache (gunicorn, sync workers, production settings with a Redis of the run's own, driven by
wrk), each page rendered cold (in this process, through the whole middleware stack), the
processor time of a hit in this process (with the run's Redis), then the busy minutes over
HTTP: the deadline surge, registrations and joins.

The trivial view (/livez) is measured in every round beside the pages, and each page's rate
is given as a share of it: on a shared machine only ratios within one run mean much, so the
1-minute load average is printed beside every figure; the processor time of a hit beside the
trivial view's holds best under load. Only 127.0.0.1 is ever targeted.
"""

import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import override_settings

from ecosystem_day.accounts.models import User
from ecosystem_day.demo import flows
from ecosystem_day.demo.grow_catalogue import grow_catalogue
from ecosystem_day.demo.scale.processes import PartFailed, free_port, start_redis
from ecosystem_day.demo.scale.throughput import _wrk
from ecosystem_day.event.caching import PAGES
from ecosystem_day.event.models import Event, current_edition, current_public_version
from posters.models import PosterProposal
from posters.views.catalogue import CATALOGUE_PAGE_SIZE
from sessions.models import ScheduleItem

SIGNED_IN = ["/me/", "/posters/submit/"]
TRIVIAL = "/livez"


def anonymous_pages():
    """Every attendee page of the current event and of the past edition, and the log-in
    form last."""
    event = Event.objects.current()
    item = ScheduleItem.objects.filter(event=event, kind="breakout").first()
    poster = PosterProposal.objects.filter(event=event, status="accepted").first()
    track = event.tracks.order_by("position").first()
    past = Event.objects.filter(is_current=False).order_by("-date").first()
    accepted = PosterProposal.objects.filter(event=event, status="accepted").count()
    last_page = (accepted - 1) // CATALOGUE_PAGE_SIZE + 1
    return [
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


class QueryCount:
    """Counts the statements a request runs, as they run (the request handler empties
    connection.queries at each request's start, so a capture around it sees none)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def load():
    return os.getloadavg()[0]


class Command(BaseCommand):
    help = "Benchmark pages, the deadline surge, registrations and joins on 127.0.0.1."

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=2, help="Seconds per wrk run.")
        parser.add_argument("--runs", type=int, default=3, help="Rounds (medians kept).")
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--misses", type=int, default=60, help="Cold renders per page.")
        parser.add_argument("--hits", type=int, default=2000, help="Hits timed in-process.")
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
            help="Measure these pages only (the trivial view is always measured).",
        )
        parser.add_argument("--surges", type=int, default=3, help="Surges run (median kept).")
        parser.add_argument("--registrations", type=int, default=1000)
        parser.add_argument("--joins", type=int, default=5000)

    def handle(self, *args, **options):
        if not shutil.which("wrk"):
            raise CommandError("wrk is needed: apt-get install wrk")
        if not shutil.which("redis-server"):
            raise CommandError("redis-server is needed: apt-get install redis-server")
        if subprocess.run(["pgrep", "-x", "wrk"], capture_output=True).returncode == 0:
            raise CommandError("Another wrk is running; figures would be meaningless.")
        started = time.monotonic()
        call_command("seed_demo", stage="scheduled", stdout=io.StringIO())
        if options["posters"]:
            grown = grow_catalogue(Event.objects.current(), options["posters"])
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # as autovacuum would after such a load
            self.stdout.write(f"{grown} accepted posters added: {options['posters']} in all")
        flows.forget_bench_rows()
        pages = [*anonymous_pages(), *SIGNED_IN]
        if options["only"]:
            pages = [path for path in pages if path in options["only"]]
        with tempfile.TemporaryDirectory(prefix="bench-") as directory:
            try:
                redis = start_redis(directory)
            except PartFailed as failure:
                raise CommandError(str(failure)) from None
            try:
                port, server = self._start_gunicorn(options["workers"], redis.url)
                try:
                    rows = self._cached(port, pages, options)
                    rows = self._cold(rows, options["misses"])
                    rows = self._hit_cpu(rows, redis.url, options["hits"])
                    self._print_pages(rows, options)
                    self._busy_minutes(port, options)
                finally:
                    server.terminate()
                    server.wait(20)
            finally:
                redis.stop()
                flows.forget_bench_rows()
        self.stdout.write(f"\n{time.monotonic() - started:.0f} s in all; load now {load():.2f}")

    def _start_gunicorn(self, workers, redis_url):
        env = {
            **os.environ,
            "DEBUG": "0",
            # The same key as this process, so the sessions made here are valid there.
            "SECRET_KEY": settings.SECRET_KEY,
            "SITE_URL": settings.SITE_URL,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "DJANGO_SETTINGS_MODULE": "ecosystem_day.settings",
            "REDIS_URL": redis_url,
            "GUNICORN_WORKERS": str(workers),
            # One address sends every registration here: the per-address limit would refuse.
            "REGISTRATION_RATE": "1000000/h",
            "LOG_LEVEL": "ERROR",
        }
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)
        port = free_port()
        command = [sys.executable, "-m", "gunicorn", "ecosystem_day.wsgi", "-w", str(workers)]
        command += ["-k", "sync", "-b", f"127.0.0.1:{port}", "--log-level", "warning"]
        server = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)
        deadline = time.monotonic() + 60
        while self._status(port, TRIVIAL, "") != "200":
            if server.poll() is not None or time.monotonic() > deadline:
                raise CommandError("gunicorn did not start; run it by hand to see why.")
            time.sleep(0.2)
        return port, server

    @staticmethod
    def _status(port, path, cookie):
        headers = ["-H", f"Cookie: {cookie}"] if cookie else []
        return subprocess.run(
            ["curl", "-s", "-o", os.devnull, "-w", "%{http_code}", *headers]
            + [f"http://127.0.0.1:{port}{path}"],
            capture_output=True,
            text=True,
        ).stdout

    def _cached(self, port, pages, options):
        """Rounds of wrk runs, the trivial view first in each, so that a change in the
        machine's load falls on the trivial view as on the pages."""
        cookie = self._session_cookie()
        headers = {path: {"Cookie": cookie} if path in SIGNED_IN else {} for path in pages}
        headers[TRIVIAL] = {}
        for path in [TRIVIAL, *pages]:
            status = self._status(port, path, headers[path].get("Cookie", ""))
            if status != "200":
                raise CommandError(f"{path} answered {status}, not 200: nothing to measure.")
        runs = {path: [] for path in [TRIVIAL, *pages]}
        loads = {}
        for _ in range(options["runs"]):
            for path in runs:
                url = f"http://127.0.0.1:{port}{path}"
                runs[path].append(
                    _wrk(
                        url,
                        duration=options["duration"],
                        connections=options["connections"],
                        headers=headers[path],
                    )
                )
                loads[path] = load()
        rows = {}
        for path, measured in runs.items():
            rates, p50s, p99s = zip(*measured, strict=True)
            rows[path] = {
                "rate": statistics.median(rates),
                "p50": statistics.median(p50s),
                "p99": statistics.median(p99s),
                "load": loads[path],
            }
        return rows

    def _cold(self, rows, times):
        """Each anonymous page rendered `times` times with its cached copies gone (the
        current edition and its public version known, as for every page but the first after
        a release), one at a time, in this process."""
        client = Client(HTTP_HOST="127.0.0.1")
        warm = RequestFactory().get("/")
        paths = [path for path in rows if path not in (TRIVIAL, "/accounts/login/", *SIGNED_IN)]
        with override_settings(DEBUG=False, ALLOWED_HOSTS=["127.0.0.1"], SECURE_SSL_REDIRECT=False):
            for path in paths:
                took = []
                for _ in range(times):
                    cache.clear()
                    PAGES.cache_clear()
                    current_public_version()
                    current_edition(warm)
                    queries = QueryCount()
                    with connection.execute_wrapper(queries):
                        started = time.perf_counter()
                        response = client.get(path)
                        took.append((time.perf_counter() - started) * 1000)
                    if response.status_code != 200:
                        raise CommandError(f"{path} answered {response.status_code} cold.")
                rows[path]["cold"] = statistics.median(took)
                rows[path]["queries"] = queries.count
        return rows

    def _hit_cpu(self, rows, redis_url, hits):
        """The processor time of a hit in this process (the WSGI handler, every middleware,
        the run's Redis), the trivial view's alike: their ratio holds under load, where the
        rates over HTTP do not."""
        handler = WSGIHandler()
        paths = [path for path in rows if path not in ("/accounts/login/", *SIGNED_IN)]
        shared = {"BACKEND": "ecosystem_day.infra.cache_backend.DegradingRedisCache"}
        with override_settings(
            DEBUG=False,
            ALLOWED_HOSTS=["127.0.0.1"],
            SECURE_SSL_REDIRECT=False,
            CACHES={"default": {**shared, "LOCATION": redis_url}},
        ):
            for path in paths:
                for _ in range(20):  # the first is a miss
                    _served(handler, path)
                started = time.process_time()
                for _ in range(hits):
                    _served(handler, path)
                rows[path]["hit_cpu"] = (time.process_time() - started) / hits * 1e6
        return rows

    def _print_pages(self, rows, options):
        trivial = rows[TRIVIAL]["rate"]
        self.stdout.write(
            f"\ngunicorn {options['workers']} sync workers, production settings, Redis · wrk "
            f"-t2 -c{options['connections']} -d{options['duration']}s, median of "
            f"{options['runs']} rounds · cold: in-process, median of {options['misses']}\n"
        )
        self.stdout.write(
            f"{'page':<24}{'cached/s':>9}{'of trivial':>11}{'p50 ms':>8}{'p99 ms':>8}"
            f"{'cold ms':>9}{'queries':>8}{'hit µs':>8}{'cpu ratio':>10}{'load':>7}"
        )
        trivial_cpu = rows[TRIVIAL]["hit_cpu"]
        for path, row in rows.items():
            cold = f"{row['cold']:>9.2f}{row['queries']:>8}" if "cold" in row else " " * 17
            cpu = " " * 18
            if "hit_cpu" in row:
                cpu = f"{row['hit_cpu']:>8.0f}{trivial_cpu / row['hit_cpu']:>10.0%}"
            self.stdout.write(
                f"{path:<24}{row['rate']:>9.0f}{row['rate'] / trivial:>11.0%}{row['p50']:>8.1f}"
                f"{row['p99']:>8.1f}{cold}{cpu}{row['load']:>7.2f}"
            )
        self.stdout.write(
            "hit µs: processor time of a hit in-process with Redis; cpu ratio: the trivial "
            "view's over the page's"
        )

    def _busy_minutes(self, port, options):
        """The surge (median of its runs by p99), registrations and joins, each timed over
        HTTP by 16 connections at once."""
        event = Event.objects.current()
        people = flows.bench_people(100)
        cookies = [flows.signed_in_cookie(person) for person in people]
        results = []
        with flows.CallOpened(event):
            surges = []
            for _ in range(options["surges"]):
                flows.forget_bench_rows()
                requests = flows.surge_requests(event, cookies, each=10)
                surges.append((flows.drive("surge", port, requests), load()))
            surges.sort(key=lambda measured: measured[0].p99)
            results.append(surges[len(surges) // 2])
        flows.forget_bench_rows()
        requests = flows.registration_requests(event, options["registrations"])
        results.append((flows.drive("registrations", port, requests), load()))
        item = flows.joinable_item(event)
        if item is None:
            raise CommandError("No item of the schedule has a room to join.")
        requests = flows.join_requests(event, people, cookies, item, options["joins"])
        results.append((flows.drive("joins", port, requests), load()))
        self.stdout.write(
            f"\n{'busy minute':<24}{'requests':>9}{'seconds':>9}{'per min':>9}"
            f"{'p50 ms':>8}{'p99 ms':>8}{'answers':>16}{'load':>7}"
        )
        for flow, measured_load in results:
            answers = ",".join(f"{status}×{n}" for status, n in sorted(flow.statuses.items()))
            self.stdout.write(
                f"{flow.name:<24}{flow.count:>9}{flow.seconds:>9.1f}{flow.per_minute:>9.0f}"
                f"{flow.p50:>8.1f}{flow.p99:>8.1f}{answers:>16}{measured_load:>7.2f}"
            )
        self.stdout.write(
            f"surge: median of {len(surges)} runs by p99, each 1,000 proposals by 100 people"
        )

    def _session_cookie(self):
        user = User.objects.get(email="submitter@example.com")
        client = Client()
        client.force_login(user)
        return (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )


def _served(handler, path):
    """One anonymous GET of `path` through `handler`, its body read as a server would."""
    route, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": route,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    answer = {}
    body = handler(environ, lambda status, headers, exc_info=None: answer.update(status=status))
    for _chunk in body:
        pass
    body.close()
    if not answer["status"].startswith("200"):
        raise CommandError(f"{path} answered {answer['status']} in this process.")
