"""The site, assembled: the event's pages, accounts, posters, breakouts and the schedule."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from ecosystem_day.event import editions_pages, views
from ecosystem_day.event.caching import cached_for_visitors
from ecosystem_day.event.favicon import favicon

from .accounts.views import ProfileView

urlpatterns = [
    path("", cached_for_visitors(views.HomeView.as_view()), name="home"),
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
    path("livez", views.livez, name="livez"),
    path("accounts/", include("ecosystem_day.accounts.urls")),
    path("me/profile/", ProfileView.as_view(), name="profile"),
    path("", include("ecosystem_day.registration.urls")),
    path("", include("posters.urls")),
    path("", include("sessions.urls")),
    path("admin/", admin.site.urls),
    path("editions/", editions_pages.EditionsView.as_view(), name="editions"),
]

handler500 = "ecosystem_day.event.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
