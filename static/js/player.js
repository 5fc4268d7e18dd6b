// The exercise player: glue between the page, the server and the mounted set card.
// The markup contract is templates/sessions/player.html.
//
// Flow of one card: "Start this set" (or an automatic start for every card this module swaps
// in after the first set of the page) → the timeline runs (card.js) → check-in (or none
// between sides, or the stop form after "Stop, it hurts") → the set is queued and POSTed
// (queue.js) → the answer is the next #set-card, swapped in with htmx.
//
// Events dispatched on #player-root (for tests and other modules): player:set-started,
// player:phase, player:set-ended, player:saved.

import { SetCard, readTimeline, setText } from "./card.js";
import * as cues from "./cues.js";
import { request } from "./http.js";
import { SetQueue } from "./queue.js";
import * as wakeLock from "./wakelock.js";

const RETRY_MS = 3000;
const WAITING = "Waiting to save… (we'll keep trying)";
const BLOCKED = "Not saved yet. Reload the page (you may need to log in again); the set is kept on this phone.";

function parseHTML(html) {
  return new DOMParser().parseFromString(html || "", "text/html");
}

/** The page: one per #player-root. Talks to the server and swaps cards. */
class Player {
  constructor(root) {
    this.root = root;
    this.saveState = document.getElementById("save-state");
    this.started = false; // a set was started in this page: later cards start by themselves
    this.card = null;
    this.mounted = new WeakSet();
    this.live = new Set(); // client_ids queued from this page view (their answer is swapped in)
    this.swapping = false;
    this.leaving = null; // a link the patient tapped while a set was still waiting to save
    this.queue = new SetQueue(`pending-sets:${root.dataset.session}`, {
      onSaved: (entry, reply, empty) => this.saved(entry, reply, empty),
      onRejected: (entry, reply, empty) => this.rejected(entry, reply, empty),
      onWaiting: (entry, reason) => this.status(reason === "blocked" ? BLOCKED : WAITING, "waiting"),
    });

    root.addEventListener("click", (event) => this.onClick(event));
    root.addEventListener("submit", (event) => this.onSubmit(event));
    root.addEventListener("change", (event) => this.onChange(event));
    // Cards put in by htmx itself (not by this module) are run too: afterSwap comes first,
    // load (after htmx's settle delay) catches anything else.
    document.addEventListener("htmx:afterSwap", (event) => this.onHtmxLoad(event));
    document.addEventListener("htmx:load", (event) => this.onHtmxLoad(event));

    this.backlog = this.queue.size > 0;
    this.mount(document.getElementById("set-card"));
    if (this.backlog) {
      // Sets from before a reload are still waiting: send them first, then ask for the
      // current card (the one shown may already be among them).
      this.status(WAITING, "waiting");
      this.queue.drain();
    }
  }

  emit(name, detail) {
    this.root.dispatchEvent(new CustomEvent(`player:${name}`, { bubbles: true, detail }));
  }

  status(text, kind = "") {
    const element = this.saveState;
    if (!element) return;
    setText(element, text);
    for (const name of ["saved", "waiting", "error"]) element.classList.toggle(name, name === kind);
  }

  mount(element, { autostart = false, timelineText = null } = {}) {
    if (!element || this.mounted.has(element)) return;
    this.mounted.add(element);
    if (this.card && this.card.el !== element) this.card.destroy();
    this.card = null;
    cues.syncCheckboxes(element);
    const phases = readTimeline(element, timelineText);
    if (!phases) {
      // No timeline: the "session complete" card. The screen may sleep again.
      wakeLock.allowSleep();
      return;
    }
    const card = new SetCard(element, phases, this);
    this.card = card;
    if (this.backlog) card.block(true);
    if (!autostart) return;
    if (document.visibilityState !== "hidden") {
      card.start();
      return;
    }
    // Swapped in while the page is hidden (a background tab): keep the count-in for when the
    // patient can see and hear it.
    const startWhenVisible = () => {
      if (document.visibilityState === "hidden") return;
      document.removeEventListener("visibilitychange", startWhenVisible);
      if (this.card === card) card.start();
    };
    document.addEventListener("visibilitychange", startWhenVisible);
  }

  onHtmxLoad(event) {
    if (this.swapping) return;
    const element = event.detail?.elt;
    if (!(element instanceof Element)) return;
    const card = element.id === "set-card" ? element : element.querySelector("#set-card");
    if (card && card.isConnected && this.root.contains(card)) this.mount(card, { autostart: this.started });
  }

  onClick(event) {
    const link = event.target.closest("a[href]");
    if (link && this.queue.size && !this.leaving) {
      // Save the last set before leaving the player (a second tap leaves anyway; the set
      // stays on this phone and is sent next time the player opens).
      event.preventDefault();
      this.leaving = link.href;
      this.status("Saving your last set first…", "waiting");
      this.queue.drain();
      return;
    }
    const button = event.target.closest("[data-action]");
    const card = this.card;
    if (!button || !card || !card.el.contains(button)) return;
    switch (button.dataset.action) {
      case "go":
        if (card.blocked) break;
        // This tap is the gesture that lets audio, speech and the wake lock start.
        cues.unlock();
        wakeLock.keepAwake();
        this.started = true;
        card.start();
        break;
      case "pause":
        card.togglePause();
        break;
      case "skip":
        this.skip(card);
        break;
      case "stop":
        card.stop();
        break;
      case "tap":
        card.tap();
        break;
      case "reps-done":
        card.repsDone();
        break;
      case "skip-checkin":
        this.log(card, {});
        break;
    }
  }

  onSubmit(event) {
    const form = event.target;
    const card = this.card;
    if (!card || !card.el.contains(form)) return;
    event.preventDefault();
    if (form.id !== "checkin" && form.id !== "stop-form") return;
    const answers = {};
    const checkin = card.parts.checkin;
    if (checkin) {
      for (const name of ["effort", "pain", "pain_reach"]) {
        answers[name] = checkin.querySelector(`input[name="${name}"]:checked`)?.value ?? "";
      }
    }
    this.log(card, answers);
  }

  onChange(event) {
    const box = event.target.closest("input[data-setting]");
    if (box) cues.setSetting(box.dataset.setting, box.checked);
  }

  /** Queue the set (before sending: it is never lost), then send. */
  log(card, answers) {
    if (card.state !== "checkin" || !card.result) return;
    const entry = {
      client_id: card.attempt.client_id,
      url: card.el.dataset.logUrl,
      fields: card.fields(answers),
      queued_at: new Date().toISOString(),
    };
    this.queue.add(entry);
    this.live.add(entry.client_id);
    card.saving();
    this.status("Saving…");
    this.queue.drain();
  }

  saved(entry, reply, empty) {
    if (reply.redirect) {
      window.location.assign(reply.redirect);
      return;
    }
    this.status("Saved", "saved");
    this.emit("saved", { client_id: entry.client_id });
    if (empty && this.leaving) {
      window.location.assign(this.leaving);
      return;
    }
    if (this.live.delete(entry.client_id)) {
      // Saved, but an answer without a card (unexpected): ask for the current card instead.
      if (!this.swapCard(reply.html, { autostart: this.started })) this.refreshCard(null);
    } else if (empty) {
      this.refreshCard(reply.html);
    }
  }

  rejected(entry, reply, empty) {
    if (reply.redirect) {
      window.location.assign(reply.redirect);
      return;
    }
    const hasCard = Boolean(parseHTML(reply.html).getElementById("set-card"));
    if (this.live.delete(entry.client_id)) {
      this.status("Not saved: see the message below.", "error");
      // The answer is this card again with the error in place; without one, keep this card
      // and let the patient send it again.
      if (hasCard) this.swapCard(reply.html, { autostart: false });
      else {
        this.status(`Not saved (error ${reply.status}). Please try again.`, "error");
        this.card?.reopen();
      }
    } else {
      this.status("An earlier set could not be saved.", "error");
      if (empty) this.refreshCard(null);
    }
  }

  /** Show the server's current card (after the backlog is sent). */
  async refreshCard(fallbackHtml) {
    this.backlog = false;
    let reply = null;
    try {
      reply = await request(this.root.dataset.stateUrl);
    } catch {
      reply = null;
    }
    if (reply?.redirect) {
      window.location.assign(reply.redirect);
    } else if (reply?.redirected) {
      window.location.assign(reply.url); // e.g. the session was finished elsewhere: its summary
    } else if (reply?.ok && this.swapCard(reply.html, { autostart: false })) {
      // The current card is in place.
    } else if (fallbackHtml && this.swapCard(fallbackHtml, { autostart: false })) {
      // The last POST's answer is the next card too.
    } else if (reply?.ok) {
      this.card?.block(false); // an answer without a card: leave the page as it is
    } else {
      this.backlog = true;
      setTimeout(() => this.refreshCard(null), RETRY_MS);
    }
  }

  async skip(card) {
    if (card.state !== "running") return;
    card.pauseForSkip();
    let reply = null;
    try {
      reply = await request(card.el.dataset.skipUrl, { fields: [["item", card.el.dataset.item || ""]] });
    } catch {
      reply = null;
    }
    if (card !== this.card || card.state !== "skipping") return; // stopped meanwhile: that wins
    if (reply?.redirect) {
      window.location.assign(reply.redirect);
      return;
    }
    const hasCard = reply && !reply.redirected && parseHTML(reply.html).getElementById("set-card");
    if (hasCard && (reply.ok || (reply.status >= 400 && reply.status < 500))) {
      this.status("");
      this.swapCard(reply.html, { autostart: reply.ok && this.started });
    } else {
      const why = reply ? `error ${reply.status}` : "no connection";
      this.status(`Could not skip (${why}). Try again.`, "error");
      card.resumeAfterSkip();
    }
  }

  /** Put the server's card in place of the current one (outerHTML), then run it. */
  swapCard(html, { autostart }) {
    const old = document.getElementById("set-card");
    // Read the timeline from the answer itself too, in case htmx is set to drop <script> tags.
    const fresh = parseHTML(html).getElementById("set-card");
    if (!old || !fresh) return false;
    const timelineText = fresh.querySelector("#set-timeline")?.textContent ?? null;
    this.card?.destroy();
    this.card = null;
    this.swapping = true;
    try {
      const htmx = window.htmx;
      if (htmx && typeof htmx.swap === "function") {
        htmx.swap(old, html, { swapStyle: "outerHTML", swapDelay: 0, settleDelay: 0 }, { select: "#set-card" });
      } else {
        const adopted = document.importNode(fresh, true);
        old.replaceWith(adopted);
        htmx?.process?.(adopted);
      }
    } finally {
      this.swapping = false;
    }
    this.mount(document.getElementById("set-card"), { autostart, timelineText });
    return true;
  }
}

const root = document.getElementById("player-root");
if (root) {
  new Player(root);
  root.dataset.ready = "true"; // the buttons work from here on (tests wait for this)
}
