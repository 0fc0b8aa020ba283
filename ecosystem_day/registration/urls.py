from django.urls import path

from . import views

urlpatterns = [
    path("register/", views.RegisterView.as_view(), name="register"),
    path("register/sent/", views.RegistrationSentView.as_view(), name="registration_sent"),
    path(
        "register/sign-in/",
        views.SignInLinkRequestView.as_view(),
        name="registration_sign_in_request",
    ),
    path("register/sign-in/<str:token>/", views.SignInView.as_view(), name="registration_sign_in"),
]

# The attendee's registration, under /me/ (the URLconf, ecosystem_day/urls.py, mounts it).
mine = [
    path("registration/", views.MyRegistrationView.as_view(), name="my_registration"),
    path(
        "registration/cancel/", views.CancelRegistrationView.as_view(), name="registration_cancel"
    ),
    path(
        "registration/reminders/", views.ItemRemindersView.as_view(), name="registration_reminders"
    ),
    path(
        "registration/delete/", views.ForgetRegistrationView.as_view(), name="registration_forget"
    ),
]
