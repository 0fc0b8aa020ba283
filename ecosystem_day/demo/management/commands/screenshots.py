"""Screenshots of the attendee pages for the README: `manage.py screenshots`.

Serves the current database with runserver on a free 127.0.0.1 port, opens each page in
Debian's Chromium (Playwright) at the sizes attendees use, and writes PNG files to
docs/screenshots/. Run `seed_demo` first so the pages have the demo day to show.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ecosystem_day.event.models import Event
from posters.models import PosterProposal

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
WIDE, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


def shots():
    """(file name, path, viewport, browser time zone, full page) for each picture."""
    event = Event.objects.current()
    if event is None:
        raise CommandError("No current event: run `manage.py seed_demo` first.")
    poster = PosterProposal.objects.filter(event=event, status="accepted").order_by("pk").first()
    pictures = [
        ("home", "/", WIDE, "America/Los_Angeles", True),
        ("home-phone", "/", PHONE, "Europe/Berlin", True),
        ("schedule", "/schedule/", WIDE, "America/Los_Angeles", True),
        ("schedule-phone", "/schedule/", PHONE, "Europe/Berlin", False),
        ("schedule-tokyo", "/schedule/", WIDE, "Asia/Tokyo", False),
        ("catalogue", "/posters/", WIDE, "Europe/London", False),
        ("catalogue-phone", "/posters/", PHONE, "Europe/London", False),
        ("speakers", "/speakers/", WIDE, "America/New_York", False),
    ]
    if poster is not None:
        pictures.append(("poster", f"/posters/{poster.pk}/", WIDE, "Asia/Kolkata", True))
    return pictures


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(port):
    """runserver with DEBUG, so static and uploaded files are served as in `make run`."""
    environment = {**os.environ, "DEBUG": "1"}
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise CommandError("The server did not answer /livez within 30 s.")


class Command(BaseCommand):
    help = "Take screenshots of the attendee pages into docs/screenshots/."

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "docs" / "screenshots"))

    def handle(self, *args, out, **options):
        from playwright.sync_api import sync_playwright

        pictures = shots()
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        port = _free_port()
        server = _serve(port)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                for name, path, viewport, zone, full_page in pictures:
                    context = browser.new_context(viewport=viewport, timezone_id=zone)
                    page = context.new_page()
                    page.goto(f"http://127.0.0.1:{port}{path}", wait_until="networkidle")
                    page.screenshot(path=str(folder / f"{name}.png"), full_page=full_page)
                    context.close()
                    self.stdout.write(f"{name}.png  {path}  {viewport['width']} px  {zone}")
                browser.close()
        finally:
            server.terminate()
            server.wait(10)
