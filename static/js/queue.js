// The offline queue for logged sets: a set the patient did is never lost.
//
// Semantics:
// - A set is written to localStorage (one list per session) *before* it is sent.
// - Entries are sent one at a time, oldest first. An entry leaves the queue only when the
//   server has answered: 2xx (stored) or a 4xx other than 401/403 (refused: sending the same
//   input again would not help; the answer carries the message to show).
// - A network failure, a timeout or a 5xx (also 408/429) keeps the entry; it is sent again
//   every few seconds and as soon as the browser says it is back online.
// - 401/403 or being redirected (the login expired, the CSRF token is stale) keeps the entry
//   but stops retrying: this page cannot fix that, a reload (and maybe a login) can, and the
//   player sends the queue first thing after a reload.
// - Each entry carries its client_id, made once per set attempt. The server treats a repeated
//   client_id as the same set, so resending after an answer that was lost on the way back can
//   never log a set twice.

import { request } from "./http.js";

const RETRY_MS = 3000;

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

export class SetQueue {
  /**
   * @param {string} key localStorage key, e.g. "pending-sets:42"
   * @param {{onSaved: Function, onRejected: Function, onWaiting: Function}} handlers
   *   onSaved(entry, reply, empty) / onRejected(entry, reply, empty): the entry has left the
   *   queue (`empty`: nothing else waits); onWaiting(entry, reason): it stays, reason is
   *   "retry" (will try again by itself) or "blocked" (needs a reload).
   */
  constructor(key, handlers) {
    this.key = key;
    this.handlers = handlers;
    this.memory = []; // used when localStorage is unavailable or full
    this.persisted = true;
    this.busy = false;
    this.timer = null;
    window.addEventListener("online", () => this.drain());
    // A phone coming back from the lock screen: no need to wait for the next retry.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && this.size) this.drain();
    });
  }

  entries() {
    if (!this.persisted) return this.memory.slice();
    try {
      const list = JSON.parse(localStorage.getItem(this.key) || "[]");
      return Array.isArray(list) ? list : [];
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
      if (list.length) localStorage.setItem(this.key, JSON.stringify(list));
      else localStorage.removeItem(this.key);
      this.persisted = true;
    } catch {
      this.persisted = false;
    }
  }

  /** entry: {client_id, url, fields: [name, value][]}. Adding the same client_id twice is a no-op. */
  add(entry) {
    const list = this.entries();
    if (!list.some((queued) => queued.client_id === entry.client_id)) list.push(entry);
    this.store(list);
  }

  remove(clientId) {
    this.store(this.entries().filter((queued) => queued.client_id !== clientId));
  }

  /** Send everything waiting, in order. Safe to call at any time: one run at a time. */
  async drain() {
    if (this.busy) return;
    this.busy = true;
    clearTimeout(this.timer);
    this.timer = null;
    try {
      for (;;) {
        const [entry] = this.entries();
        if (!entry) return;
        let reply = null;
        try {
          reply = await request(entry.url, { fields: entry.fields });
        } catch {
          reply = null; // offline, or no answer in time
        }
        const outcome = verdict(reply);
        if (outcome === "saved" || outcome === "rejected") {
          this.remove(entry.client_id);
          const handler = outcome === "saved" ? this.handlers.onSaved : this.handlers.onRejected;
          this.notify(handler, entry, reply, this.size === 0);
          continue;
        }
        if (outcome === "retry") this.timer = setTimeout(() => this.drain(), RETRY_MS);
        this.notify(this.handlers.onWaiting, entry, outcome);
        return;
      }
    } finally {
      this.busy = false;
    }
  }

  notify(handler, ...args) {
    try {
      handler(...args);
    } catch (error) {
      console.error(error); // a display problem must not stop the queue
    }
  }
}
