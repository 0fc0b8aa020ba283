from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from post_office.models import EmailTemplate

from .admin_times import EventTimesAdmin
from .mail import SAMPLE_CONTEXT, check_template, render
from .models import Event, Topic, Track


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 1


@admin.register(Event)
class EventAdmin(EventTimesAdmin):
    list_display = ["name", "date", "time_zone", "cfp_deadline", "is_current"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TopicInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "date", "time_zone", "is_current"]}),
        ("Texts", {"fields": ["tagline", "description", "call_for_posters"]}),
        ("Deadlines", {"fields": ["cfp_deadline", "breakout_deadline", "breakout_minutes"]}),
        ("Proposals", {"fields": ["summary_min_length", "summary_max_length", "reviews_wanted"]}),
    ]


@admin.register(Track)
class TrackAdmin(EventTimesAdmin):
    list_display = ["name", "event", "breakouts_start_at", "breakouts_end_at", "position"]
    list_filter = ["event"]
    prepopulated_fields = {"slug": ["name"]}


class EmailTemplateForm(forms.ModelForm):
    """Organizers' wording, refused when saved if it would not compile or render."""

    class Meta:
        model = EmailTemplate
        fields = ["subject", "content"]
        widgets = {"content": forms.Textarea(attrs={"rows": 16, "cols": 80})}

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        check_template(subject)
        return subject

    def clean_content(self):
        content = self.cleaned_data["content"]
        check_template(content)
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
            subject = render(template.subject, SAMPLE_CONTEXT)
            body = render(template.content, SAMPLE_CONTEXT)
        except ValidationError as error:
            return " ".join(error.messages)
        return format_html('<pre class="email-preview">{}\n\n{}</pre>', subject, body)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
