from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data and measurements: the only part of the project that knows every app."""

    name = "ecosystem_day.demo"
    label = "demo"
    verbose_name = "Demo data"
