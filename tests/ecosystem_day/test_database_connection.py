"""The site's connection to PostgreSQL, as every request uses it."""

from django.db import connection


def test_queries_are_not_compiled_by_the_jit(db):
    """A join of three one-row tables never analyzed looked costly enough to PostgreSQL to
    compile: 10 ms for 0.1 ms of work on every cold page of a past edition."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
