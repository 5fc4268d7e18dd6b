// Fill the hidden time-zone field with the browser's own zone, so "today" is the patient's day.
const field = document.querySelector('input[name="time_zone"]');
if (field && !field.value) {
  field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
}
