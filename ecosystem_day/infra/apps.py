from django.apps import AppConfig


class InfraConfig(AppConfig):
    """Installed for its commands (the mail worker) and its admin widget's template;
    it has no model."""

    name = "ecosystem_day.infra"
    label = "infra"
    verbose_name = "Shared infrastructure"
