from django.urls import path

from ecosystem_day.caching import cached_for_visitors as cached

from . import views

urlpatterns = [
    # Public pages, cached for anonymous visitors (ecosystem_day/caching.py).
    path("posters/", cached(views.CatalogueView.as_view()), name="poster_catalogue"),
    path("posters/<int:pk>/", cached(views.PublicPosterView.as_view()), name="poster_public"),
    path("posters/submit/", views.SubmitPosterView.as_view(), name="poster_submit"),
    path("me/", views.MyProposalsView.as_view(), name="my_proposals"),
    path("me/posters/<int:pk>/", views.PosterDetailView.as_view(), name="poster_detail"),
    path(
        "me/posters/<int:pk>/submitted/",
        views.PosterSubmittedView.as_view(),
        name="poster_submitted",
    ),
    path("me/posters/<int:pk>/edit/", views.PosterEditView.as_view(), name="poster_edit"),
    path("me/posters/<int:pk>/image/", views.PosterImageView.as_view(), name="poster_image"),
    path("me/posters/<int:pk>/tending/", views.PosterTendingView.as_view(), name="poster_tending"),
    path(
        "me/posters/<int:pk>/withdraw/", views.PosterWithdrawView.as_view(), name="poster_withdraw"
    ),
]
