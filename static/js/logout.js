// Logging out leaves no patient data on the device. Before the logout form is sent:
// 1. sets still waiting in the browser are sent, if the server can be reached within a few
//    seconds (any localStorage value that is a list of {url, fields} entries is such a queue,
//    whatever the player calls it; the server's client_id check makes resending harmless);
// 2. everything this site keeps in localStorage and sessionStorage is removed, and so are
//    the pages kept for offline use (Cache Storage);
// 3. the form is sent as usual. Without JavaScript the form logs out all the same.

import { request } from "./http.js";

const SEND_WITHIN_MS = 4000;

function queuedEntries() {
  const entries = [];
  for (let index = 0; index < localStorage.length; index += 1) {
    let value;
    try {
      value = JSON.parse(localStorage.getItem(localStorage.key(index)));
    } catch {
      continue;
    }
    if (!Array.isArray(value)) continue;
    entries.push(...value.filter((entry) => entry && typeof entry.url === "string" && Array.isArray(entry.fields)));
  }
  return entries;
}

async function sendQueued() {
  for (const entry of queuedEntries()) {
    try {
      await request(entry.url, { fields: entry.fields });
    } catch {
      return; // offline: what is left cannot be sent from here
    }
  }
}

async function forget() {
  try {
    localStorage.clear();
    sessionStorage.clear();
  } catch {
    // storage blocked: nothing was kept there
  }
  if ("caches" in window) {
    const names = await caches.keys();
    await Promise.all(names.map((name) => caches.delete(name)));
  }
}

function within(ms, promise) {
  return Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))]);
}

document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-logout")) return;
  if (form.dataset.cleared) return;
  event.preventDefault();
  form.querySelector("button")?.setAttribute("disabled", "");
  await within(SEND_WITHIN_MS, sendQueued().catch(() => {}));
  await within(1000, forget().catch(() => {}));
  form.dataset.cleared = "1";
  form.submit();
});
