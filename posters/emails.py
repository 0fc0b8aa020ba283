"""The default wording of the poster emails; organizers edit it in the admin afterwards.

Each template sees plain values only: name, proposal (title, status), event (name, date),
note, proposal_url.
"""

from datetime import date

SIGNATURE = "\n\n— The {{ event.name }} organizers"
NOTE = "{% if note %}\nA note from the organizers:\n{{ note }}\n{% endif %}\n"

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
        "Sent when organizers accept a poster. Variables: name, proposal.title, event.name, "
        "event.date, note, proposal_url.",
        "Your poster was accepted: {{ proposal.title }}",
        "Hello {{ name }},\n\nGood news: “{{ proposal.title }}” is accepted for the poster "
        "exhibition of {{ event.name }} on {{ event.date|date:'F j, Y' }}.\n" + NOTE + "\n"
        "With an accepted poster you may also propose a breakout session. Details:\n"
        "{{ proposal_url }}" + SIGNATURE,
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
        "Sent to a presenter who claims an imported poster. Variables: name, proposal.title, "
        "event.name, event.date, proposal_url.",
        "You now present “{{ proposal.title }}”",
        "Hello {{ name }},\n\n“{{ proposal.title }}” is now yours on the {{ event.name }} site. "
        "From its page you can upload the poster image, say when you stand by it, and propose "
        "a breakout:\n{{ proposal_url }}" + SIGNATURE,
    ),
]

# A value for every variable above: the admin checks and previews organizers' edits with them.
SAMPLE_CONTEXT = {
    "name": "Ada Lovelace",
    "proposal": {"title": "A sample proposal", "status": "Accepted"},
    "event": {"name": "Ecosystem Day", "date": date(2021, 4, 21), "breakout_minutes": 40},
    "note": "A note from the organizers.",
    "proposal_url": "https://example.org/me/posters/1/",
}
