from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class OrganizersAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with the organizers' desk (admin_site.py) as its default site."""

    default = False  # "ecosystem_day.event" itself is EcosystemDayConfig
    default_site = "ecosystem_day.event.admin_site.OrganizersAdminSite"


class EcosystemDayConfig(AppConfig):
    """The event: its editions, dates, zone, deadlines, topics and sessions of the day."""

    name = "ecosystem_day.event"
    # The label the app had before it moved here: its tables, migrations, content
    # types and permissions keep their names (issue 15, docs/architecture.md).
    label = "ecosystem_day"
    verbose_name = "Event"
    desk_position = 30  # after the apps that hold the event's work (admin_site.py)
    role_permissions = {
        "Reviewers": [
            "ecosystem_day.view_event",
            "ecosystem_day.view_topic",
            "ecosystem_day.view_track",
        ],
        "Organizers": [
            "ecosystem_day.view_event",
            "ecosystem_day.add_event",  # starting the next edition
            "ecosystem_day.change_event",
            "ecosystem_day.view_dashboard",
            *(
                f"ecosystem_day.{action}_{model}"
                for model in ("topic", "track")
                for action in ("add", "change", "delete", "view")
            ),
            # The wording of every email, and the outbox: read with secret links hidden
            # (ecosystem_day/infra/admin_outbox.py); "change" is resending a failed one, nothing
            # else.
            "post_office.view_emailtemplate",
            "post_office.change_emailtemplate",
            "post_office.view_email",
            "post_office.change_email",
        ],
    }

    def ready(self):
        from ecosystem_day.infra.text import clean_text_on_save

        clean_text_on_save(self)
