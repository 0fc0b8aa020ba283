"""The Reviewers and Organizers groups hold exactly the permissions the apps declare.

Each app lists what each role may do with its own models in its AppConfig
(`role_permissions`), so the list for a model sits next to the model and is reviewed
with it. After migrations the groups are set to that list, nothing more: a permission
granted by hand in the admin is taken away again on the next deploy.
"""

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

ROLES = ("Reviewers", "Organizers")


def declared_permissions(role, app_registry=global_apps):
    """ "app_label.codename" of every permission the installed apps grant to `role`."""
    return sorted(
        {
            code
            for app_config in app_registry.get_app_configs()
            for code in getattr(app_config, "role_permissions", {}).get(role, [])
        }
    )


def _permissions(codes):
    if not codes:
        return Permission.objects.none()
    query = Q()
    for code in codes:
        app_label, codename = code.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(query)


def sync_roles(sender=None, using="default", **kwargs):
    """Create the groups and give each exactly its declared permissions (those that exist yet)."""
    for role in ROLES:
        group, _ = Group.objects.using(using).get_or_create(name=role)
        group.permissions.set(_permissions(declared_permissions(role)).using(using))
