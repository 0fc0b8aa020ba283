"""gunicorn's settings for this site; gunicorn reads this file from the working directory by
itself (`gunicorn ecosystem_day.wsgi`), and flags on the command line win over it.

docs/deploy.md explains the choices: sync workers (on small machines gthread was slower and
uneven), behind nginx on the same host, which buffers slow clients for them.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# gunicorn reads WEB_CONCURRENCY by itself too; two per core is a good start for sync workers.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# A request that takes longer is a bug or a hung dependency: its worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Only the local nginx may say which client and scheme a request came from.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
# gunicorn's control socket is one path per user ($HOME/.gunicorn/gunicorn.ctl): several
# instances on one machine (make scale-check, the specs) would take it from each other.
control_socket_disable = True
# Each worker loads the app after the fork, so settings see GUNICORN_WORKERS (below).
preload_app = False


def on_starting(server):
    """Tell the settings how many workers serve this host, whatever -w or this file said:
    several workers without REDIS_URL are refused there (ecosystem_day/deployment.py)."""
    os.environ["GUNICORN_WORKERS"] = str(server.cfg.workers)
