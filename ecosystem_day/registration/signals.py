"""What the registration app tells the apps above it.

`registration_changed` is sent from inside every transition of a registration (registered,
changed, given a seat, cancelled, its data deleted, its reminders turned on or off), with the
registration's row locked: Sessions' receiver plans that person's reminders of the schedule
(sessions/reminders.py) in the same transaction.
"""

from django.dispatch import Signal

registration_changed = Signal()  # sender: Registration class; registration=
