"""The default wording of the registration emails; organizers edit it in the admin afterwards.

Variables: name, event, site, sessions_of_the_day (each with name, times (in their zone),
event_times (in the event's) and event_times_differ (false when their zone tells the same
time as the event's)), time_zone, my_registration_url, sign_in_url, valid_for,
code_of_conduct_url; an announcement's subject and text, as organizers typed them.
"""

SESSIONS = (
    "{% for session in sessions_of_the_day %}- {{ session.name }}: {{ session.times }}\n"
    "{% if session.event_times_differ %}  (event time: {{ session.event_times }})\n{% endif %}"
    "{% endfor %}"
)
# Before: the event's time in parentheses without a label, repeated in the event's own zone.
SESSIONS_BEFORE = (
    "{% for session in sessions_of_the_day %}- {{ session.name }}: {{ session.times }}\n"
    "  ({{ session.event_times }})\n{% endfor %}"
)
SIGN_IN = (
    "See, change or cancel your registration with this sign-in link (it works once, for "
    "{{ valid_for }}; no password needed):\n{{ sign_in_url }}\n"
)


def _templates(sessions):
    return [
        (
            "registration-confirmed",
            "Sent when someone registers and a seat is theirs. Variables: name, event, "
            "sessions_of_the_day, time_zone, sign_in_url, valid_for, my_registration_url, "
            "code_of_conduct_url, site.",
            "You are registered for {{ event }}",
            "Hello {{ name }},\n\nYou are registered for {{ event }}. Your sessions, in your time "
            "zone ({{ time_zone }}):\n\n" + sessions + "\nThe attached calendar file holds them. "
            "Join links are on the schedule for registered attendees.\n\n" + SIGN_IN + "\n"
            "Our code of conduct: {{ code_of_conduct_url }}\n\nSee you there!",
        ),
        (
            "registration-wait-listed",
            "Sent when someone registers while every seat is taken. Variables: as "
            "registration-confirmed.",
            "You are on the wait list for {{ event }}",
            "Hello {{ name }},\n\nEvery seat of {{ event }} is taken, so you are on the wait "
            "list, first come first served. We will email you as soon as a seat is yours.\n\n"
            "The sessions you chose, in your time zone ({{ time_zone }}):\n\n"
            + sessions
            + "\n"
            + SIGN_IN,
        ),
        (
            "registration-seat-given",
            "Sent when a seat frees up and goes to someone on the wait list. Variables: as "
            "registration-confirmed.",
            "A seat is yours: you are registered for {{ event }}",
            "Hello {{ name }},\n\nA seat freed up: you are now registered for {{ event }}. Your "
            "sessions, in your time zone ({{ time_zone }}):\n\n" + sessions + "\nThe attached "
            "calendar file holds them.\n\n" + SIGN_IN,
        ),
        (
            "registration-changed",
            "Sent when someone changes their registration. Variables: as registration-confirmed.",
            "Your registration for {{ event }} was changed",
            "Hello {{ name }},\n\nYour registration for {{ event }} is changed. Your sessions, in "
            "your time zone ({{ time_zone }}):\n\n" + sessions + "\nThe attached calendar file "
            "holds them.\n\nYour registration: {{ my_registration_url }}",
        ),
        (
            "registration-cancelled",
            "Sent when a registration is cancelled. Variables: name, event, site.",
            "Your registration for {{ event }} is cancelled",
            "Hello {{ name }},\n\nYour registration for {{ event }} is cancelled. If this is a "
            "mistake, you can register again on {{ site }} while registration is open.",
        ),
        (
            "registration-sign-in-link",
            "Sent when someone asks for a link to sign in to their registration. Variables: "
            "name, event, sign_in_url, valid_for, site.",
            "Your sign-in link for {{ event }}",
            "Hello {{ name }},\n\nHere is your link to sign in to {{ site }} and see your "
            "registration for {{ event }}. It works once, for {{ valid_for }}:\n\n"
            "{{ sign_in_url }}\n\nIf you did not ask for it, ignore this email.",
        ),
        (
            "registration-announcement",
            "Sent when organizers send an announcement to registrants. Variables: name, event, "
            "subject and text (as the organizers typed them), my_registration_url.",
            "{{ event }}: {{ subject }}",
            "Hello {{ name }},\n\n{{ text }}\n\n— The {{ event }} organizers\n\n"
            "You receive this because you are registered for {{ event }}: "
            "{{ my_registration_url }}",
        ),
    ]


TEMPLATES = _templates(SESSIONS)
# Earlier default wordings, brought to today's after a migrate unless organizers edited them.
PREVIOUS_WORDINGS = {
    name: [(subject, content)]
    for name, _, subject, content in _templates(SESSIONS_BEFORE)
    if SESSIONS_BEFORE in content
}

# A value for every variable above: the admin checks and previews organizers' edits with them.
SAMPLE_CONTEXT = {
    "name": "Ada Lovelace",
    "event": "PyTorch Ecosystem Day 2021",
    "site": "example.org",
    "sessions_of_the_day": [
        {
            "name": "Morning (EMEA)",
            "times": "Wednesday, April 21, 2021, 5:00 PM – 8:00 PM (Europe/Berlin)",
            "event_times": "Wednesday, April 21, 2021, 8:00 AM – 11:00 AM (America/Los_Angeles)",
            "event_times_differ": True,
        }
    ],
    "time_zone": "Europe/Berlin",
    "sign_in_url": "https://example.org/register/sign-in/MQ:1abc:x/",
    "valid_for": "2 days",
    "my_registration_url": "https://example.org/me/registration/",
    "code_of_conduct_url": "https://example.org/code-of-conduct/",
    "subject": "The evening keynote moves to room 2",
    "text": "Dear attendees,\n\nthe evening keynote is now in room 2. The Join links on the "
    "schedule take you there.",
}
