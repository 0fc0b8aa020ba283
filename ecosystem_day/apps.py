from django.apps import AppConfig


class EcosystemDayConfig(AppConfig):
    name = "ecosystem_day"
    verbose_name = "Event"
