"""Blind review in the admin: where an edition reviews blind, reviewers (not organizers) see
no authors, submitter, presenter or links that name them, on any page of the desk they can
reach: the queue's columns, its search (and the autocomplete that uses it), the proposal's
page (its fields, its brief, its history's "by", its link to the public page).

The rule is posters.review_models.ReviewSettings.blind; `hides_authors` applies it.
"""

from django.contrib.admin.options import IncorrectLookupParameters

from ecosystem_day.event.admin_editions import edition_shown

from .review_models import ReviewSettings


def hides_authors(request, event, decide_permission):
    """Whether `request.user` reviews `event` blind: read once per request and edition."""
    if event is None or request.user.has_perm(decide_permission):
        return False
    memo = request.__dict__.setdefault("_blind_editions", {})
    if event.pk not in memo:
        memo[event.pk] = ReviewSettings.of(event).blind
    return memo[event.pk]


class BlindReviewAdmin:
    """Mixed into ProposalAdmin; each concrete admin names what reveals its authors."""

    revealing_fields = ()  # fields of the proposal's page: ("authors", "submitter", "link")
    revealing_columns = ()  # columns of the queue
    revealing_search = ()  # search fields
    revealing_brief = ()  # labels of the brief above the summary

    def blind_on_list(self, request):
        try:
            edition = edition_shown(request, self.edition_field)
        except IncorrectLookupParameters:
            edition = None
        return hides_authors(request, edition, self.model.decide_permission)

    def blind_on_page(self, request, obj):
        return obj is not None and hides_authors(request, obj.event, obj.decide_permission)

    def get_list_display(self, request):
        columns = super().get_list_display(request)
        if self.blind_on_list(request):
            return [column for column in columns if column not in self.revealing_columns]
        return columns

    def get_search_fields(self, request):
        fields = super().get_search_fields(request)
        if self.blind_on_list(request):
            return [name for name in fields if name not in self.revealing_search]
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.blind_on_page(request, obj):
            return fieldsets
        shown = []
        for name, options in fieldsets:
            fields = [f for f in options["fields"] if f not in self.revealing_fields]
            if fields:
                shown.append((name, {**options, "fields": fields}))
        return shown

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        response = super().render_change_form(request, context, add, change, form_url, obj)
        if self.blind_on_page(request, obj):  # the public page names the authors
            response.context_data.update(has_absolute_url=False, absolute_url=None)
        return response

    def blind_brief(self, request, proposal):
        brief = self.brief(proposal)
        if self.blind_on_page(request, proposal):
            return [(label, text) for label, text in brief if label not in self.revealing_brief]
        return brief
