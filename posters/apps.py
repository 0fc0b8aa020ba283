from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _install_emails(sender, using="default", **kwargs):
    from ecosystem_day.mail import install_templates

    from .emails import TEMPLATES

    install_templates(TEMPLATES, using=using)


class PostersConfig(AppConfig):
    """Poster proposals, reviews, decisions and the catalogue."""

    name = "posters"
    verbose_name = "Posters"
    role_permissions = {
        "Reviewers": [
            "posters.view_posterproposal",
            "posters.view_review",
            "posters.add_review",
            "posters.change_review",
            "posters.view_statuschange",
        ],
        "Organizers": [
            "posters.view_posterproposal",
            "posters.change_posterproposal",
            "posters.decide_posterproposal",
            "posters.view_review",
            "posters.add_review",
            "posters.change_review",
            "posters.delete_review",
            "posters.view_statuschange",
        ],
    }

    def ready(self):
        from ecosystem_day.signals import dashboard_parts, desk_work

        from . import desk

        post_migrate.connect(_install_emails, sender=self, dispatch_uid="posters.emails")
        desk_work.connect(desk.desk_work, dispatch_uid="posters.desk_work")
        dashboard_parts.connect(desk.dashboard_parts, dispatch_uid="posters.dashboard_parts")
