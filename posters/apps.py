from django.apps import AppConfig


class PostersConfig(AppConfig):
    """Poster proposals, reviews, decisions and the catalogue."""

    name = "posters"
    verbose_name = "Poster proposals"
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
        from ecosystem_day.mail import install_after_migrations

        install_after_migrations(self)
