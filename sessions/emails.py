"""The default wording of the breakout emails; organizers edit it in the admin afterwards.

Each template sees plain values only: name, proposal (title, status, format, poster_title),
event (name, date, breakout_minutes), note, proposal_url; the release email sees its own
variables, listed in its description.
"""

from ecosystem_day.infra.mail import moment
from posters.emails import SAMPLE_CONTEXT as POSTER_SAMPLE
from posters.emails import recipient_zone

from .breakout_settings import breakout_settings_for

SIGNATURE = "\n\n— The {{ event.name }} organizers"
NOTE = "{% if note %}\nA note from the organizers:\n{{ note }}\n{% endif %}\n"
VARIABLES = "Variables: name, proposal.title, proposal.format, proposal.poster_title, event.name"

RELEASE_SUBJECT = (
    "The schedule changed for your breakout: {{ event.name }}, version {{ release.number }}"
)

TEMPLATES = [
    (
        "breakout-submitted",
        f"Sent when a breakout is proposed. {VARIABLES}, proposal_url.",
        "We received your breakout proposal: {{ proposal.title }}",
        "Hello {{ name }},\n\nThank you for proposing the {{ proposal.format|lower }} "
        "“{{ proposal.title }}” (with your poster “{{ proposal.poster_title }}”) for "
        "{{ event.name }}.\nFollow it at {{ proposal_url }}\n\n"
        "We will email you the organizers' decision." + SIGNATURE,
    ),
    (
        "breakout-accepted",
        f"Sent when organizers accept a breakout. {VARIABLES}, event.breakout_minutes, note, "
        "proposal_url.",
        "Your breakout was accepted: {{ proposal.title }}",
        "Hello {{ name }},\n\nGood news: your {{ event.breakout_minutes }}-minute "
        "{{ proposal.format|lower }} “{{ proposal.title }}” is accepted for "
        "{{ event.name }}. We will email you its room and time once it is scheduled.\n"
        + NOTE
        + "{{ proposal_url }}"
        + SIGNATURE,
    ),
    (
        "breakout-waitlisted",
        f"Sent when organizers wait-list a breakout. {VARIABLES}, note, proposal_url.",
        "Your breakout is on the waiting list: {{ proposal.title }}",
        "Hello {{ name }},\n\n“{{ proposal.title }}” is on the waiting list for {{ event.name }}."
        " We will email you again if a slot opens.\n" + NOTE + "{{ proposal_url }}" + SIGNATURE,
    ),
    (
        "breakout-rejected",
        f"Sent when organizers decline a breakout. {VARIABLES}, note, proposal_url.",
        "Your breakout was not accepted: {{ proposal.title }}",
        "Hello {{ name }},\n\nThank you for proposing “{{ proposal.title }}”. We are sorry: we "
        "could not fit it into {{ event.name }}. Your poster is not affected.\n"
        + NOTE
        + "{{ proposal_url }}"
        + SIGNATURE,
    ),
    (
        "breakout-withdrawn",
        "Sent when a breakout is withdrawn, by its proposer or because its poster is no longer "
        f"accepted. {VARIABLES}, note, proposal_url.",
        "Your breakout was withdrawn: {{ proposal.title }}",
        "Hello {{ name }},\n\n“{{ proposal.title }}” is withdrawn from {{ event.name }}.\n"
        "{% if note %}\n{{ note }}\n{% endif %}\nIf this is a mistake, reply to this email."
        + SIGNATURE,
    ),
    (
        "schedule-released-to-presenter",
        "Sent once per schedule release to each presenter whose own breakouts were placed, "
        "moved or taken off in it. Variables: name, event.name, release.number, release.note, "
        "changes (each with title, what, summary in the recipient's zone, and item_url and "
        "calendar_url unless cancelled), scheduled (one of them is on the schedule), schedule_url, "
        "time_zone, profile_url.",
        RELEASE_SUBJECT,
        "Hello {{ name }},\n\nVersion {{ release.number }} of the {{ event.name }} schedule is "
        "out. For your breakout:\n\n{% for change in changes %}• {{ change.title }}: "
        "{{ change.summary }}\n{% if change.item_url %}  Its page: {{ change.item_url }}\n"
        "  Add it to your calendar: {{ change.calendar_url }}\n{% endif %}{% endfor %}"
        "{% if release.note %}\nFrom the organizers: {{ release.note }}\n{% endif %}\n"
        "{% if scheduled %}What comes next: be in your room a few minutes before your start; "
        "the join link works until your breakout ends, and its page shows the recording "
        "afterwards.\n\n{% endif %}"
        "The whole schedule: {{ schedule_url }}\nTimes here are in {{ time_zone }}; choose your "
        "zone in your profile: {{ profile_url }}" + SIGNATURE,
    ),
]

# A value for every variable above: the admin checks and previews organizers' edits with them.
SAMPLE_CONTEXT = {
    **POSTER_SAMPLE,
    "proposal": {
        "title": "A sample breakout",
        "status": "Accepted",
        "format": "Demo",
        "poster_title": "A sample poster",
    },
    "release": {"number": 2, "note": "One breakout moved to the evening."},
    "changes": [
        {"title": "A sample breakout", "what": "moved", "summary": "moved from 9:00 to 10:00"}
    ],
    "schedule_url": "https://example.org/schedule/",
}
SAMPLE_CONTEXT["scheduled"] = True
SAMPLE_CONTEXT["changes"][0].update(
    item_url="https://example.org/schedule/7/", calendar_url="https://example.org/schedule/7.ics"
)

# Earlier default wordings, brought to today's after a migrate unless organizers edited them.
PREVIOUS_WORDINGS = {
    "schedule-released-to-presenter": [
        (
            RELEASE_SUBJECT,
            "Hello {{ name }},\n\nVersion {{ release.number }} of the {{ event.name }} schedule "
            "is out. For your breakout:\n\n{% for change in changes %}• {{ change.title }}: "
            "{{ change.summary }}\n{% endfor %}{% if release.note %}\nFrom the organizers: "
            "{{ release.note }}\n{% endif %}\nThe whole schedule: {{ schedule_url }}" + SIGNATURE,
        )
    ]
}


def breakout_values(proposal):
    """What every poster and breakout email may show of the edition's breakouts
    (posters.signals.proposal_email_values): their length, and their deadline in the
    recipient's zone while proposals are open (else empty)."""
    settings = breakout_settings_for(proposal.event)
    deadline = moment(settings.deadline, recipient_zone(proposal)) if settings.is_open() else ""
    return {"event": {"breakout_minutes": settings.minutes}, "breakout_deadline": deadline}
