"""`make run` (runserver, DEBUG) closes each request's database connection.

runserver serves each request in a thread of its own and never closes that thread's
connection; with persistent connections, ten parallel requests three times once left 22
connections open, and a longer run used up the server's slots.
"""

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
        with ThreadPoolExecutor(10) as pool:
            for _ in range(3):
                statuses = list(
                    pool.map(
                        lambda _: urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10).status,
                        range(10),
                    )
                )
                assert statuses == [200] * 10

        # Each thread closes its connection as its request ends; allow it to finish doing so.
        give_up = time.monotonic() + 10
        while open_connections() and time.monotonic() < give_up:
            time.sleep(0.1)
        assert open_connections() == 0
    finally:
        server.terminate()
        server.wait(10)
