import re

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.text import slugify
from post_office import admin as post_office_admin  # noqa: F401  (registers before we replace)
from post_office.models import EmailTemplate

from .admin_refusals import RefusalsAsFormErrors
from .admin_times import EventTimesAdmin
from .breakout_times import change_breakout_length, change_track_window
from .editions import NextEdition, start_next_edition
from .mail import check_template
from .mail import preview as email_preview
from .mail.sandbox import ALLOWED_FILTERS, ALLOWED_TAGS
from .models import Event, Topic, Track


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 1


@admin.register(Event)
class EventAdmin(RefusalsAsFormErrors, EventTimesAdmin):
    list_display = ["name", "date", "time_zone", "cfp_deadline", "is_current"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TopicInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "date", "time_zone", "is_current"]}),
        ("Texts", {"fields": ["tagline", "description", "call_for_posters"]}),
        ("Deadlines", {"fields": ["cfp_deadline", "breakout_deadline", "breakout_minutes"]}),
        ("Proposals", {"fields": ["summary_min_length", "summary_max_length", "reviews_wanted"]}),
    ]

    def save_model(self, request, obj, form, change):
        """A new breakout length goes through its transition: the scheduled breakouts follow
        it, or it is refused naming those it would break (shown on the form)."""
        if change and "breakout_minutes" in form.changed_data:
            change_breakout_length(obj, minutes=obj.breakout_minutes, by=request.user)
        else:
            super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path(
                "<int:pk>/next-edition/",
                self.admin_site.admin_view(self.next_edition_view),
                name="ecosystem_day_event_next_edition",
            ),
            *super().get_urls(),
        ]

    def next_edition_view(self, request, pk):
        """Start the next edition from this one: its texts, topics, sessions and rooms, with
        every date moved to the new day."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        previous = get_object_or_404(Event, pk=pk)
        form = NextEditionForm(request.POST or None, initial=NextEditionForm.after(previous))
        if request.method == "POST" and form.is_valid():
            try:
                edition = start_next_edition(
                    previous, NextEdition(**form.cleaned_data), by=request.user
                )
            except ValidationError as refusal:
                form.add_error(None, refusal)
            else:
                days = (edition.date - previous.date).days
                self.message_user(
                    request,
                    f"“{edition.name}” starts from “{previous.name}”, every date moved by {days} "
                    "days. It is not current yet: tick “is current” when its pages should lead.",
                    messages.SUCCESS,
                )
                return redirect("admin:ecosystem_day_event_change", edition.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Start the next edition after “{previous.name}”",
            "previous": previous,
            "form": form,
        }
        return TemplateResponse(request, "admin/ecosystem_day/event/next_edition.html", context)


class NextEditionForm(forms.Form):
    name = forms.CharField(max_length=200)
    slug = forms.SlugField(help_text="The new edition's address, and its past pages' later on.")
    date = forms.DateField(
        help_text="The new day. Deadlines and the sessions' times move by as many days.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    @staticmethod
    def after(previous):
        """Next year's edition, as a suggestion: the year in the name and address moves on."""

        def next_year(text):
            return re.sub(r"(19|20)\d\d", lambda m: str(int(m.group()) + 1), text)

        try:
            date = previous.date.replace(year=previous.date.year + 1)
        except ValueError:  # February 29
            date = previous.date.replace(year=previous.date.year + 1, day=28)
        name = next_year(previous.name)
        return {"name": name, "slug": slugify(next_year(previous.slug)), "date": date}


@admin.register(Track)
class TrackAdmin(RefusalsAsFormErrors, EventTimesAdmin):
    list_display = ["name", "event", "breakouts_start_at", "breakouts_end_at", "position"]
    list_filter = ["event"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        """A new breakout window goes through its transition: refused, naming them, if it
        would leave scheduled breakouts outside (shown on the form)."""
        if change and {"breakouts_start_at", "breakouts_end_at"} & set(form.changed_data):
            window = {"starts_at": obj.breakouts_start_at, "ends_at": obj.breakouts_end_at}
            change_track_window(obj, **window, by=request.user)
        else:
            super().save_model(request, obj, form, change)


class EmailTemplateForm(forms.ModelForm):
    """Organizers' wording, refused when saved if it would not compile, reaches outside the
    sandbox's tags and filters, or would outgrow its budget with long values."""

    class Meta:
        model = EmailTemplate
        fields = ["subject", "content"]
        widgets = {"content": forms.Textarea(attrs={"rows": 16, "cols": 80})}
        help_texts = {
            "content": "Plain text. Tags: "
            + ", ".join(f"{{% {tag} %}}" for tag in ALLOWED_TAGS)
            + ". Filters: "
            + ", ".join(ALLOWED_FILTERS)
            + "."
        }

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        check_template(subject, self.instance.name, subject=True)
        return subject

    def clean_content(self):
        content = self.cleaned_data["content"]
        check_template(content, self.instance.name)
        return content


admin.site.unregister(EmailTemplate)


@admin.register(EmailTemplate)
class EmailTemplateAdmin(admin.ModelAdmin):
    """The wording of every email; organizers change it, nobody adds or deletes one."""

    form = EmailTemplateForm
    list_display = ["name", "subject", "description"]
    search_fields = ["name", "subject", "content"]
    fields = ["name", "description", "subject", "content", "preview"]
    readonly_fields = ["name", "description", "preview"]

    @admin.display(description="preview with sample values")
    def preview(self, template):
        try:
            subject, body = email_preview(template)
        except ValidationError as error:
            return " ".join(error.messages)
        return format_html('<pre class="email-preview">{}\n\n{}</pre>', subject, body)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
