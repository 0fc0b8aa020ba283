"""People's photos (keynote speakers, presenters), made safe exactly as poster images are."""

from django.db import transaction

from . import images


def store_photo(person, image, fmt):
    """Store a cleaned image (from `images.clean_image`) as the person's photo and thumbnail
    under a new random name, on their locked row; the old files go once the change commits."""
    with transaction.atomic():
        locked = type(person).objects.select_for_update().get(pk=person.pk)
        old = images.store(locked.photo, locked.photo_thumbnail, image, fmt)
        locked.save(update_fields=["photo", "photo_thumbnail"])
        _delete_on_commit(locked.photo.storage, old)
    person.photo, person.photo_thumbnail = locked.photo, locked.photo_thumbnail
    return locked


def replace_photo(person, upload):
    """Open the upload with Pillow (a ValidationError says why it is refused), then store it."""
    image, fmt = images.clean_image(upload)
    return store_photo(person, image, fmt)


def remove_photo(person):
    with transaction.atomic():
        locked = type(person).objects.select_for_update().get(pk=person.pk)
        old = [name for name in (locked.photo.name, locked.photo_thumbnail.name) if name]
        locked.photo = locked.photo_thumbnail = ""
        locked.save(update_fields=["photo", "photo_thumbnail"])
        _delete_on_commit(locked.photo.storage, old)
    person.photo = person.photo_thumbnail = ""
    return locked


def _delete_on_commit(storage, names):
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
