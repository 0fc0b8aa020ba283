"""Run the site as on several hosts, on this machine, and check what must hold across them.

Two gunicorn instances ("hosts" A and B) behind nginx (deploy/nginx.conf), with a Redis, an
S3-compatible server (moto) and an SMTP server of this run's own, sharing the PostgreSQL of
DATABASE_URL (or the embedded one) in a scratch database that is dropped afterwards. Checks:
log in on A and act on B; upload on B and read on A; a release through nginx visible on both
within a second; two mail workers, each message sent once; then requests per second through
nginx, one instance of two workers against two of one, cached and rendered. Prints a table.
"""

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from contextlib import ExitStack
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from post_office.models import PRIORITY, STATUS, Email

from ecosystem_day.accounts.models import User
from ecosystem_day.demo import data as demo
from ecosystem_day.demo.drawing import draw_poster
from ecosystem_day.demo.scale import checks, processes, throughput
from ecosystem_day.event.models import Event
from posters.models import PosterProposal
from sessions import services
from sessions.models import ScheduleItem

BUCKET = "ecosystem-day-scale-check"
ORGANIZER, SUBMITTER = "organizer@example.com", "submitter@example.com"


def database_url(settings_dict):
    db = settings_dict
    password = f":{urllib.parse.quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    port = f":{db['PORT']}" if db["PORT"] else ""
    host = urllib.parse.quote(db["HOST"] or "", safe="")
    return f"postgres://{urllib.parse.quote(db['USER'] or '')}{password}@{host}{port}/{db['NAME']}"


class Command(BaseCommand):
    help = "Start two instances behind nginx on this machine and check them as several hosts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--in-this-database",
            action="store_true",
            help="Use the configured database as it is (migrated, and seeded by this run) "
            "instead of a scratch database: for the test suite.",
        )
        parser.add_argument(
            "--no-throughput", action="store_true", help="The cross-host checks only, no wrk."
        )
        parser.add_argument("--messages", type=int, default=300, help="Mail queued for the check.")
        parser.add_argument("--duration", type=int, default=5, help="Seconds per wrk run.")
        parser.add_argument("--runs", type=int, default=3, help="wrk runs per figure (median).")

    def handle(self, *args, in_this_database, no_throughput, messages, duration, runs, **o):
        self._require(no_throughput)
        started = time.monotonic()
        original_name = connection.settings_dict["NAME"]
        scratch = None if in_this_database else f"{original_name}_scale_check"
        with ExitStack() as stack, tempfile.TemporaryDirectory(prefix="scale-check-") as tmp:
            if scratch:
                self._create(scratch)
                stack.callback(self._drop, scratch, original_name)
            rows, measures = self._run(stack, tmp, scratch, messages, no_throughput, duration, runs)
        self.stdout.write("\ncross-host checks")
        width = max(len(row.check) for row in rows) + 2
        for row in rows:
            mark = "ok  " if row.passed else "FAIL"
            self.stdout.write(f"{mark} {row.check:<{width}}{row.figure}")
        if measures:
            self.stdout.write(
                f"\nthroughput through nginx, wrk -t2 -c16 -d{duration}s, median of {runs}"
            )
            self.stdout.write(throughput.table(measures))
        self.stdout.write(
            f"\n{time.monotonic() - started:.0f} s in all; load average {os.getloadavg()[0]:.2f} "
            f"on {os.cpu_count()} cores"
        )
        failed = [row.check for row in rows if not row.passed]
        if failed:
            raise CommandError(f"{len(failed)} check(s) failed: {'; '.join(failed)}")

    def _require(self, no_throughput):
        missing = [tool for tool in ("nginx", "redis-server") if shutil.which(tool) is None]
        if not no_throughput and not throughput.wrk_available():
            missing.append("wrk")
        if missing:
            raise CommandError(f"Needed: apt-get install {' '.join(missing)}")
        if not no_throughput and throughput.another_wrk_runs():
            raise CommandError("Another wrk is running; figures would be meaningless.")
        try:
            import aiosmtpd  # noqa: F401
            import moto  # noqa: F401
            import requests  # noqa: F401
        except ImportError as missing_package:
            raise CommandError(
                f"{missing_package.name} is needed: pip install -e '.[dev]'"
            ) from missing_package

    def _create(self, name):
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        connection.close()
        connection.settings_dict["NAME"] = name

    def _drop(self, name, original_name):
        connection.close()
        connection.settings_dict["NAME"] = original_name
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _env(self, tmp, s3, redis, sink):
        return {
            **{k: v for k, v in os.environ.items() if k not in {"WEB_CONCURRENCY", "MEDIA_ROOT"}},
            "DJANGO_SETTINGS_MODULE": "ecosystem_day.settings",
            "DATABASE_URL": database_url(connection.settings_dict),
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "SITE_URL": settings.SITE_URL,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "REDIS_URL": redis.url,
            "MEDIA_S3_BUCKET": s3.bucket,
            "AWS_S3_ENDPOINT_URL": s3.url,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "scale-check",
            "AWS_SECRET_ACCESS_KEY": "scale-check-secret",
            "MEDIA_ROOT": f"{tmp}/media-not-used",  # anything written here is a bug
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(sink.port),
            "PYTHONUNBUFFERED": "1",
        }

    def _manage(self, env, *arguments):
        ran = subprocess.run(
            [sys.executable, "manage.py", *arguments],
            env=env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
        )
        if ran.returncode:
            raise CommandError(f"manage.py {' '.join(arguments)} failed:\n{ran.stderr[-3000:]}")

    def _run(self, stack, tmp, scratch, messages, no_throughput, duration, runs):
        self.stdout.write("Starting an S3-compatible server, Redis and an SMTP server…")
        s3 = processes.S3Server(BUCKET)
        stack.callback(s3.stop)
        redis = processes.start_redis(tmp)
        stack.callback(redis.stop)
        sink = processes.SmtpSink()
        stack.callback(sink.stop)
        env = self._env(tmp, s3, redis, sink)
        if scratch:
            self.stdout.write(f"Migrating the scratch database {scratch}…")
            self._manage(env, "migrate", "--noinput", "-v0")
        self.stdout.write("Seeding the demo (its poster images go to the bucket)…")
        self._manage(env, "seed_demo", "--stage", "scheduled", "--posters", "2")
        self._manage(env, "collectstatic", "--noinput", "-v0")

        self.stdout.write("Starting hosts A and B (gunicorn, one sync worker each) and nginx…")
        a = processes.start_gunicorn("host-a", workers=1, env=env, directory=tmp)
        stack.callback(a.stop)
        b = processes.start_gunicorn("host-b", workers=1, env=env, directory=tmp)
        stack.callback(b.stop)
        sites, started = {"pair": [a.port, b.port]}, [a, b]
        if not no_throughput:
            single = processes.start_gunicorn("one-host", workers=2, env=env, directory=tmp)
            stack.callback(single.stop)
            sites["single"], started = [single.port], [a, b, single]
        processes.wait_for_gunicorn(*started)
        nginx = processes.start_nginx(tmp, sites)
        stack.callback(nginx.stop)
        rows = self._cross_host(s3, sink, env, tmp, stack, a, b, nginx, messages)
        measures = [] if no_throughput else self._throughput(nginx, duration, runs)
        return rows, measures

    def _cross_host(self, s3, sink, env, tmp, stack, a, b, nginx, messages):
        url_a, url_b = f"http://127.0.0.1:{a.port}", f"http://127.0.0.1:{b.port}"
        front = f"http://127.0.0.1:{nginx.ports['pair']}"
        event = Event.objects.current()
        poster = PosterProposal.objects.filter(
            event=event, submitter__email=SUBMITTER, status=PosterProposal.Status.ACCEPTED
        ).first()
        png = draw_poster("Scale check", ["Sam Submitter"], "Systems", "#1f5f99", "Z9")
        self.stdout.write("Checking across hosts…")
        rows = [
            checks.log_in_on_one_act_on_the_other(
                url_a,
                url_b,
                checks.Visitor(),
                (SUBMITTER, demo.PASSWORDS[SUBMITTER]),
                poster.pk,
                png,
            ),
            checks.upload_on_one_read_on_the_other(url_a, poster.pk, s3),
            checks.nginx_spreads_requests(front, nginx.access_log, [a.port, b.port]),
        ]
        organizer = checks.Visitor()
        logged = organizer.log_in(front, ORGANIZER, demo.PASSWORDS[ORGANIZER])
        rows.append(
            checks.Row(
                "log in through nginx (CSRF, Host)",
                f"POST /accounts/login/ {logged.status_code} → {logged.headers.get('Location')}",
                logged.status_code == 302,
            )
        )
        rows.append(
            checks.release_reaches_every_host(
                front, {"A": url_a, "B": url_b}, organizer, lambda: self._draft_change(event)
            )
        )
        self._queue(messages)
        expected = Email.objects.filter(status=STATUS.queued).count()
        self.stdout.write(f"Two mail workers deliver {expected} messages…")
        for name in ("mail-a", "mail-b"):
            worker = processes.start_mail_worker(name, env=env, directory=tmp)
            stack.callback(worker.stop)
        pending = Email.objects.filter(status=STATUS.queued).exists
        rows.append(checks.mail_is_sent_once(sink, expected, pending))
        on_disk = [path for path in Path(tmp, "media-not-used").rglob("*") if path.is_file()]
        rows.append(
            checks.Row(
                "no media on a host's disk", f"{len(on_disk)} files in MEDIA_ROOT", not on_disk
            )
        )
        return rows

    def _draft_change(self, event):
        """A change in the draft schedule (a breakout taken off it), for the release."""
        item = (
            ScheduleItem.objects.filter(event=event, kind="breakout")
            .select_related("breakout")
            .order_by("starts_at")
            .first()
        )
        organizer = User.objects.get(email=ORGANIZER)
        services.unschedule_breakout(item.breakout, by=organizer, note="Scale check")

    def _queue(self, count):
        Email.objects.bulk_create(
            Email(
                from_email="Ecosystem Day <noreply@example.org>",
                to=[f"person{n}@example.org"],
                subject=f"Scale check {n}",
                message=f"Message {n} of the scale check.",
                status=STATUS.queued,
                priority=PRIORITY.medium,
            )
            for n in range(count)
        )

    def _throughput(self, nginx, duration, runs):
        cookie = checks.Visitor()
        cookie.log_in(
            f"http://127.0.0.1:{nginx.ports['pair']}", SUBMITTER, demo.PASSWORDS[SUBMITTER]
        )
        signed_in = {"Cookie": f"sessionid={cookie.cookies['sessionid']}"}
        setups = [
            ("one instance, 2 workers", nginx.ports["single"]),
            ("two instances, 1 worker each", nginx.ports["pair"]),
        ]
        pages = [("/livez (trivial)", "/livez", None), ("/schedule/ cached", "/schedule/", None)]
        pages.append(("/schedule/ signed in", "/schedule/", signed_in))
        measures = []
        self.stdout.write("Measuring with wrk…")
        for label, path, headers in pages:
            measures += throughput.compare(
                label,
                [(setup, f"http://127.0.0.1:{port}{path}") for setup, port in setups],
                headers=headers,
                duration=duration,
                runs=runs,
            )
        return measures
