// The outbox: every set, skip and finish the patient did, kept on the phone until the server
// has it. One queue for the whole app (all sessions, all tabs), sent from any page.
//
// Semantics:
// - An entry is written to localStorage *before* it is sent. Entries are sent one at a time,
//   oldest first, so the server sees a session's sets, skips and finish in the order they
//   were done.
// - An entry leaves the queue only when the server has answered: 2xx (stored), or a 4xx
//   other than 401/403 (refused for a real reason: sending it again would not help). A
//   refused entry is moved to the "not saved" list with the server's reason, shown to the
//   patient once and kept there for their history.
// - A network failure, a timeout or a 5xx (also 408/429) keeps the entry; it is sent again
//   every few seconds and as soon as the browser says it is back online.
// - 401/403 or being redirected (the login expired, the CSRF token is stale) keeps the entry
//   but stops retrying until the next page load: a new page (maybe after logging in) can fix
//   that, this one cannot.
// - Each entry carries an id made once per action; a set's id is its client_id. The server
//   treats a repeated client_id as the same set, so a lost answer never doubles a set. A set
//   is answered with a small acknowledgement ({id, created}); "saved" carries it as reply.json.
// - Two tabs share the queue: sending happens under a Web Lock, and each entry is read
//   again from localStorage under the lock, so an entry another tab already sent is gone and
//   is usually not sent twice. localStorage reaches another tab's process a moment late, so
//   now and then a tab sends a set the other has just had acknowledged; the server's client_id
//   check (and it alone) makes sure it is stored once, with Web Locks or without.

import { request } from "./http.js";

const KEY = "outbox:v1";
const NOT_SAVED_KEY = "outbox-not-saved:v1";
const LOCK = "outbox-send";
const RETRY_MS = 3000;
const NOT_SAVED_KEPT = 50;

/** A random UUID v4; crypto.randomUUID only exists on https and localhost. */
export function newClientId() {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function verdict(reply) {
  if (!reply) return "retry";
  if (reply.redirected || reply.status === 401 || reply.status === 403) return "blocked";
  if (reply.ok) return "saved";
  if (reply.status === 408 || reply.status === 429 || reply.status >= 500) return "retry";
  if (reply.status >= 400) return "rejected";
  return "retry";
}

/** The server's reason for refusing: the error of a JSON answer (a set), the alert of an
 * HTML one (a skip, the finish), or else the status. */
function reason(reply) {
  let text = typeof reply.json?.error === "string" ? reply.json.error.trim() : "";
  if (!text && !reply.json) {
    const alert = new DOMParser().parseFromString(reply.html || "", "text/html").querySelector(".alert");
    text = alert?.textContent.trim() || "";
  }
  return text || `The server refused it (error ${reply.status}).`;
}

function read(key) {
  try {
    const list = JSON.parse(localStorage.getItem(key) || "[]");
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

export class Outbox {
  constructor() {
    this.memory = []; // used when localStorage is unavailable or full
    this.persisted = true;
    this.busy = false;
    this.blocked = false;
    this.timer = null;
    this.listeners = new Set();
    this.adoptOldQueues();
    window.addEventListener("online", () => this.drain());
    // A phone coming back from the lock screen: no need to wait for the next retry.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && this.size) this.drain();
    });
    // Another tab changed the queue: show the new count.
    window.addEventListener("storage", (event) => {
      if (event.key === KEY || event.key === NOT_SAVED_KEY) this.emit({ type: "changed" });
    });
  }

  /** listener({type: "changed" | "saved" | "rejected" | "waiting", entry?, reply?, reason?}) */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event) {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(error); // a display problem must not stop the queue
      }
    }
  }

  entries() {
    if (!this.persisted) return this.memory.slice();
    try {
      const raw = localStorage.getItem(KEY);
      return raw === null ? [] : read(KEY);
    } catch {
      return this.memory.slice();
    }
  }

  get size() {
    return this.entries().length;
  }

  store(list) {
    this.memory = list.slice();
    try {
      if (list.length) localStorage.setItem(KEY, JSON.stringify(list));
      else localStorage.removeItem(KEY);
      this.persisted = true;
    } catch {
      this.persisted = false;
    }
  }

  /**
   * entry: {id, kind: "set" | "skip" | "finish", session, url, fields: [name, value][],
   * label, slot?}. Adding the same id twice is a no-op.
   */
  add(entry) {
    const list = this.entries();
    if (!list.some((queued) => queued.id === entry.id)) {
      list.push({ queued_at: new Date().toISOString(), ...entry });
    }
    this.store(list);
    this.emit({ type: "changed" });
    this.drain();
  }

  remove(id) {
    this.store(this.entries().filter((queued) => queued.id !== id));
  }

  notSaved() {
    return read(NOT_SAVED_KEY);
  }

  /** Refused entries not yet shown to the patient; marks them as shown. */
  takeUnseen() {
    const list = this.notSaved();
    const unseen = list.filter((item) => !item.seen);
    if (unseen.length) {
      try {
        localStorage.setItem(NOT_SAVED_KEY, JSON.stringify(list.map((item) => ({ ...item, seen: true }))));
      } catch {
        // Full: it will be shown again next time, which is better than never.
      }
    }
    return unseen;
  }

  keepNotSaved(entry, why) {
    const list = this.notSaved();
    list.push({ id: entry.id, label: entry.label || "A set", reason: why, at: entry.queued_at, seen: false });
    try {
      localStorage.setItem(NOT_SAVED_KEY, JSON.stringify(list.slice(-NOT_SAVED_KEPT)));
    } catch {
      // Nothing more we can do; the patient is still told now.
    }
  }

  /** Send everything waiting, in order, under the cross-tab lock. Safe to call at any time. */
  drain() {
    if (this.blocked) return Promise.resolve();
    if (this.busy) {
      this.again = true; // an entry added while sending: look once more at the end
      return Promise.resolve();
    }
    this.busy = true;
    this.again = false;
    clearTimeout(this.timer);
    this.timer = null;
    const run = () => this.sendAll();
    const locked = navigator.locks?.request ? navigator.locks.request(LOCK, run) : run();
    return Promise.resolve(locked)
      .catch((error) => console.error(error))
      .finally(() => {
        this.busy = false;
        if (this.again && !this.timer) this.drain();
      });
  }

  async sendAll() {
    for (;;) {
      const [entry] = this.entries(); // read again each time: another tab may have sent it
      if (!entry) return;
      let reply = null;
      try {
        reply = await request(entry.url, { fields: entry.fields });
      } catch {
        reply = null; // offline, or no answer in time
      }
      const outcome = verdict(reply);
      if (outcome === "saved") {
        this.remove(entry.id);
        this.emit({ type: "saved", entry, reply });
        continue;
      }
      if (outcome === "rejected") {
        const why = reason(reply);
        this.remove(entry.id);
        this.keepNotSaved(entry, why);
        this.emit({ type: "rejected", entry, reply, reason: why });
        continue;
      }
      if (outcome === "retry") this.timer = setTimeout(() => this.drain(), RETRY_MS);
      else this.blocked = true;
      this.emit({ type: "waiting", entry, reason: outcome });
      return;
    }
  }

  /** Sets left in the old one-queue-per-session keys by an earlier version of the player. */
  adoptOldQueues() {
    try {
      const old = Object.keys(localStorage).filter((key) => key.startsWith("pending-sets:"));
      if (!old.length) return;
      const list = this.entries();
      for (const key of old) {
        const session = Number(key.split(":")[1]);
        for (const entry of read(key)) {
          if (!entry?.client_id || list.some((queued) => queued.id === entry.client_id)) continue;
          list.push({ id: entry.client_id, kind: "set", session, url: entry.url, fields: entry.fields, label: "A set", queued_at: entry.queued_at });
        }
      }
      this.store(list);
      if (this.persisted) old.forEach((key) => localStorage.removeItem(key));
    } catch {
      // No storage: nothing was kept there either.
    }
  }
}
