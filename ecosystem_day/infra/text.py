"""User text is data: what no file format we write can carry is removed where text is saved.

`clean_text` drops the C0 control characters (tab and line feed aside), DEL, and the two
non-characters XML 1.0 forbids, and turns CRLF and a lone CR into LF (a lone CR made the
calendar unreadable, ESC made the frab XML ill-formed). Every model of our apps runs it on
save over each of its text fields (`clean_text_on_save` in each app's `ready()`), so forms,
the admin, the importer and commands all store clean text. Paths that skip save()
(bulk_create, update) call `clean_text` themselves, and the feeds still write defensively.
"""

import re

from django.db import models
from django.db.models.signals import pre_save

# What goes: C0 controls but tab, line feed and carriage return (which becomes a line feed),
# DEL, lone surrogates and U+FFFE/U+FFFF. NEEDS_CLEANING adds the carriage return.
UNCARRIED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
NEEDS_CLEANING = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
LINE_BREAK = re.compile("\r\n?")
# The labels of the apps whose models are cleaned on save (each app adds itself).
CLEANED_APPS = set()


def clean_text(value, *, multiline=True):
    """`value` without control characters (tab aside), its line breaks LF; in a one-line
    field (`multiline=False`) each line break becomes a space. Anything not a str is kept."""
    if not isinstance(value, str):
        return value
    if NEEDS_CLEANING.search(value):
        value = UNCARRIED.sub("", LINE_BREAK.sub("\n", value))
    if not multiline and "\n" in value:
        value = value.replace("\n", " ")
    return value


def text_fields(model):
    """[(attname, multiline)] for the model's concrete text fields (CharField and its kinds
    such as URLField, EmailField, SlugField; a TextField holds several lines)."""
    return [
        (field.attname, isinstance(field, models.TextField))
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    ]


def clean_text_fields(sender, instance, update_fields=None, **kwargs):
    """pre_save: clean the text fields about to be written of a model of a cleaned app."""
    if sender._meta.concrete_model._meta.app_label not in CLEANED_APPS:
        return
    deferred = instance.get_deferred_fields()
    for attname, multiline in text_fields(sender):
        if attname in deferred or (update_fields is not None and attname not in update_fields):
            continue
        value = getattr(instance, attname)
        cleaned = clean_text(value, multiline=multiline)
        if cleaned is not value:
            setattr(instance, attname, cleaned)


def clean_text_on_save(app_config):
    """Clean every text field of every model of `app_config` (proxies too) before each save."""
    CLEANED_APPS.add(app_config.label)
    pre_save.connect(clean_text_fields, dispatch_uid="ecosystem_day.clean_text_fields")
