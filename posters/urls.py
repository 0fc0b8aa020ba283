from django.urls import path

from ecosystem_day.event.caching import cached

from .views import catalogue, claim, copresenters, submit

urlpatterns = [
    # Public pages, cached for anonymous visitors (ecosystem_day/event/caching.py).
    path(
        "posters/",
        cached(params=("q", "topic", "row", "sort", "page"))(catalogue.CatalogueView.as_view()),
        name="poster_catalogue",
    ),
    path("posters/<int:pk>/", cached()(catalogue.PublicPosterView.as_view()), name="poster_public"),
    path("posters/submit/", submit.SubmitPosterView.as_view(), name="poster_submit"),
    path("posters/claim/<slug:token>/", claim.ClaimByLinkView.as_view(), name="poster_claim"),
    path("posters/join/<str:token>/", copresenters.JoinView.as_view(), name="copresenter_join"),
]

# The submitter's own posters, under /me/ (the URLconf, ecosystem_day/urls.py, mounts them).
mine = [
    path("posters/<int:pk>/", submit.PosterDetailView.as_view(), name="poster_detail"),
    path(
        "posters/<int:pk>/submitted/",
        submit.PosterSubmittedView.as_view(),
        name="poster_submitted",
    ),
    path("posters/<int:pk>/edit/", submit.PosterEditView.as_view(), name="poster_edit"),
    path("posters/<int:pk>/image/", submit.PosterImageView.as_view(), name="poster_image"),
    path("posters/<int:pk>/tending/", submit.PosterTendingView.as_view(), name="poster_tending"),
    path("posters/<int:pk>/claim/", claim.ClaimByEmailView.as_view(), name="poster_claim_mine"),
    path("posters/<int:pk>/withdraw/", submit.PosterWithdrawView.as_view(), name="poster_withdraw"),
    path(
        "posters/<int:pk>/copresenters/<int:copresenter>/remove/",
        copresenters.RemoveCoPresenterView.as_view(),
        name="copresenter_remove",
    ),
    path(
        "posters/<int:pk>/copresenters/<int:copresenter>/invite/",
        copresenters.InviteAgainView.as_view(),
        name="copresenter_invite_again",
    ),
]
