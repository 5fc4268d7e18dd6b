"""Private clinician notes on a patient. Only the patient's clinicians see them."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from clinic import services
from clinic.forms import NoteForm
from clinic.views.patients import clinician_required, get_patient_for_clinician, patient_page


@clinician_required
@require_POST
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    patient = get_patient_for_clinician(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return patient_page(request, patient, status=400, note_form=form)
    services.write_note(patient=patient, author=request.user, text=form.cleaned_data["text"])
    messages.success(request, "Note saved. Only clinicians see it.")
    return redirect("clinician_patient", patient.pk)
