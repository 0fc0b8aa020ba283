"""axe-core in a page, for the accessibility specs.

The page's strict Content-Security-Policy refuses an injected <script> tag, so axe's source
is evaluated through the browser's DevTools protocol (as a test tool, outside the page's own
rules). axe-core comes with the dev extras: the `axe-playwright-python` package bundles its
`axe.min.js`, so every `make test` audits what CI audits. `AXE_CORE_JS` may name another copy.
"""

import os
from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def axe_source():
    override = os.environ.get("AXE_CORE_JS")
    if override:
        return Path(override).read_text()
    return files("axe_playwright_python").joinpath("axe.min.js").read_text()


# Every animation that ends (not an endless one), ended or cancelled (a cancelled one rejects).
SETTLED = """Promise.all(document.getAnimations()
  .filter((running) => running.effect && running.effect.getComputedTiming().endTime !== Infinity)
  .map((running) => running.finished.catch(() => null)))"""


def axe_violations(page):
    """What axe-core finds on the page, as (impact, rule, first element) triples. Colours are
    read once transitions end: a button caught half-way from outline to filled (Bootstrap's
    0.15 s) is a contrast no visitor reads."""
    page.evaluate(SETTLED)
    page.evaluate(axe_source())
    violations = page.evaluate("async () => (await axe.run()).violations")
    return [
        (violation["impact"], violation["id"], violation["nodes"][0]["html"][:80])
        for violation in violations
    ]
