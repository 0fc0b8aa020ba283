"""The person's own pages have one home: every address under /me/ is in one list of the
URLconf (`ecosystem_day.urls.mine`), each app serving its part, and the addresses are the
ones people and emails already hold."""

from django.urls import URLResolver, get_resolver, reverse

from ecosystem_day.event.addresses import flat
from ecosystem_day.urls import mine


def test_every_address_under_me_comes_from_the_one_list():
    under_me = sorted(
        route for route, _ in flat(get_resolver().url_patterns) if route.startswith("me/")
    )
    from_the_list = sorted(f"me/{route}" for route, _ in flat(mine))

    assert under_me == from_the_list
    assert not any(isinstance(pattern, URLResolver) for pattern in mine)


def test_the_addresses_under_me_are_the_ones_already_sent():
    assert [
        reverse("my_proposals"),
        reverse("profile"),
        reverse("my_registration"),
        reverse("registration_cancel"),
        reverse("registration_forget"),
        reverse("poster_detail", args=[7]),
        reverse("poster_submitted", args=[7]),
        reverse("poster_edit", args=[7]),
        reverse("poster_image", args=[7]),
        reverse("poster_tending", args=[7]),
        reverse("poster_claim_mine", args=[7]),
        reverse("poster_withdraw", args=[7]),
        reverse("breakout_detail", args=[7]),
        reverse("breakout_withdraw", args=[7]),
    ] == [
        "/me/",
        "/me/profile/",
        "/me/registration/",
        "/me/registration/cancel/",
        "/me/registration/delete/",
        "/me/posters/7/",
        "/me/posters/7/submitted/",
        "/me/posters/7/edit/",
        "/me/posters/7/image/",
        "/me/posters/7/tending/",
        "/me/posters/7/claim/",
        "/me/posters/7/withdraw/",
        "/me/breakouts/7/",
        "/me/breakouts/7/withdraw/",
    ]
