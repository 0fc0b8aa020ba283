"""A person: submitter, reviewer or organizer. They sign in with their email."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from ecosystem_day.infra.timezones import parse_time_zone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **fields)

    def get_by_natural_key(self, username):
        """Log-in and password reset find the same person whatever the case of the email."""
        return self.get(email__iexact=username)


def validate_time_zone(value):
    if value and parse_time_zone(value) is None:
        raise ValidationError(f"“{value}” is not an IANA time zone name, such as Asia/Tokyo.")


ACCOUNT_EXISTS = "An account with this email already exists. Log in, or reset its password."


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(
        "email address", unique=True, error_messages={"unique": ACCOUNT_EXISTS}
    )
    name = models.CharField(max_length=150, help_text="As it should appear on the programme.")
    is_staff = models.BooleanField(
        default=False, help_text="Can sign in to the organizers' panel (the admin)."
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    email_verified_at = models.DateTimeField(
        "email verified",
        null=True,
        blank=True,
        editable=False,
        help_text="When they followed the link sent to this address; empty until they do, "
        "and again after the address changes.",
    )
    # The public profile, shown beside their items on the speakers page.
    affiliation = models.CharField(max_length=150, blank=True)
    bio = models.TextField(blank=True)
    photo = models.FileField(upload_to="people/", blank=True, editable=False)
    photo_thumbnail = models.FileField(upload_to="people/thumbnails/", blank=True, editable=False)
    # Private: the times in their emails are written in it (empty: the event's zone).
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text="IANA name, such as Asia/Tokyo; empty for the event's zone.",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ignoring_case",
                violation_error_message=ACCOUNT_EXISTS,
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>" if self.name else self.email

    def get_full_name(self):
        return self.name

    @property
    def has_verified_email(self):
        """Whether the address was proven theirs: what claiming a poster by its email needs."""
        return self.email_verified_at is not None

    @property
    def tz(self):
        """Their chosen zone, or None: emails then use the event's."""
        return parse_time_zone(self.time_zone)

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email
