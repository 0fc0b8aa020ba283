"""A Redis server of a test's own, on a free port, that the test stops, hangs and brings back.

Never the machine's shared Redis: stopping or hanging that one would break every other run.
`hang()` is `kill -STOP`: the kernel still accepts connections, but nothing ever answers,
which is how a Redis stuck on a slow disk or a full network looks to its clients.
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

HINT = "The cache outage specs need redis-server (apt-get install redis-server)"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    def __init__(self, directory):
        self.directory = Path(directory)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.pidfile = self.directory / "redis.pid"
        self.pid = None

    def start(self):
        subprocess.run(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--daemonize", "yes"]
            + ["--dir", str(self.directory), "--pidfile", str(self.pidfile)]
            + ["--logfile", str(self.directory / "redis.log")],
            check=True,
            timeout=10,
        )
        give_up = time.monotonic() + 10
        while not self.answers():
            assert time.monotonic() < give_up, "the test's own Redis never answered"
            time.sleep(0.05)
        self.pid = int(self.pidfile.read_text())

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16) == b"+PONG\r\n"
        except OSError:
            return False

    def stop(self):
        """Stopped for good: connections are refused until `start()`."""
        os.kill(self.pid, signal.SIGCONT)  # a hung server must wake up to exit
        os.kill(self.pid, signal.SIGTERM)
        give_up = time.monotonic() + 10
        while _alive(self.pid):
            if time.monotonic() > give_up:
                os.kill(self.pid, signal.SIGKILL)
            time.sleep(0.05)
        self.pid = None

    def hang(self):
        os.kill(self.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.pid, signal.SIGCONT)

    def keys(self):
        """How many keys it holds (the site wrote to it)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as sock:
            sock.sendall(b"DBSIZE\r\n")
            return int(sock.recv(32).decode().strip(":\r\n"))


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone for every purpose here; redis-server daemonizes, so init reaps it.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def running_redis():
    """For a fixture (`yield from running_redis()`): a running Redis of the test's own, stopped
    and removed afterwards, whatever happened."""
    if shutil.which("redis-server") is None:
        if os.environ.get("REQUIRE_REDIS_TESTS"):
            pytest.fail(f"{HINT}; REQUIRE_REDIS_TESTS is set.")
        pytest.skip(f"{HINT}; they are skipped.")
    directory = tempfile.mkdtemp(prefix="ecosystem-day-redis-")
    server = OwnRedis(directory)
    server.start()
    try:
        yield server
    finally:
        if server.pid is not None:
            server.stop()
        shutil.rmtree(directory, ignore_errors=True)
