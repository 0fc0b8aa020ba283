"""In Chromium, the strict policy blocks nothing our pages need: no violation on any page."""

import pytest

from tests.factories import ScheduledBreakoutFactory, UserFactory
from tests.sessions.helpers import released

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_page_breaks_the_content_security_policy(page, live_server, event):
    item = ScheduledBreakoutFactory(event=event)
    released(event)
    organizer = UserFactory(groups=["Organizers"], email="olivia@example.org")
    page.add_init_script(RECORD_VIOLATIONS)
    public = ["/", "/schedule/", f"/schedule/{item.pk}/", "/posters/", "/speakers/"]
    public += [f"/posters/{item.breakout.poster_id}/", "/accounts/login/", "/accounts/signup/"]
    admin = ["/admin/", "/admin/posters/posterproposal/", "/admin/breakouts/scheduleitem/add/"]
    admin += [f"/admin/breakouts/scheduleitem/{item.pk}/change/"]
    admin += ["/admin/breakouts/scheduleitem/editor/"]  # its drag and drop script too
    violations = {}

    for path in public:
        page.goto(live_server.url + path)
        violations[path] = page.evaluate("window.__violations")
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(organizer.email)
    page.get_by_label("Password").fill("a-long-test-password-42")
    page.get_by_role("button", name="Log in").click()
    for path in admin:
        page.goto(live_server.url + path)
        violations[path] = page.evaluate("window.__violations")

    assert {path: found for path, found in violations.items() if found} == {}
