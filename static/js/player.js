// The exercise player: runs the whole session on the phone, set by set, from the plan the
// page carries (#session-plan), while the sets go to the server through the outbox
// (queue.js, sent in the background from any page). The markup is
// templates/sessions/player.html.
//
// One of four cards is shown at a time:
// - "Next up" (#next-card): the next exercise, its position, dose and side. It starts on
//   "I'm ready", or after the transition countdown the patient chose (never after a stop,
//   and never for the first exercise, whose tap also unlocks sound and the wake lock).
// - the set (#set-card): the timeline, then the check-in after the last side of a set.
//   Sets and sides of one exercise run straight on; the rest between sets is in the timeline.
// - "Stopped" (#stop-card): first why, then rest and go on / skip this exercise / end today.
// - "All sets done" (#done-card): the finish, queued like a set. When the last check-in
//   already asked for pain, it is not asked again.
//
// Hooks for other modules (an exercise figure, tests), as events on #player-root:
// - player:progress, on every tick of a running set: detail {slot, item, index, phase,
//   fraction, remainingMs, paused}; `phase` is {phase, seconds, rep, reps} and `fraction`
//   is how much of that phase is done (0 → 1). The slot's whole timeline is slot.timeline.
// - player:phase, player:set-started, player:set-ended, player:card ({card, slot}).

import { SetCard, setText } from "./card.js";
import * as cues from "./cues.js";
import { request } from "./http.js";
import { newClientId } from "./queue.js";
import { outbox } from "./sync.js";
import * as wakeLock from "./wakelock.js";

const UNDO_MS = 5000;
const STATE_POLL_MS = 15000;
const TRANSITION_KEY = "player-transition";
const DEFAULT_TRANSITION = 15;

const slotKey = (slot) => `${slot.item}:${slot.set_number}:${slot.side}`;

function readJSON(key, fallback) {
  try {
    const value = JSON.parse(localStorage.getItem(key) || "null");
    return value ?? fallback;
  } catch {
    return fallback;
  }
}

function writeJSON(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or full: the page still runs; the outbox keeps the sets themselves.
  }
}

function transitionSeconds() {
  const stored = Number(readJSON(TRANSITION_KEY, DEFAULT_TRANSITION));
  return Number.isFinite(stored) && stored >= 0 ? stored : DEFAULT_TRANSITION;
}

function minutesText(seconds) {
  if (seconds <= 0) return "almost done";
  return `about ${Math.max(1, Math.ceil(seconds / 60))} min left`;
}

class Player {
  constructor(root) {
    this.root = root;
    this.data = root.dataset;
    this.plan = JSON.parse(document.getElementById("session-plan").textContent);
    this.items = new Map(this.plan.items.map((item) => [item.id, item]));
    this.slots = this.plan.slots;
    this.progressKey = `session-progress:${this.plan.session}`;
    this.local = readJSON(this.progressKey, { done: [], finished: false });
    this.done = new Set([...this.slots.filter((slot) => slot.done).map(slotKey), ...this.local.done]);
    this.adoptQueued();
    this.card = null;
    this.index = -1;
    this.cards = {
      next: document.getElementById("next-card"),
      set: document.getElementById("set-card"),
      stop: document.getElementById("stop-card"),
      done: document.getElementById("done-card"),
    };
    this.countdown = null;
    this.pendingSkip = null;
    this.stoppedCard = null;
    this.unlocked = false;

    root.addEventListener("click", (event) => this.onClick(event));
    root.addEventListener("submit", (event) => this.onSubmit(event));
    root.addEventListener("change", (event) => this.onChange(event));
    outbox.subscribe((event) => this.onOutbox(event));
    window.addEventListener("online", () => this.checkState());
    setInterval(() => this.checkState(), STATE_POLL_MS);

    const select = document.getElementById("transition-seconds");
    if (select) select.value = String(transitionSeconds());

    if (this.local.finished) this.showDone({ queued: true });
    else {
      const next = this.firstOpen();
      if (next < 0) this.showDone({});
      else this.showNext(next, { countdown: 0, first: true });
    }
    this.checkState();
  }

  // --- hooks ---------------------------------------------------------------------------

  emit(name, detail) {
    this.root.dispatchEvent(new CustomEvent(`player:${name}`, { bubbles: true, detail }));
  }

  /** Called by the set card on every tick: the one place a figure module listens to. */
  progress(detail) {
    this.emit("progress", { ...detail, item: this.items.get(detail.slot.item) });
  }

  // --- the plan on this phone ------------------------------------------------------------

  /** Sets and skips still in the outbox count as done here (the page may be an old copy). */
  adoptQueued() {
    for (const entry of outbox.entries()) {
      if (entry.session !== this.plan.session) continue;
      if (entry.kind === "set" && entry.slot) this.done.add(entry.slot);
      if (entry.kind === "skip") this.markItemDone(entry.item, { save: false });
      if (entry.kind === "finish") this.local.finished = true;
    }
  }

  markDone(slot) {
    this.done.add(slotKey(slot));
    this.save();
  }

  save() {
    const skipping = new Set(this.pendingSkip?.keys || []);
    this.local.done = [...this.done].filter((key) => !skipping.has(key));
    writeJSON(this.progressKey, this.local);
  }

  markItemDone(itemId, { save = true } = {}) {
    for (const slot of this.slots) if (slot.item === itemId) this.done.add(slotKey(slot));
    if (save) this.save();
  }

  firstOpen() {
    return this.slots.findIndex((slot) => !this.done.has(slotKey(slot)));
  }

  showProgress() {
    const total = this.slots.length;
    const doneCount = this.slots.filter((slot) => this.done.has(slotKey(slot))).length;
    const open = this.slots.filter((slot) => !this.done.has(slotKey(slot)));
    const openItems = new Set(open.map((slot) => slot.item)).size;
    const seconds = open.reduce((sum, slot) => sum + slot.seconds, 0) + Math.max(0, openItems - 1) * transitionSeconds();
    setText(document.getElementById("progress-count"), `${doneCount} of ${total} sets done`);
    setText(document.getElementById("time-left"), minutesText(seconds));
    const bar = document.getElementById("progress-bar");
    bar?.setAttribute("aria-valuenow", String(doneCount));
    bar?.setAttribute("aria-valuetext", `${doneCount} of ${total} sets done`);
    const fill = document.getElementById("progress-fill");
    if (fill) fill.style.width = `${total ? (100 * doneCount) / total : 100}%`;
  }

  // --- cards -------------------------------------------------------------------------------

  show(name) {
    for (const [key, card] of Object.entries(this.cards)) if (card) card.hidden = key !== name;
    document.getElementById("end-link").hidden = name === "done" || name === "stop";
    this.showProgress();
    // After every swap, keyboard and screen-reader focus lands on the new card's heading
    // (not on the first card of the page: a fresh page starts at its top).
    if (this.shown) this.cards[name]?.querySelector("h1")?.focus({ preventScroll: true });
    this.shown = true;
    window.scrollTo?.(0, 0);
    this.emit("card", { card: name, slot: this.slots[this.index] });
  }

  slotWords(slot) {
    const item = this.items.get(slot.item);
    return {
      item,
      progress: `Exercise ${item.number} of ${this.plan.items.length} · set ${slot.set_number} of ${item.sets}`,
    };
  }

  /** The "Next up" card. countdown: seconds before it starts by itself (0: only on tap). */
  showNext(index, { countdown = 0, first = false } = {}) {
    this.stopCountdown();
    this.index = index;
    const slot = this.slots[index];
    const { item, progress } = this.slotWords(slot);
    setText(document.getElementById("next-eyebrow"), first && index === 0 ? "First up" : "Next up");
    setText(document.getElementById("next-title"), item.name);
    setText(document.getElementById("next-progress"), progress);
    setText(document.getElementById("next-position"), item.position);
    document.getElementById("next-figure").innerHTML = item.thumb ?? ""; // server-drawn markup
    setText(document.getElementById("next-dose"), item.dose.charAt(0).toUpperCase() + item.dose.slice(1));
    const side = document.getElementById("next-side");
    setText(side, slot.side_label);
    side.hidden = !slot.side_label;
    this.show("next");
    if (countdown > 0) this.startCountdown(countdown);
  }

  startCountdown(seconds) {
    const text = document.getElementById("next-countdown");
    const holdOn = this.cards.next.querySelector('[data-action="hold-on"]');
    const deadline = Date.now() + seconds * 1000;
    const tick = () => {
      const left = Math.ceil((deadline - Date.now()) / 1000);
      if (left <= 0) {
        this.ready();
        return;
      }
      setText(text, `Starts by itself in ${left} s`);
    };
    text.hidden = false;
    holdOn.hidden = false;
    tick();
    this.countdown = setInterval(tick, 250);
  }

  stopCountdown() {
    clearInterval(this.countdown);
    this.countdown = null;
    const text = document.getElementById("next-countdown");
    if (text) text.hidden = true;
    const holdOn = this.cards.next?.querySelector('[data-action="hold-on"]');
    if (holdOn) holdOn.hidden = true;
  }

  /** "I'm ready" (or the countdown ran out): the set starts. */
  ready() {
    this.stopCountdown();
    this.commitSkip();
    const index = this.firstOpen() === this.index ? this.index : this.firstOpen();
    if (index < 0) {
      this.showDone({});
      return;
    }
    this.startSlot(index);
  }

  /** Fill the set card for a slot and run it. */
  startSlot(index) {
    this.index = index;
    const slot = this.slots[index];
    const { item, progress } = this.slotWords(slot);
    const element = this.cards.set;
    setText(element.querySelector("#set-title"), item.name);
    setText(element.querySelector("#set-progress"), progress);
    setText(element.querySelector("#set-dose"), item.dose.charAt(0).toUpperCase() + item.dose.slice(1));
    const side = element.querySelector("#side-label");
    setText(side, slot.side_label);
    side.hidden = !slot.side_label;
    const steps = element.querySelector("#set-steps");
    steps.replaceChildren(
      ...item.steps.map((text) => {
        const li = document.createElement("li");
        li.textContent = text;
        return li;
      }),
    );
    const cautions = element.querySelector("#set-cautions");
    setText(cautions, item.cautions);
    cautions.hidden = !item.cautions;
    element.querySelector("#set-timeline")?.remove(); // the first card's copy; the plan has them all
    // The slot's own figure (server-drawn markup from the plan; the set card mounts it).
    element.querySelector("#figure-slot").innerHTML = item.figures?.[slot.side] ?? "";
    this.card?.destroy();
    this.card = new SetCard(element, slot, this);
    cues.syncCheckboxes(element);
    this.show("set");
    const card = this.card;
    if (document.visibilityState !== "hidden") {
      card.start();
      return;
    }
    // Started while the page is hidden (a background tab): keep the count-in for when the
    // patient can see and hear it.
    const startWhenVisible = () => {
      if (document.visibilityState === "hidden") return;
      document.removeEventListener("visibilitychange", startWhenVisible);
      if (this.card === card) card.start();
    };
    document.addEventListener("visibilitychange", startWhenVisible);
  }

  /**
   * After a set: the next set or side of the same exercise runs straight on; a new exercise
   * waits on "Next up". After a stop nothing starts by itself (afterStop).
   */
  advance({ afterStop = false, answers = null } = {}) {
    const previous = this.slots[this.index];
    const next = this.firstOpen();
    if (next < 0) {
      this.showDone({ answers });
      return;
    }
    if (!afterStop && previous && this.slots[next].item === previous.item) {
      this.startSlot(next);
      return;
    }
    this.showNext(next, { countdown: afterStop ? 0 : transitionSeconds() });
  }

  // --- the outbox --------------------------------------------------------------------------

  queueSet(card, answers, stopReason = "") {
    const slot = card.slot;
    const item = this.items.get(slot.item);
    const side = slot.side_label ? `, ${slot.side_label.toLowerCase()}` : "";
    card.saving();
    outbox.add({
      id: card.attempt.client_id,
      kind: "set",
      session: this.plan.session,
      url: this.data.logUrl,
      fields: card.fields(answers, stopReason),
      label: `${item.name}, set ${slot.set_number}${side}`,
      slot: slotKey(slot),
    });
    this.markDone(slot);
  }

  queueSkip(itemId) {
    const item = this.items.get(itemId);
    outbox.add({
      id: newClientId(),
      kind: "skip",
      session: this.plan.session,
      url: this.data.skipUrl,
      fields: [["item", String(itemId)]],
      label: `Skipping ${item.name}`,
      item: itemId,
    });
    this.markItemDone(itemId);
  }

  queueFinish(pain, reach) {
    outbox.add({
      id: newClientId(),
      kind: "finish",
      session: this.plan.session,
      url: this.data.finishUrl,
      fields: [
        ["pain", String(pain)],
        ["reach", String(reach)],
      ],
      label: "The end of your session",
    });
    this.local.finished = true;
    this.save();
  }

  onOutbox(event) {
    const entry = event.entry;
    if (!entry || entry.session !== this.plan.session) return;
    // The finish is saved (its answer sends us to the summary), or a red flag stopped the
    // session (409, to the stop page).
    const redirect = event.reply?.redirect;
    if (redirect && (entry.kind === "finish" || event.reply.status === 409)) {
      this.card?.destroy();
      window.location.assign(redirect);
    } else if (event.type === "rejected" && entry.kind === "finish") {
      // Refused (the notice says why): ask again rather than wait for ever.
      this.local.finished = false;
      this.save();
      this.showDone({ ask: true });
    }
  }

  /** Ask the server whether the session is still open: a red flag or a finish elsewhere. */
  async checkState() {
    if (!navigator.onLine) return;
    let reply = null;
    try {
      reply = await request(this.data.stateUrl);
    } catch {
      return;
    }
    const state = reply.json;
    if (!reply.ok || reply.redirected || !state) return;
    if (state.state === "on_hold") {
      this.card?.destroy();
      window.location.assign(state.url);
    } else if (state.state === "finished" && !outbox.entries().some((entry) => entry.session === this.plan.session)) {
      window.location.assign(state.url);
    }
  }

  // --- what the patient taps ---------------------------------------------------------------

  onClick(event) {
    const button = event.target.closest("[data-action]");
    if (!button || !this.root.contains(button)) return;
    const card = this.card;
    switch (button.dataset.action) {
      case "ready":
        if (!this.unlocked) {
          // The first tap is the gesture that lets audio, speech and the wake lock start.
          cues.unlock();
          wakeLock.keepAwake();
          this.unlocked = true;
        }
        this.ready();
        break;
      case "hold-on":
        this.stopCountdown();
        this.cards.next.querySelector('[data-action="ready"]')?.focus();
        break;
      case "pause":
        card?.togglePause();
        break;
      case "skip":
        this.skip();
        break;
      case "undo-skip":
        this.undoSkip();
        break;
      case "stop":
        card?.stop();
        break;
      case "tap":
        card?.tap();
        break;
      case "reps-done":
        card?.repsDone();
        break;
      case "skip-checkin":
        this.checkinDone(card, {});
        break;
      case "stop-reason":
        this.stopReason(button.dataset.reason);
        break;
      case "stop-rest":
        this.advance({ afterStop: true });
        break;
      case "stop-skip":
        this.queueSkip(this.stoppedCard.slot.item);
        this.advance({ afterStop: true });
        break;
      case "stop-end":
        this.showDone({ ask: true });
        break;
      case "end":
        event.preventDefault();
        this.card?.destroy();
        this.commitSkip();
        this.showDone({ ask: true });
        break;
    }
  }

  onSubmit(event) {
    const form = event.target;
    event.preventDefault();
    if (form.id === "checkin" && this.card) {
      const answers = {};
      for (const name of ["effort", "pain", "pain_reach"]) {
        answers[name] = form.querySelector(`input[name="${name}"]:checked`)?.value ?? "";
      }
      this.checkinDone(this.card, answers);
    } else if (form.classList.contains("finish-form")) {
      this.submitFinish(form);
    }
  }

  onChange(event) {
    const box = event.target.closest("input[data-setting]");
    if (box) cues.setSetting(box.dataset.setting, box.checked);
    if (event.target.id === "transition-seconds") {
      writeJSON(TRANSITION_KEY, Number(event.target.value));
      this.stopCountdown();
      this.showProgress();
    }
  }

  /** The timeline ended on a slot with no check-in (the first side): go straight on. */
  setEnded(card, answers) {
    this.queueSet(card, answers);
    this.advance();
  }

  checkinDone(card, answers) {
    if (!card || card.state !== "checkin") return;
    this.queueSet(card, answers);
    this.advance({ answers });
  }

  /** "Stop, it hurts": why first, then what now. Nothing starts by itself from here. */
  stopped(card) {
    this.stoppedCard = card;
    setText(document.getElementById("stop-lead"), "What you did is kept.");
    this.cards.stop.querySelector("#stop-reasons").hidden = false;
    this.cards.stop.querySelector("#stop-next").hidden = true;
    this.show("stop");
  }

  stopReason(reason) {
    const card = this.stoppedCard;
    if (!card || card.state !== "stopped") return;
    card.state = "checkin";
    this.queueSet(card, {}, reason);
    const label = this.cards.stop.querySelector(`[data-reason="${reason}"]`)?.textContent.trim();
    setText(document.getElementById("stop-lead"), `Saved as “${label}”. What you did is kept.`);
    this.cards.stop.querySelector("#stop-reasons").hidden = true;
    this.cards.stop.querySelector("#stop-next").hidden = false;
    this.showProgress();
    this.cards.stop.querySelector("#stop-next-title")?.focus();
  }

  /** Skip: the next exercise shows at once, with 5 s to undo before it is sent. */
  skip() {
    const card = this.card;
    if (!card || card.state !== "running") return;
    this.commitSkip();
    card.destroy();
    const item = this.items.get(card.slot.item);
    const keys = this.slots.filter((slot) => slot.item === item.id && !this.done.has(slotKey(slot))).map(slotKey);
    keys.forEach((key) => this.done.add(key)); // shown as done, saved only once the undo time is up
    const bar = document.getElementById("undo-bar");
    setText(document.getElementById("undo-text"), `Skipped ${item.name}.`);
    bar.hidden = false;
    this.pendingSkip = { item: item.id, keys, timer: setTimeout(() => this.commitSkip(), UNDO_MS) };
    const next = this.firstOpen();
    if (next < 0) this.showDone({});
    else this.showNext(next, { countdown: transitionSeconds() });
  }

  /** The skip waiting out its undo time, if any; the undo bar goes. */
  takePendingSkip() {
    const pending = this.pendingSkip;
    if (pending) clearTimeout(pending.timer);
    this.pendingSkip = null;
    document.getElementById("undo-bar").hidden = true;
    return pending;
  }

  commitSkip() {
    const pending = this.takePendingSkip();
    if (pending) this.queueSkip(pending.item);
  }

  undoSkip() {
    const pending = this.takePendingSkip();
    if (!pending) return;
    pending.keys.forEach((key) => this.done.delete(key));
    this.showNext(this.firstOpen(), { countdown: 0 });
  }

  // --- the end -----------------------------------------------------------------------------

  /**
   * answers: the last check-in's; with pain and reach in it, the finish goes without asking
   * again. ask: the patient ended early, so pain is asked here. queued: already finished.
   */
  showDone({ answers = null, ask = false, queued = false } = {}) {
    this.stopCountdown();
    this.card?.destroy();
    wakeLock.allowSleep();
    const doneCount = this.slots.filter((slot) => this.done.has(slotKey(slot))).length;
    const title = document.getElementById("done-card-title");
    setText(title, doneCount === this.slots.length ? "All sets done" : "Ending the session");
    setText(document.getElementById("done-lead"), `You did ${doneCount} of ${this.slots.length} sets. Well done for showing up.`);
    const known = !ask && answers && answers.pain !== "" && answers.pain_reach !== "" && answers.pain != null;
    if (!queued && known) {
      this.queueFinish(answers.pain, answers.pain_reach);
      queued = true;
    }
    document.getElementById("done-ask").hidden = queued;
    document.getElementById("done-queued").hidden = !queued;
    this.show("done");
  }

  submitFinish(form) {
    const pain = form.querySelector('input[name="pain"]:checked')?.value;
    const reach = form.querySelector('input[name="reach"]:checked')?.value;
    const error = document.getElementById("finish-error");
    if (pain == null || reach == null) {
      setText(error, "Choose how much it hurts now and where the pain reaches, then finish.");
      error.hidden = false;
      return;
    }
    error.hidden = true;
    this.queueFinish(pain, reach);
    this.showDone({ queued: true });
  }
}

const root = document.getElementById("player-root");
if (root) {
  new Player(root);
  root.dataset.ready = "true"; // the buttons work from here on (tests wait for this)
}
