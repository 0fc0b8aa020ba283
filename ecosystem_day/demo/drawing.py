"""Poster images for the demo: drawn with Pillow (a topic-coloured band, the title, the
authors, the board code), then uploaded through the same service a presenter's upload takes,
so demo images are re-encoded, thumbnailed and stored exactly as real ones are.
"""

import io
import textwrap

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

from posters.models import ACCEPTED_STATES, PosterProposal
from posters.services import attach_poster_image

SIZE = (1200, 900)
MARGIN = 60
# One colour a topic, by the topic's position; dark enough for white text on it.
TOPIC_COLOURS = [
    "#b3261e",
    "#1f5f99",
    "#2e7d32",
    "#6a1b9a",
    "#ad4f00",
    "#00695c",
    "#4527a0",
    "#8d3b72",
    "#37474f",
    "#5d4037",
]


def topic_colour(position):
    return TOPIC_COLOURS[position % len(TOPIC_COLOURS)]


def font(size):
    return ImageFont.load_default(size=size)


def draw_poster(title, authors, topic, colour, board_code=""):
    """A landscape PNG of the poster as bytes: the topic band on top, then title and authors."""
    image = Image.new("RGB", SIZE, "#fbfaf7")
    draw = ImageDraw.Draw(image)
    width, height = SIZE
    draw.rectangle((0, 0, width, 130), fill=colour)
    draw.text((MARGIN, 42), topic, font=font(44), fill="white")
    if board_code:
        draw.text((width - MARGIN, 42), board_code, font=font(44), fill="white", anchor="ra")
    top = 200
    for line in textwrap.wrap(title, width=34)[:5]:
        draw.text((MARGIN, top), line, font=font(58), fill="#1d1d1f")
        top += 74
    top += 36
    draw.line((MARGIN, top, MARGIN + 240, top), fill=colour, width=8)
    top += 40
    for line in textwrap.wrap(", ".join(authors), width=52)[:3]:
        draw.text((MARGIN, top), line, font=font(36), fill="#44474f")
        top += 48
    for column in range(3):  # three panels, as a poster's body reads
        left = MARGIN + column * (width - 2 * MARGIN) // 3
        right = left + (width - 2 * MARGIN) // 3 - 30
        draw.rectangle((left, height - 170, right, height - MARGIN), outline=colour, width=4)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def give_posters_images(event):
    """Every accepted poster of the event without an image gets a drawn one, uploaded by its
    submitter through `attach_poster_image`. Returns how many were drawn."""
    positions = {topic.pk: position for position, topic in enumerate(event.topics.all())}
    posters = (
        PosterProposal.objects.filter(event=event, status__in=ACCEPTED_STATES, image="")
        .select_related("topic", "submitter")
        .order_by("pk")
    )
    drawn = 0
    for poster in posters:
        png = draw_poster(
            poster.title,
            poster.author_list,
            poster.topic.name,
            topic_colour(positions.get(poster.topic_id, 0)),
            poster.board_code,
        )
        upload = SimpleUploadedFile(f"poster-{poster.pk}.png", png, content_type="image/png")
        attach_poster_image(poster, upload, by=poster.submitter)
        drawn += 1
    return drawn
