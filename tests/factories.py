"""Factories for the data tests need; defaults describe an edition whose call is open."""

from datetime import timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from ecosystem_day.models import Event, Topic, User
from posters.models import PosterProposal, Review

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(user, create, names, **kwargs):
        if create and names:
            user.is_staff = True
            user.groups.add(*[Group.objects.get(name=name) for name in names])
        if create:
            user.save()


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        django_get_or_create = ["slug"]

    name = "PyTorch Ecosystem Day 2021"
    slug = factory.Sequence(lambda n: f"ecosystem-day-{n}")
    date = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=30)).date())
    time_zone = "America/Los_Angeles"
    call_for_posters = (
        "The focus must be on academic papers, machine learning research, or "
        "open-source projects. Please no sales pitches."
    )
    cfp_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    is_current = True


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Topic {n}")


class PosterProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PosterProposal

    event = factory.SubFactory(EventFactory)
    submitter = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"A PyTorch library for reproducible research #{n}")
    summary = "A library that helps PyTorch researchers run reproducible experiments. " * 5
    authors = "Ada Lovelace\nAlan Turing"
    topic = factory.SubFactory(TopicFactory, event=factory.SelfAttribute("..event"))
    link = "https://github.com/example/project"
    status = PosterProposal.Status.SUBMITTED


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    proposal = factory.SubFactory(PosterProposalFactory)
    reviewer = factory.SubFactory(UserFactory, groups=["Reviewers"])
    score = 4
    comment = "Clear and useful."
