// On every page: sends what the outbox holds (sets done offline, a finish, a skip), says
// whether all is saved, tells the patient once about anything the server refused, and
// registers the service worker that lets Today and an open session reopen offline.
//
// The player imports `outbox` from here, so each page has exactly one queue object.

import { Outbox } from "./queue.js";

export const outbox = new Outbox();

function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

/** The words for the save indicator, from what is waiting. */
export function describe(entries, online = navigator.onLine) {
  if (!entries.length) return { text: "All saved", kind: "saved" };
  const sets = entries.filter((entry) => entry.kind === "set").length;
  const finish = entries.some((entry) => entry.kind === "finish");
  const parts = [];
  if (sets) parts.push(plural(sets, "set", "sets"));
  if (finish) parts.push("your finish");
  if (!parts.length) parts.push(plural(entries.length, "change", "changes"));
  const waiting = `${parts.join(" and ")} waiting to save`;
  return {
    text: online ? `${waiting}…` : `Offline: ${waiting}, kept on this phone`,
    kind: "waiting",
  };
}

const indicator = document.getElementById("sync-state");
const notices = document.getElementById("sync-notices");

function showState(override = null) {
  if (!indicator) return;
  const { text, kind } = override || describe(outbox.entries());
  if (indicator.textContent !== text) indicator.textContent = text;
  indicator.dataset.kind = kind;
  indicator.hidden = false;
}

/** Each refused entry is shown once, here, with the server's reason. */
function showRefused() {
  if (!notices) return;
  for (const item of outbox.takeUnseen()) {
    const box = document.createElement("div");
    box.className = "message error";
    box.setAttribute("role", "alert");
    const text = document.createElement("p");
    text.textContent = `Not saved: ${item.label}. ${item.reason}`;
    const dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.textContent = "OK";
    dismiss.addEventListener("click", () => box.remove());
    box.append(text, dismiss);
    notices.append(box);
  }
}

/** History lists, from this phone, what the server refused and why. */
function listNotSaved() {
  const section = document.getElementById("not-saved");
  const list = document.getElementById("not-saved-list");
  if (!section || !list) return;
  const items = outbox.notSaved().reverse();
  list.replaceChildren(
    ...items.map((item) => {
      const li = document.createElement("li");
      const when = item.at ? new Date(item.at).toLocaleString([], { dateStyle: "medium", timeStyle: "short" }) : "";
      li.textContent = `${item.label}${when ? ` (${when})` : ""}: not saved, because ${item.reason.replace(/^./, (c) => c.toLowerCase())}`;
      return li;
    }),
  );
  section.hidden = !items.length;
}

outbox.subscribe((event) => {
  if (event.type === "saved" && event.entry.kind === "finish") {
    // The session is over on the server: the player's copy of its progress can go.
    localStorage.removeItem(`session-progress:${event.entry.session}`);
  }
  if (event.type === "waiting" && event.reason === "blocked") {
    showState({ text: "Not saved yet: please reload the page or log in again. Everything is kept on this phone.", kind: "error" });
    return;
  }
  showState();
  if (event.type === "rejected" || event.type === "changed") {
    showRefused();
    listNotSaved();
  }
});
window.addEventListener("online", () => showState());
window.addEventListener("offline", () => showState());

// Logging out: this phone's copies of the patient's pages go with them.
document.addEventListener("submit", (event) => {
  if (event.target.matches?.("form[data-logout]")) {
    navigator.serviceWorker?.controller?.postMessage({ type: "logout" });
  }
});

if ("serviceWorker" in navigator && document.body.dataset.serviceWorker) {
  navigator.serviceWorker
    .register(document.body.dataset.serviceWorker, { scope: "/" })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // The first visit was not yet served through the worker: ask it to keep this page.
      if (!navigator.serviceWorker.controller) registration.active?.postMessage({ type: "remember", url: location.href });
    })
    .catch(() => {
      // No service worker (private mode, an old browser): the app still works online.
    });
}

showState();
showRefused();
listNotSaved();
outbox.drain();
