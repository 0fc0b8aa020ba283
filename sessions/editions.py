"""What a new edition takes from the last one in this app: its breakout settings, each
session's breakout window, the rooms, and the blocks of the day (opening talks, poster
exhibition, networking) moved to the new day, as a draft. No breakout, speaker or recording
carries over: those belong to the edition that had them."""

from ecosystem_day.event.editions import CarriedLink

from . import breakout_settings, breakout_window
from .models import Room, ScheduleItem


def room_link_key(room):
    return f"room-{room.pk}"


def room_links(previous):
    """Each room's join link: the next edition's form asks for each one anew."""
    return [
        CarriedLink(room_link_key(room), f"{room.name}: join link", room.join_url)
        for room in previous.rooms.all()
    ]


def carry_over(previous, edition, move, links=None):
    """`links`: the new edition's join link of each room, by `room_link_key`; a room not
    named keeps its link."""
    links = links or {}
    breakout_settings.carry_over(previous, edition, move)
    breakout_window.carry_over(previous, edition, move)
    rooms = {
        room.pk: Room.objects.create(
            event=edition,
            name=room.name,
            join_url=links.get(room_link_key(room), room.join_url),
            access=room.access,
            position=room.position,
        )
        for room in previous.rooms.all()
    }
    tracks = {track.slug: track for track in edition.tracks.all()}
    blocks = previous.schedule_items.exclude(kind=ScheduleItem.Kind.BREAKOUT).select_related(
        "track"
    )
    ScheduleItem.objects.bulk_create(
        ScheduleItem(
            event=edition,
            kind=block.kind,
            title=block.title,
            description=block.description,
            starts_at=move(block.starts_at),
            ends_at=move(block.ends_at),
            track=tracks.get(block.track.slug) if block.track_id else None,
            room=rooms.get(block.room_id),
        )
        for block in blocks
    )
