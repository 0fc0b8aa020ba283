"""How Sessions reacts to Posters: each receiver only calls Sessions' own code."""

from django.dispatch import receiver

from ecosystem_day.event.editions import carried_links, edition_started
from ecosystem_day.event.signals import home_sections
from ecosystem_day.registration.signals import registration_changed
from posters.signals import poster_page_sections, poster_status_changed, proposal_email_values

from . import editions, emails, home, reminders, services
from .views import poster_sections


@receiver(poster_status_changed, dispatch_uid="sessions.withdraw_breakouts_of")
def withdraw_breakouts_of_a_poster_no_longer_accepted(sender, poster, by, **kwargs):
    services.withdraw_breakouts_of(poster, by=by)


@receiver(poster_page_sections, dispatch_uid="sessions.poster_breakouts")
def breakouts_on_poster_pages(sender, poster, request, audience, **kwargs):
    return poster_sections.breakouts(poster, request, audience)


@receiver(edition_started, dispatch_uid="sessions.carry_over_the_programme")
def carry_the_rooms_and_programme_blocks_over(sender, edition, previous, move, **kwargs):
    editions.carry_over(previous, edition, move, kwargs.get("links"))


@receiver(carried_links, dispatch_uid="sessions.room_links")
def the_rooms_links_are_asked_for_anew(sender, previous, **kwargs):
    return editions.room_links(previous)


@receiver(home_sections, dispatch_uid="sessions.home_sections")
def programme_on_the_home_page(sender, event, request, stage, now, **kwargs):
    return home.home_sections(event, request, stage, now)


@receiver(registration_changed, dispatch_uid="sessions.plan_reminders")
def reminders_follow_the_registration(sender, registration, **kwargs):
    reminders.plan(registration)


@receiver(proposal_email_values, dispatch_uid="sessions.breakouts_in_emails")
def the_breakouts_length_and_deadline_in_emails(sender, proposal, **kwargs):
    return emails.breakout_values(proposal)
