"""The default wording of the reminders (sessions/reminders.py); organizers edit it in the
admin. Times are in the registrant's zone; each Join link is the item's Join route, which
checks the registration before it opens the room.
"""

SIGNATURE = "\n\n— The {{ event.name }} organizers"

TEMPLATES = [
    (
        "reminder-day-before",
        "Sent to each registrant the day before their sessions, in their zone. Variables: "
        "name, event.name, time_zone, sessions_of_the_day (name, times), items (title, "
        "times, room, item_url, join_url), schedule_url, my_registration_url, "
        "sign_in_request_url.",
        "Tomorrow: {{ event.name }}, your sessions and how to join",
        "Hello {{ name }},\n\n{{ event.name }} is tomorrow. Your sessions, in your time zone "
        "({{ time_zone }}):\n"
        "{% for session in sessions_of_the_day %}- {{ session.name }}: {{ session.times }}\n"
        "{% endfor %}\nWhat is on for you:\n"
        "{% for item in items %}- {{ item.times }}: {{ item.title }}"
        "{% if item.join_url %}\n  Join: {{ item.join_url }}{% endif %}\n{% endfor %}\n"
        "Join links take you into the room once you are signed in; a sign-in link, no "
        "password needed: {{ sign_in_request_url }}\n\n"
        "The whole schedule: {{ schedule_url }}\n"
        "Change or cancel your registration: {{ my_registration_url }}" + SIGNATURE,
    ),
    (
        "reminder-before-item",
        "Sent a few minutes before each item a registrant starred, if they asked for it on "
        "their agenda. Variables: name, event.name, time_zone, minutes, item (title, times, "
        "room, item_url, join_url), agenda_url.",
        "In {{ minutes }} minutes: {{ item.title }}",
        "Hello {{ name }},\n\n“{{ item.title }}” starts in {{ minutes }} minutes: "
        "{{ item.times }} ({{ time_zone }}){% if item.room %}, {{ item.room }}{% endif %}.\n\n"
        "{% if item.join_url %}Join: {{ item.join_url }}\n{% endif %}"
        "Its page: {{ item.item_url }}\n\n"
        "You asked for these reminders on your agenda; turn them off there: "
        "{{ agenda_url }}" + SIGNATURE,
    ),
]

_ITEM = {
    "title": "Profiling, live",
    "times": "Wednesday, April 21, 6:00 PM – 6:40 PM CEST",
    "room": "Breakout room 1",
    "item_url": "https://example.org/schedule/7/",
    "join_url": "https://example.org/schedule/7/join",
}

SAMPLE_CONTEXT = {
    "time_zone": "Asia/Tokyo",
    "minutes": 10,
    "item": _ITEM,
    "items": [_ITEM],
    "sessions_of_the_day": [
        {
            "name": "Morning (EMEA)",
            "times": "Thursday, April 22, 2021, 12:00 AM – 3:00 AM (Asia/Tokyo)",
        }
    ],
    "agenda_url": "https://example.org/schedule/mine/",
    "my_registration_url": "https://example.org/me/registration/",
    "sign_in_request_url": "https://example.org/register/sign-in/",
}
