"""Mail workers share one queue through the database: each message leaves once.

Issue 14.7: a worker killed (SIGKILL) mid-batch sent 380 messages for 359 emails, because
post_office marks a batch sent only at its end. Issue 18.1: with a worker on each of two
hosts, 200 of 300 messages went out twice, because its lock is a file on one machine.
These specs run the real `deliver_mail` command in processes of their own, each with its
own TMPDIR (as on two hosts, so no file lock can hide a double), against a real SMTP
server in this process, and count what it receives.
"""

import asyncio
import email
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command, get_commands
from django.db import connection
from post_office.models import PRIORITY, STATUS, Email

from ecosystem_day.infra.mail.delivery import deliver_next
from tests.races import run_together

ROOT = Path(__file__).resolve().parent.parent.parent
TIMEOUT = 90  # seconds any one wait may take before the spec fails (and stops its workers)


class CountingSMTP:
    """An SMTP server on 127.0.0.1 that accepts every message after `delay` seconds and
    keeps its subject."""

    def __init__(self, delay):
        self.delay = delay
        self.subjects = []

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(self.delay)
        self.subjects.append(email.message_from_bytes(envelope.content)["Subject"])
        return "250 Message accepted for delivery"

    def __enter__(self):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def queue(count):
    Email.objects.bulk_create(
        Email(
            from_email="Ecosystem Day <noreply@example.org>",
            to=[f"person{n}@example.org"],
            subject=f"Message {n}",
            message=f"Body {n}",
            status=STATUS.queued,
            priority=PRIORITY.medium,
        )
        for n in range(count)
    )
    return {f"Message {n}" for n in range(count)}


class Worker:
    """`manage.py deliver_mail --forever` in a process of its own, as on a host of its own."""

    def __init__(self, smtp_port):
        settings = connection.settings_dict
        self.tmpdir = tempfile.TemporaryDirectory(prefix="mail-worker-")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "ecosystem_day.settings",
            "DATABASE_URL": f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
            f"{settings['PORT'] or 5432}/{settings['NAME']}",
            "SECRET_KEY": "mail-worker-test-secret-key-0123456789-abcdefghijklmnop",
            "DEBUG": "0",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "TMPDIR": self.tmpdir.name,
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "deliver_mail",
                "--forever",
                "--interval",
                "0.2",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        ready, _, _ = select.select([self.process.stdout], [], [], TIMEOUT)
        assert ready, "the worker did not start"
        assert self.process.stdout.readline() == "The mail worker is running.\n"

    def stop(self, sig=signal.SIGTERM):
        """Send `sig`; return the worker's exit code and last words."""
        self.process.send_signal(sig)
        try:
            output, _ = self.process.communicate(timeout=TIMEOUT)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self.tmpdir.cleanup()
        return self.process.returncode, output


def wait_until(condition, what):
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, f"waited {TIMEOUT} s for {what}"
        time.sleep(0.02)


def sent_rows():
    return Email.objects.filter(status=STATUS.sent).count()


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_resends_at_most_the_message_in_flight(capsys):
    with CountingSMTP(delay=0.002) as smtp:
        subjects = queue(300)
        worker = Worker(smtp.port)
        try:
            wait_until(lambda: len(smtp.subjects) >= 100, "100 deliveries")
        finally:
            code, _ = worker.stop(signal.SIGKILL)
        delivered_before_the_kill = len(smtp.subjects)
        marked_before_the_kill = sent_rows()

        replacement = Worker(smtp.port)
        try:
            wait_until(lambda: sent_rows() == 300, "every message marked sent")
        finally:
            replacement.stop()

    with capsys.disabled():
        print(
            f"\nSIGKILL after {delivered_before_the_kill} deliveries ({marked_before_the_kill} "
            f"marked sent): {len(smtp.subjects)} deliveries for 300 emails"
        )
    assert code == -signal.SIGKILL
    # Each message is marked as it is handed over: at most the one in flight is not.
    assert delivered_before_the_kill - 1 <= marked_before_the_kill <= delivered_before_the_kill
    assert set(smtp.subjects) == subjects
    assert 300 <= len(smtp.subjects) <= 301


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_one_queue_deliver_each_message_exactly_once(capsys):
    with CountingSMTP(delay=0.002) as smtp:
        workers = [Worker(smtp.port), Worker(smtp.port)]
        try:
            started = time.perf_counter()
            subjects = queue(300)
            wait_until(lambda: sent_rows() == 300, "every message marked sent")
            elapsed = time.perf_counter() - started
            time.sleep(0.5)  # a late double would arrive by now
        finally:
            stopped = [worker.stop() for worker in workers]

    with capsys.disabled():
        print(
            f"\ntwo workers, 300 emails: {len(smtp.subjects)} deliveries in {elapsed:.1f} s; "
            + "; ".join(output.strip() for _, output in stopped)
        )
    assert Counter(smtp.subjects) == Counter(subjects)
    # Both took a share, and each stopped cleanly on SIGTERM with its own count.
    shares = [int(output.split("stops: ")[1].split(" sent")[0]) for _, output in stopped]
    assert [code for code, _ in stopped] == [0, 0]
    assert sum(shares) == 300
    assert min(shares) > 0


@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_at_the_same_moment_send_a_message_once_twenty_times_over(settings):
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
    }
    for round_number in range(20):
        Email.objects.all().delete()
        mail.outbox = []
        queue(1)

        outcomes = run_together(deliver_next, deliver_next)

        assert sorted(outcomes, key=str) == [STATUS.sent, None], round_number
        assert [message.subject for message in mail.outbox] == ["Message 0"]
        assert sent_rows() == 1


def test_crons_send_queued_mail_is_the_claiming_worker_not_post_offices_file_lock():
    assert get_commands()["send_queued_mail"] == "ecosystem_day.infra"


@pytest.mark.django_db(transaction=True)  # the command manages its connection like a worker
def test_send_queued_mail_delivers_what_is_due_and_takes_post_offices_options(settings):
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
    }
    subjects = queue(3)

    call_command("send_queued_mail", "--processes", "2", "--lockfile", "/tmp/unused")

    assert sorted(message.subject for message in mail.outbox) == sorted(subjects)
    assert sent_rows() == 3
