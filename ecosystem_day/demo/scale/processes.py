"""The parts of a several-host set-up, each started on a free local port under a directory of
its own and stopped by its own process id: gunicorn instances, nginx, Redis, mail workers, an
S3-compatible server (moto) and an SMTP server that counts what it receives (aiosmtpd).

moto and aiosmtpd are development dependencies (`pip install -e '.[dev]'`), imported only here.
"""

import asyncio
import email
import json
import logging
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from django.conf import settings

START_TIMEOUT = 60  # seconds any part may take to answer


class PartFailed(Exception):
    """A part did not start or answer; the message says which and where its log is."""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_it_answers(url, process, log):
    give_up = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - a local address
                return
        except OSError:
            if process is not None and process.poll() is not None:
                raise PartFailed(f"{url} exited ({process.returncode}); see {log}") from None
            if time.monotonic() > give_up:
                raise PartFailed(f"{url} did not answer in {START_TIMEOUT} s; see {log}") from None
            time.sleep(0.1)


class Part:
    """A child process with its log file; `stop()` sends SIGTERM to it alone."""

    def __init__(self, name, command, *, env, directory, cwd=None):
        self.name = name
        self.log = Path(directory) / f"{name}.log"
        self._log_file = self.log.open("w")
        self.process = subprocess.Popen(
            command,
            env=env,
            cwd=cwd or settings.BASE_DIR,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log_file.close()


def start_redis(directory):
    """A Redis of this run's own (never the machine's): in the foreground, so it is our child."""
    port = free_port()
    part = Part(
        "redis",
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        + ["--appendonly", "no", "--dir", str(directory)],
        env=None,
        directory=directory,
    )
    give_up = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16) == b"+PONG\r\n":
                    break
        except OSError:
            pass
        if part.process.poll() is not None or time.monotonic() > give_up:
            raise PartFailed(f"redis-server did not start; see {part.log}")
        time.sleep(0.05)
    part.url = f"redis://127.0.0.1:{port}/0"
    return part


def start_gunicorn(name, *, workers, env, directory):
    """One instance ("host") of the site: gunicorn with sync workers, as gunicorn.conf.py has
    it; `wait_for_gunicorn` waits until it answers."""
    port = free_port()
    part = Part(
        name,
        [sys.executable, "-m", "gunicorn", "ecosystem_day.wsgi", "-w", str(workers)]
        + ["-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=env,
        directory=directory,
    )
    part.port = port
    return part


def wait_for_gunicorn(*parts):
    """Started together, waited for together: each boot takes seconds on a busy machine."""
    for part in parts:
        wait_until_it_answers(f"http://127.0.0.1:{part.port}/livez", part.process, part.log)


def start_mail_worker(name, *, env, directory):
    """`deliver_mail --forever` with a TMPDIR of its own, as on a host of its own (the mail
    library's lock is a file there: a shared TMPDIR would hide a double send)."""
    tmp = Path(directory) / f"{name}-tmp"
    tmp.mkdir()
    part = Part(
        name,
        [sys.executable, "manage.py", "deliver_mail", "--forever", "--interval", "0.2"],
        env={**env, "TMPDIR": str(tmp)},
        directory=directory,
    )
    give_up = time.monotonic() + START_TIMEOUT
    while "The mail worker is running." not in part.log.read_text():
        if part.process.poll() is not None or time.monotonic() > give_up:
            raise PartFailed(f"the mail worker {name} did not start; see {part.log}")
        time.sleep(0.1)
    return part


NGINX_MAIN = """worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {directory}/client_temp;
    proxy_temp_path {directory}/proxy_temp;
    fastcgi_temp_path {directory}/fastcgi_temp;
    uwsgi_temp_path {directory}/uwsgi_temp;
    scgi_temp_path {directory}/scgi_temp;
    log_format upstream '$upstream_addr $status $request';
    access_log {directory}/nginx-access.log upstream;
{sites}
}}
"""


def site_config(listen_port, upstream_name, backend_ports):
    """deploy/nginx.conf, the configuration the deployment guide installs, with its listening
    port, upstream name and servers replaced by this run's."""
    text = (settings.BASE_DIR / "deploy" / "nginx.conf").read_text()
    servers = "".join(f"    server 127.0.0.1:{port};\n" for port in backend_ports)
    text, upstreams = re.subn(
        r"upstream ecosystem_day \{(.*?\n)    server [^\n]*\n(    keepalive)",
        lambda m: f"upstream {upstream_name} {{{m.group(1)}{servers}{m.group(2)}",
        text,
        flags=re.S,
    )
    text = text.replace("http://ecosystem_day;", f"http://{upstream_name};")
    text = text.replace("$visitor_scheme", f"$visitor_scheme_{upstream_name}")  # one per site
    text, listens = re.subn(r"listen 80;", f"listen 127.0.0.1:{listen_port};", text)
    text = re.sub(r"\n\s*listen \[::\]:80;", "", text)
    if (upstreams, listens) != (1, 1):
        raise PartFailed("deploy/nginx.conf no longer has one upstream and one `listen 80;`.")
    return text


def start_nginx(directory, sites):
    """nginx as our own process (`-c`, `-p` and every path under `directory`), one port per
    entry of `sites`: {name: [backend ports]}. Returns the part with `.ports[name]`."""
    if shutil.which("nginx") is None:
        raise PartFailed("nginx is needed: apt-get install nginx")
    ports = {name: free_port() for name in sites}
    rendered = "\n".join(
        site_config(ports[name], f"scale_{name}", backends) for name, backends in sites.items()
    )
    config = Path(directory) / "nginx.conf"
    config.write_text(NGINX_MAIN.format(directory=directory, sites=rendered))
    command = ["nginx", "-c", str(config), "-p", f"{directory}/", "-g", "daemon off;"]
    part = Part("nginx", command, env=None, directory=directory)
    part.ports = ports
    part.access_log = Path(directory) / "nginx-access.log"
    for port in ports.values():
        wait_until_it_answers(f"http://127.0.0.1:{port}/livez", part.process, part.log)
    return part


class S3Server:
    """moto's S3 server in a thread of this process, with a bucket anyone may read."""

    def __init__(self, bucket):
        from moto.server import ThreadedMotoServer

        self.bucket = bucket
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()
        client = self.client()
        client.create_bucket(Bucket=bucket)
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{bucket}/*",
                }
            ],
        }
        client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name="us-east-1",
            aws_access_key_id="scale-check",
            aws_secret_access_key="scale-check-secret",
        )

    def stored_keys(self):
        listed = self.client().list_objects_v2(Bucket=self.bucket)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def stop(self):
        self.server.stop()


class SmtpSink:
    """An SMTP server on a free port that accepts everything and keeps (recipients, subject)."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.received = []
        self._lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    async def handle_DATA(self, server, session, envelope):
        subject = email.message_from_bytes(envelope.content)["Subject"]
        with self._lock:
            self.received.append((tuple(sorted(envelope.rcpt_tos)), subject))
        await asyncio.sleep(0)
        return "250 Message accepted for delivery"

    def count(self):
        with self._lock:
            return len(self.received)

    def stop(self):
        self.controller.stop()
