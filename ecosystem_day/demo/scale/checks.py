"""The cross-host checks: what must hold when one person's requests land on different hosts.

Each check returns a row (what, figure, passed) for the table and raises nothing itself: a
failed check is a row that says what was seen. A `Visitor` keeps its cookies itself and sends
them to whichever host it talks to, as a browser does behind a load balancer (the site's
production cookies are Secure, so an HTTP client's cookie jar would not send them over
plain HTTP on this machine).
"""

import io
import re
import time
from collections import Counter
from dataclasses import dataclass

import requests
from PIL import Image

RELEASE_BOUND = 1.0  # seconds for a release to show on every host
MAIL_TIMEOUT = 60


@dataclass
class Row:
    check: str
    figure: str
    passed: bool


class Visitor:
    """One person's browser: cookies kept across hosts, CSRF token from its cookie."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, base, path, **options):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        response = requests.request(
            method, base + path, headers=headers, allow_redirects=False, timeout=30, **options
        )
        self.cookies.update({cookie.name: cookie.value for cookie in response.cookies})
        return response

    def get(self, base, path):
        return self.request("GET", base, path)

    def post(self, base, path, data, files=None):
        """A form sent as the page that holds it would send it (the CSRF token included)."""
        if "csrftoken" not in self.cookies:
            self.get(base, path)
        fields = {"csrfmiddlewaretoken": self.cookies["csrftoken"], **data}
        return self.request("POST", base, path, data=fields, files=files)

    def log_in(self, base, email, password):
        self.get(base, "/accounts/login/")
        return self.post(base, "/accounts/login/", {"username": email, "password": password})


def log_in_on_one_act_on_the_other(a, b, visitor, login, poster_id, png):
    """Log in on A; on B the same session sees /me/ and uploads the poster's image."""
    logged = visitor.log_in(a, *login)
    me = visitor.get(b, "/me/")
    uploaded = visitor.post(b, f"/me/posters/{poster_id}/image/", {}, {"image": ("p.png", png)})
    passed = (logged.status_code, me.status_code, uploaded.status_code) == (302, 200, 302)
    figure = (
        f"log-in on A {logged.status_code}, /me/ on B {me.status_code}, "
        f"upload on B {uploaded.status_code}"
    )
    return Row("log in on A, act on B", figure, passed)


def upload_on_one_read_on_the_other(a, poster_id, s3):
    """The poster page on A links to the image B stored; the link serves it from the bucket."""
    page = requests.get(f"{a}/posters/{poster_id}/", timeout=30).text
    found = re.search(r'src="([^"]+/posters/thumbnails/[^"]+)"', page)
    if not found:
        return Row("upload on B, read on A", "A's page links to no stored thumbnail", False)
    url = found.group(1)
    answer = requests.get(url, timeout=30)
    with Image.open(io.BytesIO(answer.content)) as thumbnail:
        kind = thumbnail.format
    key = url.removeprefix(f"{s3.url}/{s3.bucket}/")
    passed = answer.status_code == 200 and kind == "JPEG" and key in s3.stored_keys()
    return Row(
        "upload on B, read on A",
        f"thumbnail {answer.status_code} {kind} from the bucket ({len(s3.stored_keys())} objects)",
        passed,
    )


def schedule_version(base):
    return requests.get(f"{base}/schedule.json", timeout=30).json()["version"]


def release_reaches_every_host(front, hosts, organizer, release_draft):
    """An organizer releases through the front door (nginx); each host must serve the new
    version within RELEASE_BOUND. `release_draft()` makes a draft change to release."""
    before = {name: schedule_version(base) for name, base in hosts.items()}  # warm copies
    release_draft()
    page = organizer.get(front, "/admin/breakouts/schedulerelease/add/")
    seen = re.search(r'name="seen" value="(\d+)"', page.text)
    released = organizer.post(
        front,
        "/admin/breakouts/schedulerelease/add/",
        {"note": "Scale check", "seen": seen.group(1) if seen else ""},
    )
    started = time.monotonic()
    wanted = max(before.values()) + 1
    took = {}
    while len(took) < len(hosts) and time.monotonic() - started < 5:
        for name, base in hosts.items():
            if name not in took and schedule_version(base) == wanted:
                took[name] = time.monotonic() - started
    figures = ", ".join(
        f"{name} {took[name] * 1000:.0f} ms" if name in took else f"{name} not within 5 s"
        for name in hosts
    )
    passed = (
        released.status_code == 302
        and len(took) == len(hosts)
        and max(took.values()) < RELEASE_BOUND
    )
    return Row(
        f"release v{wanted} visible on every host",
        f"POST {released.status_code}; {figures}",
        passed,
    )


def mail_is_sent_once(sink, expected_count, pending):
    """Two workers on one queue: every message reaches the SMTP server exactly once."""
    started = time.monotonic()
    while (pending() or sink.count() < expected_count) and (
        time.monotonic() - started < MAIL_TIMEOUT
    ):
        time.sleep(0.1)
    took = time.monotonic() - started
    doubles = sum(n - 1 for n in Counter(sink.received).values() if n > 1)
    passed = sink.count() == expected_count and doubles == 0 and not pending()
    return Row(
        "two mail workers, each message once",
        f"{expected_count} queued, {sink.count()} received, {doubles} twice, in {took:.1f} s",
        passed,
    )


def nginx_spreads_requests(front, access_log, backends, requests_count=20):
    """Anonymous pages through nginx land on every instance (its log names the upstream)."""
    for _ in range(requests_count):
        requests.get(f"{front}/schedule/", timeout=30)
    served = Counter(
        line.split(" ", 1)[0]
        for line in access_log.read_text().splitlines()
        if "/schedule/ " in line
    )
    counts = ", ".join(f"{port}: {served.get(f'127.0.0.1:{port}', 0)}" for port in backends)
    passed = all(served.get(f"127.0.0.1:{port}", 0) > 0 for port in backends)
    return Row("nginx spreads requests", f"/schedule/ served by port {counts}", passed)
