"""The Reviewers and Organizers groups, with the permissions each role needs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REVIEWERS = [
    "posters.view_posterproposal",
    "posters.view_review",
    "posters.add_review",
    "posters.change_review",
    "posters.view_statuschange",
    "ecosystem_day.view_event",
    "ecosystem_day.view_topic",
]
ORGANIZER_APPS = ["posters", "ecosystem_day"]
ORGANIZER_EXTRA = ["auth.view_group", "axes.view_accessattempt", "axes.delete_accessattempt"]


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(codes):
        found = []
        for code in codes:
            app_label, codename = code.split(".")
            found += Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            )
        return found

    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    reviewers.permissions.set(permissions(REVIEWERS))
    organizers, _ = Group.objects.get_or_create(name="Organizers")
    organizers.permissions.set(
        list(Permission.objects.filter(content_type__app_label__in=ORGANIZER_APPS))
        + permissions(ORGANIZER_EXTRA)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("posters", "0001_initial"),
        ("ecosystem_day", "0002_email_templates"),
        ("axes", "__latest__"),
        ("auth", "__latest__"),
    ]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
