"""A person's public profile: what the speakers page shows beside their items."""

from django.db import transaction

from ecosystem_day.event.models import Event, PublicVersion
from ecosystem_day.infra import images, photos

from .models import User


def update_profile(user, *, affiliation, bio, photo=None, remove_photo=False, time_zone=None):
    """Save the profile; a new photo is opened with Pillow first (ValidationError if refused),
    so nothing changes when it is refused. The current event's public pages are refreshed."""
    cleaned = images.clean_image(photo) if photo else None
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.affiliation, locked.bio = affiliation, bio
        if time_zone is not None:  # private: the zone of the times in their emails
            locked.time_zone = time_zone
        locked.save(update_fields=["affiliation", "bio", "time_zone"])
        if cleaned:
            photos.store_photo(locked, *cleaned)
        elif remove_photo and locked.photo:
            photos.remove_photo(locked)
        for event_id in Event.objects.filter(is_current=True).values_list("pk", flat=True):
            PublicVersion.bump(event_id)
    return locked
