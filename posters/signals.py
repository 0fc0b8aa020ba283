"""What Posters tells the apps above it. Posters never knows who listens.

poster_status_changed: sent inside the transaction of a poster's status change, with its
    row still locked: `poster` (in its new status), `from_status`, `by`. A receiver that
    locks rows of its own locks them after the poster's, which is the house's one lock order.

proposal_email_values: sent while the values an email about `proposal` may show are built;
    each receiver returns a dict of the values its app adds (what the app above decides for
    the edition, such as the breakouts' length and deadline), its "event" values merged into
    the proposal's "event".

poster_page_sections: sent while a poster's page is built, with `poster`, `request` and
    `audience` ("public" or "owner"); each receiver returns an HTML fragment (or "") that
    the page shows below the poster.
"""

from django.dispatch import Signal

poster_status_changed = Signal()
poster_page_sections = Signal()
proposal_email_values = Signal()


def email_values(proposal, context):
    """`context` with the values the apps above add for `proposal`'s emails."""
    for _receiver, values in proposal_email_values.send(sender=type(proposal), proposal=proposal):
        values = dict(values or {})
        context["event"] = {**context["event"], **values.pop("event", {})}
        context.update(values)
    return context


def page_sections(poster, request, audience):
    """The fragments the apps above add to a poster's page, in the order they answer."""
    return [
        fragment
        for _receiver, fragment in poster_page_sections.send(
            sender=type(poster), poster=poster, request=request, audience=audience
        )
        if fragment
    ]
