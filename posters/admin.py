"""The organizers' review queue for posters, with what an imported catalogue needs."""

import io
import re

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.validators import validate_email
from django.http import HttpResponse
from django.utils.html import format_html, format_html_join

from ecosystem_day.event.admin_editions import EditionFilter, edition_choices_filter

from . import admin_call, catalogue_file, invitations, services  # noqa: F401  (admin_call registers)
from .admin_assignments import AssignmentInlineBase
from .admin_base import ProposalAdmin, StatusChangeInlineBase
from .admin_reviews import ReviewAdminBase
from .authorship import author_rows
from .catalogue_entry import entries_of
from .models import (
    ACCEPTED_STATES,
    AUTHOR_NAME_MAX,
    AUTHORS_MAX,
    PosterEdit,
    PosterProposal,
    Review,
    ReviewAssignment,
    StatusChange,
    normalise_board_code,
)


class StatusChangeInline(StatusChangeInlineBase):
    model = StatusChange


class ReviewAssignmentInline(AssignmentInlineBase):
    model = ReviewAssignment


class PosterEditInline(StatusChangeInlineBase):
    """The edit log (claims, authors' edits, imports' updates), read-only like the history."""

    model = PosterEdit
    verbose_name_plural = "Edits"
    fields = ["edited_at", "edited_by", "kind", "changed", "note"]
    readonly_fields = fields


AUTHOR_LINE = re.compile(r"^(?P<name>.*?)\s*<(?P<email>[^<>]*)>$")
AUTHORS_HELP = (  # the admin shows help as HTML
    "One name a line, in the order they should appear. An email in angle brackets invites "
    "that author as a co-presenter (“Ada Lovelace &lt;ada@example.org&gt;”); taking it away "
    "ends their access."
)


def parse_author_lines(text):
    """(name, email) of each line of the admin's authors field, "" when it has no email."""
    rows = []
    for line in text.splitlines():
        match = AUTHOR_LINE.match(line.strip())
        name, email = (match["name"], match["email"].strip()) if match else (line, "")
        name = " ".join(name.split())
        if not name and email:
            raise forms.ValidationError(f"Give a name before <{email}>.")
        if email:
            try:
                validate_email(email)
            except forms.ValidationError as error:
                raise forms.ValidationError(f"<{email}> is not an email address.") from error
        if name:
            rows.append((name, email))
    return rows


class ClaimedFilter(admin.SimpleListFilter):
    title = "presenter's account"
    parameter_name = "claimed"

    def lookups(self, request, model_admin):
        return [("no", "Not claimed yet (imported)"), ("yes", "Claimed or submitted")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(submitter__isnull=self.value() == "no")
        return queryset


class PosterAdminForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "authors" in self.fields:
            self.fields["authors"].help_text = AUTHORS_HELP
            if self.instance.pk:
                self.initial["authors"] = "\n".join(
                    f"{name} <{email}>" if email else name
                    for name, email, _ in author_rows(self.instance)
                )

    def clean_authors(self):
        """Names in order, as the poster keeps them; the co-presenters' emails aside."""
        rows = parse_author_lines(self.cleaned_data["authors"])
        if not rows:
            raise forms.ValidationError("Name at least one author.")
        if len(rows) > AUTHORS_MAX:
            raise forms.ValidationError(f"Name at most {AUTHORS_MAX} authors.")
        if any(len(name) > AUTHOR_NAME_MAX for name, _ in rows):
            raise forms.ValidationError(f"Each name can be at most {AUTHOR_NAME_MAX} characters.")
        emails = [email.casefold() for _, email in rows if email]
        if len(set(emails)) < len(emails):
            raise forms.ValidationError("Give each co-presenter's email once.")
        submitter = self.instance.submitter if self.instance.submitter_id else None
        if submitter and submitter.email.casefold() in emails:
            raise forms.ValidationError(
                f"{submitter.email} is the submitter's: they present the poster already."
            )
        self.copresenter_rows = [(name, email) for name, email in rows if email]
        return "\n".join(name for name, _ in rows)

    def clean_board_code(self):
        """Said on the field, before the database's constraint would refuse it."""
        code = normalise_board_code(self.cleaned_data["board_code"])
        other = (
            PosterProposal.objects.filter(event_id=self.instance.event_id, board_code=code)
            .exclude(pk=self.instance.pk)
            .first()
            if code
            else None
        )
        if other is not None:
            raise forms.ValidationError(f"“{other.title}” already hangs on board {code}.")
        return code


@admin.register(PosterProposal)
class PosterProposalAdmin(ProposalAdmin):
    form = PosterAdminForm
    list_display = [
        "title",
        "board_code",
        "authors_short",
        "topic",
        "status_badge",
        "submitted",
        "review_count",
        "mean_score",
    ]
    list_filter = [
        *ProposalAdmin.list_filter,
        edition_choices_filter("topic", "topic"),
        ClaimedFilter,
    ]
    search_fields = ["title", "summary", "authors", "board_code"]
    revealing_fields = ("authors", "submitter", "link", "claim_email", "invitation_link")
    revealing_columns = ("authors_short",)
    revealing_search = ("authors",)
    revealing_brief = ("Authors", "Link")
    list_select_related = ["topic", "event"]
    inlines = [StatusChangeInline, PosterEditInline]
    assignment_inline = ReviewAssignmentInline
    kind = "Posters"
    review_model = Review
    change_status = staticmethod(services.change_poster_status)
    change_statuses = staticmethod(services.change_poster_statuses)
    actions = [*ProposalAdmin.actions, "renew_claim_links", "export_csv"]
    read_only_actions = ("export_csv",)
    readonly_fields = [
        "event",
        "submitter",
        "status",
        "invitation_link",
        "copresenters_list",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "status",
                    "event",
                    "submitter",
                    "title",
                    "authors",
                    "topic",
                    "extra_topics",
                    "summary",
                    "link",
                ]
            },
        ),
        ("On show", {"fields": ["board_code", "tending_tracks", "poster_link", "thumbnail_link"]}),
        ("Presenter's account", {"fields": ["claim_email", "invitation_link"]}),
        ("Co-presenters", {"fields": ["copresenters_list"]}),
        (None, {"fields": ["created_at", "updated_at"]}),
    ]

    class Media:
        js = ["admin_desk/copy.js"]

    def get_fieldsets(self, request, obj=None):
        """The claim email and invitation link for organizers only (whoever holds either can
        claim the poster), and only while there is something left to claim."""
        fieldsets = super().get_fieldsets(request, obj)
        claimed = obj is not None and obj.submitter_id
        if claimed or not self.has_change_permission(request, obj):
            fieldsets = [fieldset for fieldset in fieldsets if fieldset[0] != "Presenter's account"]
        if obj is None or not request.user.has_perm("posters.view_copresenter"):
            fieldsets = [fieldset for fieldset in fieldsets if fieldset[0] != "Co-presenters"]
        return fieldsets

    @admin.display(description="invited")
    def copresenters_list(self, poster):
        """Who was invited (by an email in the authors field) and who joined."""
        rows = [row for _, _, row in author_rows(poster) if row is not None]
        if not rows:
            return "None: add an email to an author above to invite them."
        return format_html_join(
            "",
            "<div>{} &lt;{}&gt;: {}</div>",
            (
                (row.name, row.email, "joined" if row.has_joined else "invited, not joined yet")
                for row in rows
            ),
        )

    def save_model(self, request, obj, form, change):
        """The poster as the form says, then its co-presenters through their transition (in
        the admin's transaction: both are saved, or neither)."""
        super().save_model(request, obj, form, change)
        rows = getattr(form, "copresenter_rows", None)
        if rows is not None:
            invitations.set_copresenters(obj, rows, by=request.user)

    def brief(self, poster):
        return [
            ("Authors", ", ".join(poster.author_list)),
            ("Topic", poster.topic.name),
            *([("Link", poster.link)] if poster.link else []),
        ]

    @admin.display(description="invitation link")
    def invitation_link(self, poster):
        if poster.submitter_id:
            return "Claimed."
        if not poster.claim_token:
            return "None yet: use the action “Make new invitation links” in the list."
        return format_html(
            '<input type="text" readonly class="vTextField claim-link" id="claim-link" '
            'aria-label="Invitation link" value="{}"> '
            '<button type="button" class="button" data-copy="claim-link">Copy</button>'
            '<div class="help">Send it to the presenter: whoever signs in and follows it '
            "claims the poster, once.</div>",
            settings.SITE_URL + poster.get_claim_url(),
        )

    @admin.display(description="authors", ordering="authors")
    def authors_short(self, proposal):
        names = proposal.author_list
        return ", ".join(names[:3]) + (f" +{len(names) - 3}" if len(names) > 3 else "")

    def view_on_site(self, proposal):
        return proposal.get_public_url() if proposal.status in ACCEPTED_STATES else None

    @admin.action(
        description="Make new invitation links for the selected posters", permissions=["change"]
    )
    def renew_claim_links(self, request, queryset):
        unclaimed = list(queryset.filter(submitter__isnull=True))
        for poster in unclaimed:
            services.renew_claim_link(poster, by=request.user)
        claimed = queryset.filter(submitter__isnull=False).count()
        self.message_user(
            request,
            f"{len(unclaimed)} new invitation link(s): the previous ones no longer work."
            + (f" {claimed} claimed poster(s) need none." if claimed else ""),
            messages.SUCCESS,
        )

    @admin.action(description="Export the selected posters as CSV", permissions=["change"])
    def export_csv(self, request, queryset):
        """The catalogue's columns, for any selection (any status), safe to open in a sheet."""
        posters = queryset.select_related("topic").prefetch_related("extra_topics")
        stream = io.StringIO()
        catalogue_file.write_csv(entries_of(posters), stream)
        response = HttpResponse(stream.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="posters.csv"'
        return response


@admin.register(Review)
class ReviewAdmin(ReviewAdminBase):
    list_filter = [EditionFilter, "score", edition_choices_filter("proposal__topic", "topic")]


from . import admin_review_settings  # noqa: E402,F401  (registers its admin)
