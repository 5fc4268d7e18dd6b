"""The patient's rights over their data, on their account page: who looked at it, a download
of all of it, and deleting the account. Export and delete ask for the password again."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from sessions.export import write_export
from sessions.forms import PasswordAgainForm
from sessions.models import AccessRecord, Patient
from sessions.services import delete_patient_account
from sessions.views.access import get_patient

ACCESS_RECORDS_SHOWN = 50


def data_rights_context(request: HttpRequest, patient: Patient, **forms) -> dict:
    """The account page's data sections: the newest access records and the two forms."""
    return {
        "access_records": AccessRecord.objects.about(patient)[:ACCESS_RECORDS_SHOWN],
        "access_records_shown": ACCESS_RECORDS_SHOWN,
        "export_form": forms.get("export_form") or PasswordAgainForm(user=request.user),
        "delete_form": forms.get("delete_form")
        or PasswordAgainForm(user=request.user, prefix="delete"),
    }


def _refused(request: HttpRequest, patient: Patient, **forms) -> HttpResponse:
    from sessions.views.account_page import account_page

    return account_page(request, patient, status=400, **forms)


@login_required
@require_POST
def account_export(request: HttpRequest) -> HttpResponse:
    patient = get_patient(request)
    form = PasswordAgainForm(request.POST, user=request.user)
    if not form.is_valid():
        return _refused(request, patient, export_form=form)
    # Dated with the patient's own day, not the server's.
    name = f"sciatica-data-{patient.user.username}-{patient.local_date():%Y-%m-%d}.zip"
    response = FileResponse(
        write_export(patient), as_attachment=True, filename=name, content_type="application/zip"
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def account_delete(request: HttpRequest) -> HttpResponse:
    patient = get_patient(request)
    form = PasswordAgainForm(request.POST, user=request.user, prefix="delete")
    if not form.is_valid():
        return _refused(request, patient, delete_form=form)
    delete_patient_account(patient=patient)
    logout(request)
    messages.success(request, "Your account and all your exercise data have been deleted.")
    return redirect("home")
