from django.apps import AppConfig


class BreakoutSessionsConfig(AppConfig):
    """Breakouts, tracks and the schedule.

    Django's own django.contrib.sessions owns the label "sessions", so ours is
    "breakouts".
    """

    name = "sessions"
    label = "breakouts"
    verbose_name = "Breakouts and schedule"
