from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    """Attendees registering for an edition and its sessions of the day."""

    name = "ecosystem_day.registration"
    label = "registration"
    verbose_name = "Registration"
    # Attendees' personal data: organizers only, never reviewers.
    role_permissions = {
        "Organizers": [
            "registration.view_registration",
            "registration.change_registration",
            "registration.view_registrationchange",
            "registration.view_reminder",
            *(
                f"registration.{action}_{model}"
                for model in ("registrationsettings", "question", "announcement")
                for action in ("add", "change", "delete", "view")
            ),
        ],
    }

    def ready(self):
        from ecosystem_day.event.signals import dashboard_parts, home_sections
        from ecosystem_day.infra.mail import register_secret_links, register_templates
        from ecosystem_day.infra.text import clean_text_on_save

        from . import desk, emails, home, links

        register_templates(self, emails)
        dashboard_parts.connect(desk.dashboard_parts, dispatch_uid="registration.dashboard_parts")
        home_sections.connect(home.home_sections, dispatch_uid="registration.home_sections")
        register_secret_links(links.SIGN_IN.url_name)  # it signs whoever follows it in
        clean_text_on_save(self)
