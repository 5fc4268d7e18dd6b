"""The patient's side of bringing patients in: opening an invitation, and the clinic code."""

from django.urls import path

from clinic.views import onboarding

urlpatterns = [
    path("invitation/<str:token>/", onboarding.invitation_accept, name="invitation_accept"),
    path("account/clinic-code/", onboarding.account_clinic_code, name="account_clinic_code"),
    path(
        "account/clinic-code/withdraw/",
        onboarding.account_clinic_code_withdraw,
        name="account_clinic_code_withdraw",
    ),
]
