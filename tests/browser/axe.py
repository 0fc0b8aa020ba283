"""axe-core in a page, for the accessibility specs.

The page's strict Content-Security-Policy refuses an injected <script> tag, so axe's source
is evaluated through the browser's DevTools protocol (as a test tool, outside the page's own
rules). axe-core comes from the npm registry: `.ci/run` installs it; locally, missing, the
specs are skipped with that hint (a failure where REQUIRE_BROWSER_TESTS is set).
"""

import os
from pathlib import Path

import pytest

AXE = Path(os.environ.get("AXE_CORE_JS", "/tmp/axe/node_modules/axe-core/axe.min.js"))


def axe_violations(page):
    """What axe-core finds on the page, as (impact, rule, first element) triples."""
    if not AXE.exists():
        message = f"axe-core is not at {AXE} (cd /tmp/axe && npm i axe-core); skipped."
        if os.environ.get("REQUIRE_BROWSER_TESTS"):
            pytest.fail(message.replace("skipped", "REQUIRE_BROWSER_TESTS is set"))
        pytest.skip(message)
    page.evaluate(AXE.read_text())
    violations = page.evaluate("async () => (await axe.run()).violations")
    return [
        (violation["impact"], violation["id"], violation["nodes"][0]["html"][:80])
        for violation in violations
    ]
