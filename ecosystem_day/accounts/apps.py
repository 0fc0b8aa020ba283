from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    """People and their roles: submitters, reviewers, organizers."""

    name = "ecosystem_day.accounts"
    label = "accounts"
    verbose_name = "Accounts"
    # The permissions each role holds in the apps this one stands for (see roles.py).
    role_permissions = {
        "Organizers": [
            "accounts.view_user",
            "auth.view_group",
            "axes.view_accessattempt",
            "axes.delete_accessattempt",
        ],
    }

    def ready(self):
        from .roles import sync_roles

        # After every app's migrations (and every test flush), in any order: idempotent.
        post_migrate.connect(sync_roles, dispatch_uid="accounts.sync_roles")
