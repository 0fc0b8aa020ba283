"""The organizers' dashboard shows the attendance: the people who joined at least one item,
and each released item with a room and how many joined it."""

from tests.sessions.helpers import at
from tests.sessions.turnout_world import join


def test_the_dashboard_counts_the_people_who_joined_and_each_items_joins(
    turnout_day, turnout_people, client, time_machine, organizer
):
    keynote = turnout_day["event"].schedule_items.get(title="Opening keynote")
    for who in ("berlin", "tokyo"):
        join(client, turnout_people[who], keynote, time_machine, at(8, 5))
    join(client, turnout_people["tokyo"], turnout_day["profiling"], time_machine, at(9, 5))
    client.force_login(organizer)

    page = client.get("/admin/dashboard/").content.decode()

    assert "<strong>2</strong> people joined at least one item." in page
    assert "<caption>Attendance per item: people who joined its room</caption>" in page
    rows = page.split("Attendance per item")[1]
    assert rows.index("Opening keynote") < rows.index("Profiling, live") < rows.index("Tensors")
    assert "</td><td>2</td></tr>" in rows
    assert "</td><td>1</td></tr>" in rows
    assert "</td><td>0</td></tr>" in rows
