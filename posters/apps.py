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
        post_migrate.connect(_install_emails, sender=self, dispatch_uid="posters.emails")
