"""Running changes at the same moment, each in its own thread with its own connection.

The threads wait on one barrier right before their call, so the calls meet in PostgreSQL,
not in Python. An exception a thread raises is its outcome: tests decide which are refusals
and which (`deadlock detected`, anything unexpected) are failures.
"""

import threading

from django.db import connection


def run_together(*calls, timeout=30):
    """Run each call in its own thread, all released at once; return their outcomes in order.

    An outcome is what the call returned, or the exception it raised.
    """
    start = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            start.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:  # the outcome; the test judges it
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads), "a racer never finished"
    return outcomes


def named(outcome, refusals=()):
    """ "done", the refusal's class name, or the unexpected error itself (to fail loudly)."""
    if not isinstance(outcome, Exception):
        return "done"
    if isinstance(outcome, refusals):
        return type(outcome).__name__
    return outcome
