"""Requests per second through nginx with wrk: one instance against two, at the same total
number of gunicorn workers, a cached page and a page rendered on every request.

On a machine of few cores a second instance adds no core, so the ratio says what the second
host costs in coordination (the shared Redis, nginx's spreading), not what it would add on a
second machine; the load average is printed beside every figure for that reason.
"""

import os
import re
import shutil
import subprocess
from dataclasses import dataclass

WRK_LINE = re.compile(r"Requests/sec:\s+([\d.]+)")
LATENCY_LINE = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class Measure:
    setup: str
    page: str
    rate: float
    p50_ms: float
    p99_ms: float
    load: float


def wrk_available():
    return shutil.which("wrk") is not None


def another_wrk_runs():
    return subprocess.run(["pgrep", "-x", "wrk"], capture_output=True).returncode == 0


def _wrk(url, *, duration, connections, headers):
    extra = [arg for name, value in headers.items() for arg in ("-H", f"{name}: {value}")]
    ran = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", *extra, url],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 30,
    )
    rate = float(WRK_LINE.search(ran.stdout).group(1))
    latency = {
        pct: float(value) * UNIT[unit] for pct, value, unit in LATENCY_LINE.findall(ran.stdout)
    }
    if "Non-2xx or 3xx responses" in ran.stdout:
        raise RuntimeError(f"wrk saw errors at {url}:\n{ran.stdout}")
    return rate, latency["50"], latency["99"]


def compare(page, setups, *, headers=None, duration=5, runs=3, connections=16):
    """For each (set-up, url): the median of `runs` wrk runs after a short warm-up, the
    set-ups taking turns run by run so that a change in the machine's load falls on both; with
    the 1-minute load average read after each set-up's last run."""
    results = {setup: [] for setup, _ in setups}
    loads = {}
    for _, url in setups:
        _wrk(url, duration=1, connections=connections, headers=headers or {})
    for _ in range(runs):
        for setup, url in setups:
            results[setup].append(
                _wrk(url, duration=duration, connections=connections, headers=headers or {})
            )
            loads[setup] = os.getloadavg()[0]
    measures = []
    for setup, _ in setups:
        ordered = sorted(results[setup])
        measures.append(Measure(setup, page, *ordered[len(ordered) // 2], load=loads[setup]))
    return measures


def table(measures):
    lines = [f"{'set-up':<30}{'page':<26}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'load':>7}"]
    for m in measures:
        lines.append(
            f"{m.setup:<30}{m.page:<26}{m.rate:>9.0f}{m.p50_ms:>9.1f}{m.p99_ms:>9.1f}{m.load:>7.2f}"
        )
    by_page = {}
    for m in measures:
        by_page.setdefault(m.page, []).append(m)
    for page, pair in by_page.items():
        if len(pair) == 2 and pair[0].rate:
            lines.append(f"two instances / one, {page}: {pair[1].rate / pair[0].rate:.2f}")
    return "\n".join(lines)
