from django.apps import AppConfig

SCHEDULE_MODELS = ("room", "speaker", "scheduleitem")


class BreakoutsConfig(AppConfig):
    """Breakouts, rooms, speakers and the schedule.

    Django's own django.contrib.sessions owns the label "sessions", so ours is "breakouts".
    """

    name = "sessions"
    label = "breakouts"
    verbose_name = "Breakouts and schedule"
    desk_position = 20  # after Posters in the organizers' desk (ecosystem_day/event/admin_site.py)
    role_permissions = {
        "Reviewers": [
            "breakouts.view_breakoutproposal",
            "breakouts.view_breakoutreview",
            "breakouts.add_breakoutreview",
            "breakouts.change_breakoutreview",
            "breakouts.view_breakoutstatuschange",
            "breakouts.view_slotchange",
            "breakouts.view_schedulerelease",
            "breakouts.view_breakoutsettings",  # shown on the edition's page, as the event is
            "breakouts.view_breakoutwindow",  # shown on the session of the day's page
            *(f"breakouts.view_{model}" for model in SCHEDULE_MODELS),
        ],
        "Organizers": [
            "breakouts.view_breakoutproposal",
            "breakouts.change_breakoutproposal",
            "breakouts.decide_breakoutproposal",
            "breakouts.view_breakoutreview",
            "breakouts.add_breakoutreview",
            "breakouts.change_breakoutreview",
            "breakouts.delete_breakoutreview",
            "breakouts.view_breakoutstatuschange",
            "breakouts.view_slotchange",
            "breakouts.view_schedulerelease",
            "breakouts.add_schedulerelease",
            "breakouts.view_attendance",  # names attendees: organizers only
            # The breakout settings, edited on their edition's page (added with a new edition).
            "breakouts.view_breakoutsettings",
            "breakouts.add_breakoutsettings",
            "breakouts.change_breakoutsettings",
            # The breakout windows, edited on their session of the day's page.
            "breakouts.view_breakoutwindow",
            "breakouts.add_breakoutwindow",
            "breakouts.change_breakoutwindow",
            *(
                f"breakouts.{action}_{model}"
                for model in SCHEDULE_MODELS
                for action in ("add", "change", "delete", "view")
            ),
        ],
    }

    def ready(self):
        from ecosystem_day.event.edition_parts import register_edition_part
        from ecosystem_day.event.signals import dashboard_parts, desk_work
        from ecosystem_day.infra.mail import register_templates
        from ecosystem_day.infra.text import clean_text_on_save

        from . import desk, emails, receivers, reminder_emails  # noqa: F401  (receivers connect)

        register_templates(self, emails, reminder_emails)
        desk_work.connect(desk.desk_work, dispatch_uid="breakouts.desk_work")
        dashboard_parts.connect(desk.dashboard_parts, dispatch_uid="breakouts.dashboard_parts")
        clean_text_on_save(self)
        register_edition_part("breakout_settings")  # loaded with the edition
