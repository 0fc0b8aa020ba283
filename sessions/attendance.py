"""Attendance: each registered attendee's first join of an item, recorded by the join
endpoint. One row per attendee and item (a PostgreSQL constraint); a second join, or two at
the same moment, leave the first one as it was."""

from django.db import models
from django.utils import timezone

from ecosystem_day.event.models import Event
from ecosystem_day.registration.models import Registration


class Attendance(models.Model):
    # related_name "+": the registration app is below this one and must not reach up.
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    item_id = models.PositiveIntegerField(help_text="The released item's id.")
    item_guid = models.UUIDField(help_text="The item's stable guid, as releases name it.")
    item_title = models.CharField(max_length=300)
    first_joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "breakouts"
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "item_guid"], name="one_attendance_per_attendee_and_item"
            ),
        ]

    def __str__(self):
        return f"{self.item_title} · {self.first_joined_at:%Y-%m-%d %H:%M} UTC"


def record_first_join(registration_id, event, item, at=None):
    """Insert the attendee's first join of `item` (a published item), or nothing if there is
    one: INSERT … ON CONFLICT DO NOTHING, so concurrent joins make one row."""
    Attendance.objects.bulk_create(
        [
            Attendance(
                registration_id=registration_id,
                event=event,
                item_id=item.id,
                item_guid=item.guid,
                item_title=item.title[:300],
                first_joined_at=at or timezone.now(),
            )
        ],
        ignore_conflicts=True,
    )


def attendance(event, items):
    """Who came, in two queries: the distinct people who joined anything, and for each item
    with a room among the released `items` (snapshot items, in time order) how many joined it,
    none included; joins of an item a later release removed follow, under the title joined."""
    rows = Attendance.objects.filter(event=event)
    attended = rows.aggregate(people=models.Count("registration", distinct=True))["people"]
    joined = {
        str(guid): (title, n)
        for guid, title, n in rows.values("item_guid")
        .annotate(title=models.Max("item_title"), n=models.Count("pk"))
        .values_list("item_guid", "title", "n")
    }
    per_item = []
    for item in items:
        if item.room or item.guid in joined:
            per_item.append((item.title, item.starts_at, joined.pop(item.guid, (None, 0))[1]))
    removed = sorted(joined.values(), key=lambda pair: pair[0].casefold())
    per_item.extend((title, None, n) for title, n in removed)
    return attended, per_item
