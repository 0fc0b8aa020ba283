"""Organizers edit the wording of every email; what they write is checked when it is saved.

Templates render in a sandbox with plain values: no password hash, no other object, no
{% load %}, {% include %} or {% debug %}; one that would fail is refused at once, so no
decision ever fails on it later.
"""

import pytest
from post_office.models import EmailTemplate

from posters.services import change_poster_status
from tests.factories import PosterProposalFactory

URL = "/admin/post_office/emailtemplate/{}/change/"


@pytest.fixture
def organizer_client(client, organizer):
    client.force_login(organizer)
    return client


def save(client, name, **fields):
    template = EmailTemplate.objects.get(name=name)
    data = {"subject": template.subject, "content": template.content, **fields}
    return client.post(URL.format(template.pk), data)


@pytest.mark.parametrize(
    "content, error",
    [
        ("Hello {{ name|no_such_filter }}", "This template has an error"),
        ("{% if note %}Unclosed", "This template has an error"),
        ("{% load log %}{% get_admin_log 10 as log %}", "This template has an error"),
        ('{% include "registration/login.html" %}', "This template cannot be rendered"),
        ('{% extends "base.html" %}', "This template cannot be rendered"),
        ("{% debug %}", "{% debug %} is not available in email templates."),
    ],
)
def test_a_template_that_would_fail_or_reach_outside_is_refused_when_saved(
    organizer_client, content, error
):
    before = EmailTemplate.objects.get(name="poster-accepted").content

    response = save(organizer_client, "poster-accepted", content=content)

    assert response.status_code == 200
    [message] = response.context["adminform"].form.errors["content"]
    assert message.startswith(error)
    assert EmailTemplate.objects.get(name="poster-accepted").content == before


def test_a_valid_edit_is_saved_and_used_by_the_next_decision(
    organizer_client, organizer, event, queued_mail
):
    response = save(organizer_client, "poster-accepted", subject="In! {{ proposal.title }}")
    assert response.status_code == 302

    change_poster_status(
        PosterProposalFactory(event=event, title="Edited"), "accepted", by=organizer
    )

    assert [message.subject for message in queued_mail] == ["In! Edited"]


def test_a_template_cannot_show_the_submitters_password_hash(organizer, event, queued_mail):
    EmailTemplate.objects.filter(name="poster-accepted").update(
        content="[{{ proposal.submitter.password }}][{{ proposal.submitter }}][{{ name.password }}]"
    )
    poster = PosterProposalFactory(event=event)

    change_poster_status(poster, "accepted", by=organizer)

    [message] = queued_mail
    assert message.body == "[][][]"


def test_organizers_cannot_add_or_delete_templates(organizer_client):
    template = EmailTemplate.objects.get(name="poster-accepted")

    assert organizer_client.get("/admin/post_office/emailtemplate/add/").status_code == 403
    delete = f"/admin/post_office/emailtemplate/{template.pk}/delete/"
    assert organizer_client.post(delete, {"post": "yes"}).status_code == 403
    assert EmailTemplate.objects.filter(pk=template.pk).exists()


def test_the_change_page_previews_the_email_with_sample_values(organizer_client):
    template = EmailTemplate.objects.get(name="poster-accepted")

    page = organizer_client.get(URL.format(template.pk)).content.decode()

    assert "Your poster was accepted: A sample proposal" in page
