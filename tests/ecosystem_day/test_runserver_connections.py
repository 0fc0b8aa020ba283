"""`make run` (runserver, DEBUG) closes each request's database connection.

runserver serves each browser's keep-alive connection in a thread of its own and never
closes that thread's database connection; with persistent database connections, ten
parallel browsers once held 22 connections open, and a longer run used up the server's
slots. With DEBUG, each request's connection is closed when the request ends.
"""

import http.client
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.request import urlopen

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent.parent
APPLICATION = "runserver-connections-test"


def open_connections():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # else a transaction sees its first
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [APPLICATION]
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_parallel_requests_to_runserver_leave_no_connection_open():
    settings_db = connection.settings_dict
    url = f"postgres://{settings_db['USER']}@{settings_db['HOST']}:{settings_db['PORT']}/postgres"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"{url}?application_name={APPLICATION}"}
    env.pop("CONN_MAX_AGE", None)  # the default for DEBUG is what `make run` uses
    env["DJANGO_SETTINGS_MODULE"] = "ecosystem_day.settings"  # as `make run`, not the tests'
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        give_up = time.monotonic() + 30
        while time.monotonic() < give_up:
            try:
                urlopen(f"http://127.0.0.1:{port}/livez", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        # runserver's own start-up checks may keep one connection: the baseline.
        baseline = open_connections()
        # Ten browsers with keep-alive, three requests each: runserver keeps a thread, and so
        # the thread's database connection, for as long as each browser keeps its socket.
        browsers = [http.client.HTTPConnection("127.0.0.1", port, timeout=10) for _ in range(10)]

        def three_requests(browser):
            statuses = []
            for _ in range(3):
                browser.request("GET", "/healthz")
                response = browser.getresponse()
                response.read()
                statuses.append(response.status)
            return statuses

        with ThreadPoolExecutor(10) as pool:
            assert list(pool.map(three_requests, browsers)) == [[200, 200, 200]] * 10
        held_while_browsers_stay = open_connections()
        for browser in browsers:
            browser.close()

        assert baseline <= 1
        assert held_while_browsers_stay == baseline
    finally:
        server.terminate()
        server.wait(10)
