from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    """People and their roles: submitters, reviewers, organizers."""

    name = "ecosystem_day.accounts"
    label = "accounts"
    verbose_name = "Accounts"
    # The permissions each role holds in the apps this one stands for (see roles.py).
    role_permissions = {
        # Users, groups and permissions are for superusers only.
        "Organizers": ["axes.view_accessattempt", "axes.delete_accessattempt"],
    }

    def ready(self):
        from ecosystem_day.infra.mail import register_secret_links, register_templates
        from ecosystem_day.infra.text import clean_text_on_save

        from . import emails, links
        from .roles import sync_roles

        # After every app's migrations (and every test flush), in any order: idempotent.
        post_migrate.connect(sync_roles, dispatch_uid="accounts.sync_roles")
        register_templates(self, emails)
        register_secret_links("password_reset_confirm", *(link.url_name for link in links.LINKS))
        clean_text_on_save(self)
