"""The default wording of the breakout emails; organizers edit it in the admin afterwards.

Each template sees plain values only: name, proposal (title, status, format, poster_title),
event (name, date, breakout_minutes), note, proposal_url, and for the schedule emails when,
room (name, join_url) and item_url.
"""

SIGNATURE = "\n\n— The {{ event.name }} organizers"
NOTE = "{% if note %}\nA note from the organizers:\n{{ note }}\n{% endif %}\n"
VARIABLES = "Variables: name, proposal.title, proposal.format, proposal.poster_title, event.name"

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
        "breakout-scheduled",
        "Sent when organizers place a breakout on the schedule or move it. "
        f"{VARIABLES}, when, room.name, room.join_url, item_url, proposal_url.",
        "Your breakout is scheduled: {{ proposal.title }}",
        "Hello {{ name }},\n\n“{{ proposal.title }}” runs on {{ when }}"
        "{% if room %} in {{ room.name }}{% endif %}.\n"
        "{% if room %}Presenters and attendees join here: {{ room.join_url }}\n{% endif %}"
        "\nIts page on the schedule: {{ item_url }}" + SIGNATURE,
    ),
    (
        "breakout-unscheduled",
        "Sent when organizers take an accepted breakout off the schedule. "
        f"{VARIABLES}, when (its old time), note, proposal_url.",
        "Your breakout is no longer on the schedule: {{ proposal.title }}",
        "Hello {{ name }},\n\n“{{ proposal.title }}” no longer runs on {{ when }}. It is still "
        "accepted; we will email you when it has a new time.\n"
        + NOTE
        + "{{ proposal_url }}"
        + SIGNATURE,
    ),
]
