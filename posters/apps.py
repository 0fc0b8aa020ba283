from django.apps import AppConfig


class PostersConfig(AppConfig):
    """Poster proposals, reviews, decisions and the catalogue."""

    name = "posters"
    verbose_name = "Posters"
    desk_position = 10  # first in the organizers' desk (ecosystem_day/event/admin_site.py)
    role_permissions = {
        "Reviewers": [
            "posters.view_posterproposal",
            "posters.view_review",
            "posters.add_review",
            "posters.change_review",
            "posters.view_statuschange",
            "posters.view_callforposters",  # shown on the edition's page, as the event is
        ],
        "Organizers": [
            "posters.view_posterproposal",
            "posters.change_posterproposal",
            "posters.decide_posterproposal",
            "posters.view_review",
            "posters.add_review",
            "posters.change_review",
            "posters.delete_review",
            "posters.view_statuschange",
            "posters.view_posteredit",  # claims name the presenter's email: organizers only
            "posters.view_reviewsettings",
            "posters.add_reviewsettings",
            "posters.change_reviewsettings",
            "posters.view_reviewcriterion",
            "posters.add_reviewcriterion",
            "posters.change_reviewcriterion",
            "posters.delete_reviewcriterion",
            "posters.view_copresenter",  # their emails too
            # The call, edited on its edition's page (added with a new edition, never deleted).
            "posters.view_callforposters",
            "posters.add_callforposters",
            "posters.change_callforposters",
        ],
    }

    def ready(self):
        from ecosystem_day.event.edition_parts import register_edition_part
        from ecosystem_day.event.editions import edition_started
        from ecosystem_day.event.signals import dashboard_parts, desk_work, home_sections
        from ecosystem_day.infra.mail import register_secret_links, register_templates
        from ecosystem_day.infra.text import clean_text_on_save

        from . import call, desk, emails, home

        register_templates(self, emails)
        desk_work.connect(desk.desk_work, dispatch_uid="posters.desk_work")
        dashboard_parts.connect(desk.dashboard_parts, dispatch_uid="posters.dashboard_parts")
        home_sections.connect(home.home_sections, dispatch_uid="posters.home_sections")
        register_secret_links("poster_claim")  # an invitation: whoever follows it may claim
        register_secret_links("copresenter_join")  # only for its address, yet kept private
        clean_text_on_save(self)
        # The call is the posters' settings of an edition, loaded with it; the home page
        # leads with it while it is open; the next edition starts with a copy of it.
        register_edition_part("call_for_posters", leads_the_home_page=True)
        edition_started.connect(call.carry_over, dispatch_uid="posters.carry_over_the_call")
