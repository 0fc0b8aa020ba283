"""What the event's admin site asks the apps above it. It never knows who answers.

desk_work: sent while the admin index is built, with `request` and `event` (the current
    one). Each receiver returns a list of `WorkItem`s the user may act on: the index shows
    them first, in the order the apps answer.

dashboard_parts: sent while the organizers' dashboard is built, with `request` and
    `event`. Each receiver returns a `DashboardPart`: rows for the table of proposals by
    kind and status, and HTML sections (charts and tables) shown below it.
"""

from dataclasses import dataclass, field

from django.dispatch import Signal

desk_work = Signal()
dashboard_parts = Signal()


@dataclass(frozen=True)
class WorkItem:
    label: str
    count: int
    url: str
    hint: str = ""


@dataclass
class DashboardPart:
    proposal_rows: list = field(default_factory=list)  # ProposalRow
    sections: list = field(default_factory=list)  # HTML, each a <section>


@dataclass(frozen=True)
class ProposalRow:
    kind: str  # "Posters"
    statuses: list  # (value, label, count) for every status, in the app's order
    url: str

    @property
    def counts(self):
        return {value: count for value, _label, count in self.statuses}


def collect(signal, **kwargs):
    """The receivers' answers, in the order they answer, None answers dropped."""
    return [answer for _receiver, answer in signal.send(sender=None, **kwargs) if answer]
