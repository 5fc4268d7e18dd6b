// The admin's live preview of an exercise's figure: as the poses are typed, the server draws
// them (or says what is wrong) and the answer replaces the preview. The saved figure is shown
// until the first change.
// The admin puts its scripts in <head>: wait for the form.
document.addEventListener("DOMContentLoaded", () => {
  const preview = document.getElementById("figure-preview");
  const field = document.getElementById("id_figure");
  if (!preview || !field) return;
  const token = document.querySelector("input[name=csrfmiddlewaretoken]")?.value || "";
  let timer = null;
  let sent = 0;

  async function draw() {
    const number = ++sent;
    const body = new URLSearchParams({ figure: field.value });
    let html = "";
    try {
      const reply = await fetch(preview.dataset.url, {
        method: "POST",
        body,
        headers: { "X-CSRFToken": token },
        credentials: "same-origin",
      });
      html = await reply.text();
    } catch {
      html = '<ul class="errorlist"><li>The preview could not be drawn (no connection).</li></ul>';
    }
    if (number === sent) preview.innerHTML = html; // only the latest answer counts
  }

  field.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(draw, 400);
  });
});
