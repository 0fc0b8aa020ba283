"""Two test runs on one PostgreSQL server: each creates and drops a test database of its own.

The test database is named after the database DATABASE_URL names, so runs against different
databases never meet; TEST_DATABASE_NAME names it outright for two runs against the same one.
The settings are read in a fresh interpreter, as pytest-django reads them at start-up.
"""

import os
import subprocess
import sys

import pytest

READ = "import ecosystem_day.test_settings as s; print(s.DATABASES['default']['TEST']['NAME'])"


def the_test_database_name(**environment):
    env = {key: value for key, value in os.environ.items() if key != "TEST_DATABASE_NAME"}
    answer = subprocess.run(
        [sys.executable, "-c", READ],
        env={**env, **environment},
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return answer.stdout.strip()


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("postgres://root@127.0.0.1:5432/conference", "test_conference"),
        ("postgres://root@127.0.0.1:5432/conference_staging", "test_conference_staging"),
    ],
)
def test_the_test_database_is_named_after_the_database_the_url_names(url, name):
    assert the_test_database_name(DATABASE_URL=url) == name


def test_an_explicit_test_database_name_wins():
    assert (
        the_test_database_name(
            DATABASE_URL="postgres://root@127.0.0.1:5432/conference",
            TEST_DATABASE_NAME="test_mine",
        )
        == "test_mine"
    )
