"""The default wording of the poster emails; organizers edit it in the admin afterwards.

Each template sees plain values only: name, proposal (title, status), event (name, date,
breakout_minutes), note, proposal_url, time_zone and profile_url; acceptance and claiming
also what comes next (NEXT_VARIABLES); a co-presenter's invitation inviter, join_url and
valid_for. Every link starts with SITE_URL.
"""

from datetime import date

from django.urls import reverse

from ecosystem_day.infra.mail import site_link, zone_of

from .signals import email_values

SIGNATURE = "\n\n— The {{ event.name }} organizers"
NOTE = "{% if note %}\nA note from the organizers:\n{{ note }}\n{% endif %}\n"
# What an accepted presenter does next, each with its link; times in their own zone.
NEXT = (
    "What comes next:\n\n"
    "{% if breakout_deadline %}• Propose a breakout session ({{ event.breakout_minutes }} "
    "minutes: a talk, demo, tutorial or discussion) before {{ breakout_deadline }}:\n"
    "  {{ propose_breakout_url }}\n{% endif %}"
    "• Upload your poster's image (PNG or JPEG, at most 10 MB):\n  {{ poster_image_url }}\n"
    "• Choose when you stand by your poster (the morning, the evening or both):\n"
    "  {{ tending_url }}\n\n"
    "Your proposal's page: {{ proposal_url }}\n"
    "Times in our emails are in {{ time_zone }}; choose your zone in your profile: "
    "{{ profile_url }}"
)

NEXT_VARIABLES = (
    "breakout_deadline (in the recipient's zone; empty once it passed or before it is set), "
    "propose_breakout_url, poster_image_url, tending_url, time_zone, profile_url"
)

TEMPLATES = [
    (
        "poster-submitted",
        "Sent to the submitter when a poster proposal is received. "
        "Variables: name, proposal.title, event.name, event.date, proposal_url.",
        "We received your poster proposal: {{ proposal.title }}",
        "Hello {{ name }},\n\nThank you for proposing “{{ proposal.title }}” for "
        "{{ event.name }}.\nIts status is: submitted. You can follow it, and edit it until "
        "the call closes, at:\n"
        "{{ proposal_url }}\n\nWe will email you the organizers' decision." + SIGNATURE,
    ),
    (
        "poster-accepted",
        "Sent when organizers accept a poster, with what comes next. Variables: name, "
        "proposal.title, event.name, event.date, event.breakout_minutes, note, proposal_url, "
        f"{NEXT_VARIABLES}.",
        "Your poster was accepted: {{ proposal.title }}",
        "Hello {{ name }},\n\nGood news: “{{ proposal.title }}” is accepted for the poster "
        "exhibition of {{ event.name }} on {{ event.date|date:'F j, Y' }}.\n"
        + NOTE
        + NEXT
        + SIGNATURE,
    ),
    (
        "poster-waitlisted",
        "Sent when organizers wait-list a poster. Variables: name, proposal.title, event.name, "
        "note, proposal_url.",
        "Your poster is on the waiting list: {{ proposal.title }}",
        "Hello {{ name }},\n\n“{{ proposal.title }}” is on the waiting list for {{ event.name }}. "
        "We will email you again if a place opens.\n" + NOTE + "{{ proposal_url }}" + SIGNATURE,
    ),
    (
        "poster-rejected",
        "Sent when organizers decline a poster. Variables: name, proposal.title, event.name, "
        "note, proposal_url.",
        "Your poster was not accepted: {{ proposal.title }}",
        "Hello {{ name }},\n\nThank you for proposing “{{ proposal.title }}”. We are sorry: we "
        "could not include it in {{ event.name }}.\n" + NOTE + "{{ proposal_url }}" + SIGNATURE,
    ),
    (
        "poster-withdrawn",
        "Sent when a poster is withdrawn. Variables: name, proposal.title, event.name, note, "
        "proposal_url.",
        "Your poster was withdrawn: {{ proposal.title }}",
        "Hello {{ name }},\n\n“{{ proposal.title }}” is withdrawn from {{ event.name }}.\n"
        "{% if note %}\n{{ note }}\n{% endif %}\nIf this is a mistake, reply to this email."
        + SIGNATURE,
    ),
    (
        "poster-claimed",
        "Sent to a presenter who claims an imported poster, with what comes next. Variables: "
        "name, proposal.title, event.name, event.date, event.breakout_minutes, proposal_url, "
        f"{NEXT_VARIABLES}.",
        "You now present “{{ proposal.title }}”",
        "Hello {{ name }},\n\n“{{ proposal.title }}” is now yours on the {{ event.name }} site.\n"
        + NEXT
        + SIGNATURE,
    ),
    (
        "poster-copresenter-invited",
        "Sent to an author the submitter (or an organizer) gave an email, to join the poster as "
        "a co-presenter. Variables: name, inviter, proposal.title, event.name, event.date, "
        "join_url, valid_for.",
        "{{ inviter }} invites you to present “{{ proposal.title }}”",
        "Hello {{ name }},\n\n{{ inviter }} names you among the authors of “{{ proposal.title }}”, "
        "a poster proposed for {{ event.name }} on {{ event.date|date:'F j, Y' }}, and invites "
        "you to present it with them.\n\nSign in (or sign up) with this email address, verify "
        "it, then open this link and press “Join”:\n\n{{ join_url }}\n\nThe link works once, "
        "for {{ valid_for }}. Once you join, the proposal is on your page: you can edit it "
        "while the call is open, and once it is accepted upload its image and say when you "
        "stand by it.\n\nIf you are not one of its authors, ignore this email." + SIGNATURE,
    ),
]

# A value for every variable above: the admin checks and previews organizers' edits with them.
SAMPLE_CONTEXT = {
    "name": "Ada Lovelace",
    "proposal": {"title": "A sample proposal", "status": "Accepted"},
    "event": {"name": "Ecosystem Day", "date": date(2021, 4, 21), "breakout_minutes": 40},
    "note": "A note from the organizers.",
    "proposal_url": "https://example.org/me/posters/1/",
    "time_zone": "Asia/Tokyo",
    "profile_url": "https://example.org/me/profile/",
    "breakout_deadline": "Friday, April 9, 2021, 11:59 PM JST (Asia/Tokyo)",
    "propose_breakout_url": "https://example.org/breakouts/propose/",
    "poster_image_url": "https://example.org/me/posters/1/image/",
    "tending_url": "https://example.org/me/posters/1/tending/",
    "inviter": "Grace Hopper",
    "join_url": "https://example.org/posters/join/MQ:1abc:x/",
    "valid_for": "14 days",
}

# Earlier default wordings: a template still in one of them (never edited by organizers) is
# brought to today's default after a migrate (ecosystem_day/infra/mail/registry.py).
PREVIOUS_WORDINGS = {
    "poster-accepted": [
        (
            "Your poster was accepted: {{ proposal.title }}",
            "Hello {{ name }},\n\nGood news: “{{ proposal.title }}” is accepted for the poster "
            "exhibition of {{ event.name }} on {{ event.date|date:'F j, Y' }}.\n" + NOTE + "\n"
            "With an accepted poster you may also propose a breakout session. Details:\n"
            "{{ proposal_url }}" + SIGNATURE,
        )
    ],
    "poster-claimed": [
        (
            "You now present “{{ proposal.title }}”",
            "Hello {{ name }},\n\n“{{ proposal.title }}” is now yours on the {{ event.name }} "
            "site. From its page you can upload the poster image, say when you stand by it, and "
            "propose a breakout:\n{{ proposal_url }}" + SIGNATURE,
        )
    ],
}


def recipient_zone(proposal):
    """The zone a proposal's emails write times in: its submitter's own, else the event's."""
    return zone_of(proposal.submitter if proposal.submitter_id else None, proposal.event)


def proposal_context(proposal):
    """What the organizers' email templates may show about a proposal: plain values, every
    link from SITE_URL."""
    context = {
        "name": proposal.submitter.name if proposal.submitter_id else "",
        "proposal": {"title": proposal.title, "status": proposal.get_status_display()},
        "event": {"name": proposal.event.name, "date": proposal.event.date},
        "proposal_url": site_link(proposal.get_absolute_url()),
        "time_zone": recipient_zone(proposal).key,
        "profile_url": site_link(reverse("profile")),
    }
    return email_values(proposal, context)  # the breakouts' length and deadline, from above


def what_comes_next(poster):
    """What an accepted presenter does next: propose a breakout before its deadline (the app
    above gives it, in their zone, with every proposal's values), upload the image, choose
    when to tend the poster."""
    return {
        "propose_breakout_url": site_link(reverse("breakout_propose")),
        "poster_image_url": site_link(reverse("poster_image", args=[poster.pk])),
        "tending_url": site_link(reverse("poster_tending", args=[poster.pk])),
    }
