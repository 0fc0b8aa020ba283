"""The public catalogue: accepted posters of the current event, and each poster's page."""

from html import escape  # what django.utils.html.escape does, without its lazy wrapper

from django import forms
from django.core.files.storage import FileSystemStorage
from django.db.models import F, IntegerField, Q, Value
from django.db.models.functions import Cast, Left, Length
from django.urls import reverse
from django.utils.encoding import filepath_to_uri
from django.utils.safestring import mark_safe
from django.views.generic import DetailView, ListView

from ecosystem_day.event.mixins import CurrentEventMixin

from ..catalogue_facts import RegexSubstring, board_row, catalogue_facts
from ..forms import CatalogueFilterForm
from ..models import ACCEPTED_STATES, PosterProposal
from ..signals import page_sections
from .submit import spoken_list

CATALOGUE_PAGE_SIZE = 48
EXCERPT_CHARACTERS = 240  # more than two lines of a card; CSS clamps what shows
# What a card shows (the excerpt is annotated), as plain values: no model instance per card.
CARD_FIELDS = ("pk", "title", "authors", "thumbnail", "thumbnail_link", "board_code")
# The cards' columns, resolved once (a third of building the page's query); each request
# filters a copy, as a view's `queryset` attribute is used. Never evaluated itself.
CARDS = PosterProposal.objects.values(
    *CARD_FIELDS, topic_name=F("topic__name"), excerpt=Left("summary", EXCERPT_CHARACTERS)
)


def board_number():
    return Cast(RegexSubstring(F("board_code"), Value("[0-9]+$")), IntegerField())


def _attrs(attrs):
    """A widget's attributes as django/forms/widgets/attrs.html writes them."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def widget_html(bound):
    """A search box's or a menu's HTML, as Django's widget templates write it, in Python: the
    four widgets through the form renderer cost a quarter of a cold render. Any other widget
    goes through the renderer."""
    widget = bound.field.widget
    attrs = bound.build_widget_attrs({}, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    if isinstance(widget, forms.Select) and not widget.allow_multiple_selected:
        context = widget.get_context(bound.html_name, bound.value(), attrs)["widget"]
        options = "".join(
            f'<option value="{escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
            f"{escape(str(option['label']))}</option>"
            for group_name, group, index in context["optgroups"]
            for option in group
        )
        return mark_safe(  # noqa: S308 - escaped above
            f'<select name="{escape(context["name"])}"{_attrs(context["attrs"])}>{options}</select>'
        )
    if isinstance(widget, forms.widgets.Input) and not isinstance(widget, forms.FileInput):
        context = widget.get_context(bound.html_name, bound.value(), attrs)["widget"]
        value = context["value"]
        shown = "" if value is None else f' value="{escape(str(value))}"'
        return mark_safe(  # noqa: S308 - escaped above
            f'<input type="{escape(context["type"])}" name="{escape(context["name"])}"{shown}'
            f"{_attrs(context['attrs'])}>"
        )
    return bound.as_widget()


def thumbnail_urls():
    """name -> URL of a stored thumbnail: on the file system, MEDIA_URL and the name (what
    FileSystemStorage.url does, without a urljoin per card); elsewhere, the storage's own."""
    storage = PosterProposal._meta.get_field("thumbnail").storage
    if isinstance(storage, FileSystemStorage):
        base = storage.base_url
        return lambda name: base + filepath_to_uri(name).lstrip("/")
    return storage.url


def _card(poster, page_prefix, thumbnail_url):
    if poster["thumbnail"]:
        source = thumbnail_url(poster["thumbnail"])
        media = f'<img src="{escape(source)}" alt="" loading="lazy" width="160" height="120">'
    elif poster["thumbnail_link"]:
        media = (
            f'<img src="{escape(poster["thumbnail_link"])}" alt="" loading="lazy" width="160" '
            'height="120" referrerpolicy="no-referrer">'
        )
    else:
        media = '<div class="poster-placeholder" aria-hidden="true"></div>'
    topic = escape(poster["topic_name"]) if poster["topic_name"] else ""
    board = (
        f'<span class="board-code">Board {escape(poster["board_code"])}</span>'
        if poster["board_code"]
        else ""
    )
    authors = ", ".join(name.strip() for name in poster["authors"].splitlines() if name.strip())
    return (
        '<li class="col"><article class="card h-100 poster-card" data-poster-card>'
        f'<div class="poster-card-media">{media}</div><div class="card-body">'
        '<h2 class="card-title text-break"><a class="stretched-link" '
        f'href="{page_prefix}{poster["pk"]}/">{escape(poster["title"])}</a></h2>'
        '<p class="card-text small mb-1 poster-authors">'
        f"{escape(authors)}</p>"
        '<p class="card-text small mb-1 text-body-secondary poster-excerpt">'
        f"{escape(poster['excerpt'])}</p>"
        f'<p class="small poster-meta"><span class="poster-topic">{topic}</span>{board}</p>'
        "</div></article></li>\n"
    )


def poster_cards(posters):
    """The page's cards, written in Python: through the template engine, 48 cards cost most
    of a cold render. Each links to the poster's page (one reverse() for all of them)."""
    page = reverse("poster_public", args=[0])
    prefix = page[: page.rindex("0/")]
    thumbnail_url = thumbnail_urls()
    return mark_safe("".join(_card(poster, prefix, thumbnail_url) for poster in posters))  # noqa: S308 - escaped above


class CatalogueView(CurrentEventMixin, ListView):
    """Accepted posters of the current event; depends only on the query string and the event."""

    template_name = "posters/catalogue.html"
    context_object_name = "posters"
    paginate_by = CATALOGUE_PAGE_SIZE

    def get_queryset(self):
        self.accepted_count, rows, topics = catalogue_facts(self.event)
        self.filter_form = CatalogueFilterForm(self.request.GET, topics=topics, rows=rows)
        self.filter_form.is_valid()
        chosen = self.filter_form.cleaned_data
        posters = CARDS.filter(event_id=self.event.pk, status__in=ACCEPTED_STATES)
        if query := chosen.get("q", "").strip():
            posters = posters.filter(
                Q(title__icontains=query)
                | Q(summary__icontains=query)
                | Q(authors__icontains=query)
                | Q(board_code=query.upper())
            )
        if topic := chosen.get("topic"):
            posters = posters.filter(
                Q(topic=topic) | Q(pk__in=topic.posters_also_under.values("pk"))
            )
        if row := chosen.get("row"):
            posters = posters.annotate(row=board_row()).filter(row=row)
        self.filtering = bool(query or topic or row)
        if chosen.get("sort") == "code":
            return posters.order_by(
                Length(board_row()).asc(nulls_last=True),
                board_row(),
                board_number(),
                "title",
                "pk",
            )
        return posters.order_by("title", "pk")

    def paginate_queryset(self, queryset, page_size):
        """A later page's posters found by their keys alone (an index walk in the catalogue's
        order), then their cards: a deep page costs what the second one does. The first page,
        which skips nothing, reads its cards at once (one query, not two)."""
        paginator, page, posters, is_paginated = super().paginate_queryset(
            queryset.values_list("pk", flat=True), page_size
        )
        if page.number == 1:
            page.object_list = list(queryset[:page_size])
            return paginator, page, page.object_list, is_paginated
        keys = list(posters)
        cards = {card["pk"]: card for card in queryset.order_by().filter(pk__in=keys)}
        page.object_list = [cards[key] for key in keys]
        return paginator, page, page.object_list, is_paginated

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if not self.filtering:
            paginator.count = self.accepted_count  # the same posters: counted already
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            filter_form=self.filter_form, filtering=self.filtering, **kwargs
        )
        context["filter_widgets"] = {
            name: widget_html(self.filter_form[name]) for name in ("q", "topic", "row", "sort")
        }
        context["cards"] = poster_cards(context["posters"])
        return context


class PublicPosterView(CurrentEventMixin, DetailView):
    """An accepted poster of the current event, for everyone; any other poster is a 404."""

    template_name = "posters/public_detail.html"
    context_object_name = "poster"

    def get_queryset(self):
        return (
            PosterProposal.objects.filter(event=self.event, status__in=ACCEPTED_STATES)
            .select_related("topic")
            .prefetch_related("tending_tracks", "extra_topics")
        )

    def get_context_data(self, **kwargs):
        poster = self.object
        return super().get_context_data(
            tending=spoken_list(poster.tending_tracks.all()),
            sections=page_sections(poster, self.request, "public"),
            **kwargs,
        )
