"""`manage.py scale_check`: the site as an operator runs it on several hosts, on one machine.

Two gunicorn instances behind nginx, with a Redis, an S3-compatible server and an SMTP server
of their own, sharing one PostgreSQL; then the cross-host checks and the throughput of one
instance against two. `processes.py` starts and stops the parts, `checks.py` runs the checks,
`throughput.py` measures with wrk.
"""
