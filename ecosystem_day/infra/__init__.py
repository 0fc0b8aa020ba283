"""Shared infrastructure: mail, caches, user text, images, charts, calendar lines and
the admin's helpers. It imports no domain app (tests/test_architecture.py)."""
