from django.urls import path

from . import views

urlpatterns = [
    path("posters/submit/", views.SubmitPosterView.as_view(), name="poster_submit"),
    path("me/", views.MyProposalsView.as_view(), name="my_proposals"),
    path("me/posters/<int:pk>/", views.PosterDetailView.as_view(), name="poster_detail"),
    path(
        "me/posters/<int:pk>/submitted/",
        views.PosterSubmittedView.as_view(),
        name="poster_submitted",
    ),
    path("me/posters/<int:pk>/edit/", views.PosterEditView.as_view(), name="poster_edit"),
    path(
        "me/posters/<int:pk>/withdraw/", views.PosterWithdrawView.as_view(), name="poster_withdraw"
    ),
]
