from django.urls import path

from ecosystem_day.caching import cached

from .views import breakouts, me, schedule, speakers

urlpatterns = [
    # What every attendee loads: cached for anonymous visitors (ecosystem_day/caching.py).
    path("schedule/", cached()(schedule.ScheduleView.as_view()), name="schedule"),
    path("schedule.ics", cached()(schedule.schedule_ics), name="schedule_ics"),
    path("schedule.json", cached()(schedule.schedule_json), name="schedule_json"),
    path("schedule/<int:pk>/", cached()(schedule.ScheduleItemView.as_view()), name="schedule_item"),
    path("schedule/<int:pk>.ics", cached()(schedule.schedule_item_ics), name="schedule_item_ics"),
    path("speakers/", cached()(speakers.SpeakersView.as_view()), name="speakers"),
    path("me/", me.MyProposalsView.as_view(), name="my_proposals"),
    path("breakouts/propose/", breakouts.ProposeBreakoutView.as_view(), name="breakout_propose"),
    path("me/breakouts/<int:pk>/", breakouts.BreakoutDetailView.as_view(), name="breakout_detail"),
    path(
        "me/breakouts/<int:pk>/withdraw/",
        breakouts.BreakoutWithdrawView.as_view(),
        name="breakout_withdraw",
    ),
]
