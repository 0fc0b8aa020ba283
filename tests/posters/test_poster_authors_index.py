"""Each name of a poster's authors is a row PostgreSQL keeps in step with the poster on every
write path (a save, a bulk insert, a queryset update, a decision, a delete): what the speakers
page walks in name order."""

from posters.models import PosterAuthor, PosterProposal
from posters.services import change_poster_status
from tests.factories import AcceptedPosterFactory, EventFactory, PosterProposalFactory


def rows(poster):
    return list(
        PosterAuthor.objects.filter(poster=poster)
        .order_by("position")
        .values_list("event_id", "accepted", "name", "key")
    )


def test_each_line_with_a_name_is_a_row_trimmed_with_its_key_in_lower_case(event):
    poster = AcceptedPosterFactory(event=event, authors="  Ada   Lovelace \n\n\tAlan Turing\n  \n")

    assert rows(poster) == [
        (event.pk, True, "Ada   Lovelace", "ada lovelace"),
        (event.pk, True, "Alan Turing", "alan turing"),
    ]


def test_posters_inserted_in_bulk_and_updated_in_bulk_keep_their_rows(event):
    template = AcceptedPosterFactory(event=event)
    PosterProposal.objects.bulk_create(
        PosterProposal(
            event=event,
            submitter=template.submitter,
            topic=template.topic,
            title=f"Poster {n}",
            summary=template.summary,
            authors=f"Author {n}",
            status="accepted",
        )
        for n in range(3)
    )
    bulk = PosterProposal.objects.filter(title__startswith="Poster ")

    assert sorted(PosterAuthor.objects.filter(poster__in=bulk).values_list("name", flat=True)) == [
        "Author 0",
        "Author 1",
        "Author 2",
    ]

    bulk.update(authors="Grace Hopper\nKaren Spärck Jones")

    assert sorted(PosterAuthor.objects.filter(poster__in=bulk).values_list("key", flat=True)) == [
        "grace hopper",
        "grace hopper",
        "grace hopper",
        "karen spärck jones",
        "karen spärck jones",
        "karen spärck jones",
    ]


def test_a_decision_lists_or_unlists_its_authors(event, organizer):
    poster = PosterProposalFactory(event=event, authors="Ada Lovelace")
    assert rows(poster) == [(event.pk, False, "Ada Lovelace", "ada lovelace")]

    change_poster_status(poster, "accepted", by=organizer)
    assert rows(poster) == [(event.pk, True, "Ada Lovelace", "ada lovelace")]

    change_poster_status(poster, "withdrawn", by=organizer)
    assert rows(poster) == [(event.pk, False, "Ada Lovelace", "ada lovelace")]


def test_a_save_that_changes_no_author_leaves_the_rows_as_they_were(event):
    poster = AcceptedPosterFactory(event=event, authors="Ada Lovelace\nAlan Turing")
    before = list(PosterAuthor.objects.filter(poster=poster).values_list("pk", flat=True))

    poster.title = "A new title"
    poster.save()

    assert list(PosterAuthor.objects.filter(poster=poster).values_list("pk", flat=True)) == before


def test_a_poster_moved_to_another_edition_or_deleted_takes_its_rows_along(event):
    poster = AcceptedPosterFactory(event=event, authors="Ada Lovelace")
    other = EventFactory(is_current=False)

    PosterProposal.objects.filter(pk=poster.pk).update(event=other, topic=poster.topic)
    assert rows(poster) == [(other.pk, True, "Ada Lovelace", "ada lovelace")]

    PosterProposal.objects.filter(pk=poster.pk).delete()
    assert rows(poster) == []
