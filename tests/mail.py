"""Reading the mail queue as the worker will send it."""

from collections.abc import Sequence
from typing import NamedTuple

from post_office.models import Email


class Message(NamedTuple):
    subject: str
    body: str
    to: list


class QueuedMail(Sequence):
    """A live view of post_office's queue: each read sees the rows as they are now."""

    def _messages(self):
        return [
            Message(email.subject, email.message, email.to)
            for email in Email.objects.order_by("pk")
        ]

    def __getitem__(self, index):
        return self._messages()[index]

    def __len__(self):
        return Email.objects.count()

    def __eq__(self, other):
        return list(self) == list(other)

    def __repr__(self):
        return repr(self._messages())


def subjects(mail):
    return [message.subject for message in mail]
