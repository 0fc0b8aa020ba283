"""A registration's statuses, apart from the models so every module of the app can name them."""

from django.db import models


class Status(models.TextChoices):
    REGISTERED = "registered", "Registered"
    WAIT_LISTED = "wait_listed", "On the wait list"
    CANCELLED = "cancelled", "Cancelled"


ACTIVE_STATES = (Status.REGISTERED, Status.WAIT_LISTED)
