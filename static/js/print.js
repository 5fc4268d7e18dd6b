// A "Print" button (data-print) opens the browser's print dialog, where "Save as PDF" also lives.
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
