"""A double click, or two tabs, sending the same create at the same moment: one is saved and
the other gets the form's own message, never a server error.

The form's check passes for both; PostgreSQL's constraint refuses the second, and
`ecosystem_day.infra.constraints.refused_by_constraints` turns that into the form error.
"""

import pytest
from django.test import Client

from ecosystem_day.accounts.models import User
from posters.models import Review
from tests.factories import EventFactory, PosterProposalFactory, TopicFactory, UserFactory
from tests.races import run_together

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_reviews_of_one_proposal_by_one_reviewer_at_once_save_one_and_say_why():
    event = EventFactory()
    reviewer = UserFactory(groups=["Reviewers"])
    for _ in range(15):
        proposal = PosterProposalFactory(event=event, topic=TopicFactory(event=event))
        clients = [Client(), Client()]
        for client in clients:
            client.force_login(reviewer)
        form = {"proposal": proposal.pk, "score": 4, "comment": "Strong."}

        answers = run_together(
            *[lambda c=c, f=form: c.post("/admin/posters/review/add/", f) for c in clients]
        )

        assert sorted(answer.status_code for answer in answers) == [200, 302]
        [refused] = [answer for answer in answers if answer.status_code == 200]
        errors = refused.context["adminform"].form.non_field_errors()
        assert errors == ["You have already reviewed this proposal: edit your review instead."]
        assert Review.objects.filter(proposal=proposal, reviewer=reviewer).count() == 1


def test_two_sign_ups_with_one_email_at_once_create_one_account_and_say_why(settings):
    settings.SIGNUP_RATE = "1000/h"
    for n in range(10):
        form = {
            "name": "Twice Clicked",
            "email": f"twice{n}@example.org",
            "password1": "a-long-password-42",
            "password2": "a-long-password-42",
        }

        answers = run_together(
            lambda f=form: Client().post("/accounts/signup/", f),
            lambda f=form: Client().post("/accounts/signup/", {**f, "email": f["email"].upper()}),
        )

        assert sorted(answer.status_code for answer in answers) == [200, 302]
        [refused] = [answer for answer in answers if answer.status_code == 200]
        assert refused.context["form"].errors["email"] == [
            "An account with this email already exists. Log in, or reset its password."
        ]
        assert User.objects.filter(email__iexact=form["email"]).count() == 1
