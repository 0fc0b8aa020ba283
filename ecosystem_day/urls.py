"""The site, assembled: the event's pages, accounts, posters, breakouts and the schedule."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from ecosystem_day.event import editions_pages, views
from ecosystem_day.event.caching import cached_for_visitors
from ecosystem_day.event.favicon import favicon
from posters import urls as poster_urls
from sessions import urls as breakout_urls

from .accounts.views import ProfileView
from .registration import urls as registration_urls

# The person's own pages, all of them under /me/: what they proposed (posters and breakouts),
# their registration and their profile. Each app serves its part; this is the one list.
mine = [
    *breakout_urls.mine,
    path("profile/", ProfileView.as_view(), name="profile"),
    *registration_urls.mine,
    *poster_urls.mine,
]

urlpatterns = [
    path("", cached_for_visitors(views.HomeView.as_view()), name="home"),
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
    path("livez", views.livez, name="livez"),
    path("accounts/", include("ecosystem_day.accounts.urls")),
    path("me/", include(mine)),
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
