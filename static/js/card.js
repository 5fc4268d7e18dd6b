// One slot on the #set-card: runs its timeline (timer.js) and shows it, with cues, the tap
// counter, pause and "Stop, it hurts", then the check-in. It knows nothing of the server:
// when the set is over it hands its result to the player (player.setEnded / player.stopped).
//
// Every tick goes through player.progress(detail) in one place: the current phase and the
// fraction of it done, which is what an exercise figure follows.

import * as cues from "./cues.js";
import { mountFigure } from "./figure.js";
import { newClientId } from "./queue.js";
import { Timeline } from "./timer.js";
import * as wakeLock from "./wakelock.js";

const RING_LENGTH = 339.292; // 2πr for r = 54, the ring's stroke-dasharray

const LABELS = {
  ready: "Get ready",
  switch: "Switch sides",
  hold: "Hold",
  rest: "Rest",
  move: "Keep moving",
  reps: "Your pace",
};
const SPOKEN = { ...LABELS, reps: "Go at your own pace" };
const REP_PHASES = new Set(["hold", "rest", "reps"]);
// With pacing on, one tapped rep takes this long: "up" at its start, "and down" halfway.
export const PACED_REP_MS = 4000;

function show(element, visible = true) {
  if (element) element.hidden = !visible;
}

export function setText(element, text) {
  if (element && element.textContent !== text) element.textContent = text;
}

function clock(seconds) {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

function describe(phase) {
  const parts = [LABELS[phase.phase] || phase.phase];
  if (REP_PHASES.has(phase.phase) && phase.reps) parts.push(`rep ${phase.rep} of ${phase.reps}`);
  if (phase.phase === "reps") parts.push(`tap after each rep, ${phase.reps} reps`);
  else if (phase.phase === "move") parts.push(`${Math.round(phase.seconds / 60)} minutes`);
  else parts.push(`${phase.seconds} seconds`);
  return `${parts.join(", ")}.`;
}

/** One mounted #set-card with a timeline. */
export class SetCard {
  constructor(element, slot, player) {
    this.el = element;
    this.slot = slot;
    this.phases = slot.timeline;
    this.player = player;
    this.state = "idle"; // idle | running | checkin | stopped | saving | gone
    this.timeline = null;
    this.attempt = null; // {client_id, started_at}: one per set attempt, kept through retries
    this.result = null; // {outcome, held_seconds?, reps_done?, finished_at}
    this.taps = 0;
    this.lastSecond = null;
    this.figure = mountFigure(element); // the moving figure (figure.js), if the exercise has one
    const find = (selector) => element.querySelector(selector);
    this.parts = {
      timer: find("#timer"),
      ring: find("#timer-ring"),
      phase: find("#timer-phase"),
      number: find("#timer-number"),
      rep: find("#timer-rep"),
      announce: find("#timer-announce"),
      controls: find("#controls"),
      pause: find('[data-action="pause"]'),
      tap: find('[data-action="tap"]'),
      repsDone: find('[data-action="reps-done"]'),
      checkin: find("#checkin"),
    };
    this.reset();
  }

  /** The card as it looks before the set starts. */
  reset() {
    const first = this.phases.find((phase) => phase.phase !== "ready" && phase.phase !== "switch" && phase.phase !== "rest");
    this.parts.timer.dataset.phase = "ready";
    delete this.parts.timer.dataset.paused;
    setText(this.parts.phase, "Get ready");
    setText(this.parts.number, first?.phase === "reps" ? "0" : String(first?.seconds ?? ""));
    setText(this.parts.rep, "");
    this.parts.ring?.setAttribute("stroke-dashoffset", "0");
    show(this.parts.controls, false);
    show(this.parts.tap, false);
    show(this.parts.repsDone, false);
    show(this.parts.checkin, false);
    this.parts.checkin?.reset();
    if (this.parts.pause) {
      this.parts.pause.textContent = "Pause";
      this.parts.pause.setAttribute("aria-pressed", "false");
    }
  }

  get current() {
    return this.timeline?.snapshot().phase;
  }

  start() {
    if (this.state !== "idle") return;
    this.state = "running";
    this.attempt = { client_id: newClientId(), started_at: new Date().toISOString() };
    show(this.parts.controls);
    wakeLock.keepAwake();
    this.timeline = new Timeline(this.phases, {
      onPhase: (snapshot) => this.phaseBegan(snapshot),
      onTick: (snapshot) => this.render(snapshot),
      onEnd: () => this.ended(),
    });
    this.timeline.start();
    this.figure?.follow(this.timeline);
    this.player.emit("set-started", { client_id: this.attempt.client_id });
  }

  phaseBegan(snapshot) {
    const { phase } = snapshot;
    this.parts.timer.dataset.phase = phase.phase;
    this.lastSecond = null;
    const counting = phase.phase === "reps";
    show(this.parts.tap, counting);
    show(this.parts.repsDone, counting);
    // Paced reps: the phone counts them, so a patient on all fours need not tap.
    this.pace = counting && cues.settings.pace ? { start: Date.now(), cue: -1, pausedAt: null } : null;
    cues.phase(SPOKEN[phase.phase]);
    this.announce(describe(phase));
    this.render(snapshot);
    this.player.emit("phase", { index: snapshot.index, phase: phase.phase });
  }

  /** The figure hook: one call per tick with the phase and how far through it the set is. */
  report(snapshot, fraction) {
    this.player.progress({
      slot: this.slot,
      index: snapshot.index,
      phase: snapshot.phase,
      fraction,
      remainingMs: snapshot.remainingMs,
      paused: snapshot.paused,
    });
  }

  render(snapshot) {
    const { phase, remainingMs, paused } = snapshot;
    const { phase: phaseText, number, rep, ring } = this.parts;
    if (phase.phase === "reps" && this.pace && !paused && this.paceReps(phase)) return;
    setText(phaseText, paused ? "Paused" : LABELS[phase.phase] || phase.phase);
    let fraction = 1;
    if (phase.phase === "reps") {
      setText(number, String(this.taps));
      fraction = phase.reps ? 1 - this.taps / phase.reps : 1;
    } else {
      const seconds = Math.ceil(remainingMs / 1000);
      setText(number, phase.phase === "move" ? clock(seconds) : String(seconds));
      fraction = phase.seconds > 0 ? remainingMs / (phase.seconds * 1000) : 0;
      // Short beeps in the last 3 s, once per whole second (not in the phase's first second,
      // which already had the phase-change beep).
      if (!paused && seconds !== this.lastSecond) {
        if (seconds >= 1 && seconds <= 3 && seconds < phase.seconds) cues.countdown();
        this.lastSecond = seconds;
      }
    }
    // Tapped reps have one counter: the big number is the reps done, "of 10" under it.
    let repText = "";
    if (phase.phase === "reps" && phase.reps) repText = `of ${phase.reps} reps`;
    else if (REP_PHASES.has(phase.phase) && phase.reps) repText = `rep ${phase.rep} of ${phase.reps}`;
    setText(rep, repText);
    fraction = Math.min(1, Math.max(0, fraction));
    ring?.setAttribute("stroke-dashoffset", (RING_LENGTH * (1 - fraction)).toFixed(3));
    this.report(snapshot, 1 - fraction);
  }

  /** Count paced reps from the clock; true when the last one ended the phase. */
  paceReps(phase) {
    const pace = this.pace;
    const half = Math.floor((Date.now() - pace.start) / (PACED_REP_MS / 2));
    while (pace.cue < half) {
      pace.cue += 1;
      if (pace.cue % 2 === 1) {
        cues.pace("down");
        continue;
      }
      if (pace.cue > 0) {
        this.taps += 1;
        if (phase.reps && this.taps >= phase.reps) {
          this.pace = null;
          this.timeline.next();
          return true;
        }
      }
      cues.pace("up");
    }
    return false;
  }

  togglePause() {
    if (this.state !== "running") return;
    if (this.pace) {
      // The paused time does not count towards the paced reps.
      if (this.timeline.paused) this.pace.start += Date.now() - this.pace.pausedAt;
      else this.pace.pausedAt = Date.now();
    }
    if (this.timeline.paused) this.timeline.resume();
    else this.timeline.pause();
    const paused = this.timeline.paused;
    const button = this.parts.pause;
    if (button) {
      button.textContent = paused ? "Resume" : "Pause";
      button.setAttribute("aria-pressed", String(paused));
    }
    if (paused) this.parts.timer.dataset.paused = "true";
    else delete this.parts.timer.dataset.paused;
    if (paused) cues.quiet();
    this.render(this.timeline.snapshot());
    this.announce(paused ? "Paused." : "Going again.");
  }

  tap() {
    if (this.state !== "running" || this.timeline.paused) return;
    const phase = this.current;
    if (phase?.phase !== "reps") return;
    this.taps += 1;
    cues.tap();
    this.render(this.timeline.snapshot());
    if (phase.reps && this.taps >= phase.reps) this.timeline.next();
  }

  repsDone() {
    if (this.state !== "running" || this.current?.phase !== "reps") return;
    this.timeline.next();
  }

  /** What was done so far, as SetLog fields. */
  progress(snapshot, completed) {
    const phases = this.phases;
    const countPhase = phases.find((phase) => phase.phase === "reps");
    if (countPhase) return { reps_done: this.taps };
    const moveIndex = phases.findIndex((phase) => phase.phase === "move");
    if (moveIndex >= 0) {
      const total = phases[moveIndex].seconds;
      if (completed || !snapshot || snapshot.index > moveIndex) return { held_seconds: total };
      if (snapshot.index < moveIndex) return { held_seconds: 0 };
      return { held_seconds: Math.floor(snapshot.elapsedMs / 1000) };
    }
    const holds = phases.filter((phase) => phase.phase === "hold");
    if (!holds.length) return {};
    if (completed || !snapshot) return { held_seconds: holds.at(-1).seconds, reps_done: holds.length };
    // Stopped: holds before this point were completed; the one under way counts as the
    // last repetition attempted, with the seconds it was actually held.
    let done = 0;
    let held = 0;
    phases.forEach((phase, index) => {
      if (phase.phase !== "hold") return;
      if (index < snapshot.index) {
        done += 1;
        held = phase.seconds;
      } else if (index === snapshot.index) {
        held = Math.floor(snapshot.elapsedMs / 1000);
      }
    });
    return { held_seconds: held, reps_done: done };
  }

  ended() {
    this.result = { outcome: "completed", ...this.progress(null, true), finished_at: new Date().toISOString() };
    this.parts.timer.dataset.phase = "done";
    setText(this.parts.phase, "Done");
    this.parts.ring?.setAttribute("stroke-dashoffset", String(RING_LENGTH));
    cues.done();
    this.afterTimeline();
    this.player.emit("set-ended", { outcome: "completed" });
    if (this.slot.checkin) {
      this.announce("Done. How was that? Three questions, or skip them.");
      this.askCheckin();
    } else {
      this.announce("Done.");
      this.player.setEnded(this, {});
    }
  }

  stop() {
    // Always honoured, even while a skip is on its way to the server.
    if (this.state !== "running") return;
    const snapshot = this.timeline.stop();
    this.result = { outcome: "stopped", ...this.progress(snapshot, false), finished_at: new Date().toISOString() };
    this.parts.timer.dataset.phase = "stopped";
    setText(this.parts.phase, "Stopped");
    cues.quiet();
    this.afterTimeline();
    this.player.emit("set-ended", { outcome: "stopped" });
    this.state = "stopped";
    this.player.stopped(this);
  }

  afterTimeline() {
    this.figure?.rest();
    this.state = "checkin";
    delete this.parts.timer.dataset.paused;
    show(this.parts.controls, false);
    show(this.parts.tap, false);
    show(this.parts.repsDone, false);
  }

  askCheckin() {
    this.state = "checkin";
    show(this.parts.checkin);
    const title = this.parts.checkin.querySelector("h2");
    title?.focus?.();
    title?.scrollIntoView?.({ block: "start" });
  }

  /** The set is handed to the queue: no second submit. */
  saving() {
    this.state = "saving";
    show(this.parts.checkin, false);
  }

  /** SetLog form fields, in a stable order. */
  fields(answers, stopReason = "") {
    const slot = this.slot;
    const result = this.result;
    const fields = [
      ["client_id", this.attempt.client_id],
      ["item", String(slot.item)],
      ["set_number", String(slot.set_number)],
      ["side", slot.side || ""],
      ["outcome", result.outcome],
    ];
    if (result.held_seconds != null) fields.push(["held_seconds", String(result.held_seconds)]);
    if (result.reps_done != null) fields.push(["reps_done", String(result.reps_done)]);
    for (const name of ["effort", "pain", "pain_reach"]) {
      if (answers[name] != null && answers[name] !== "") fields.push([name, String(answers[name])]);
    }
    if (result.outcome === "stopped" && stopReason) fields.push(["stop_reason", stopReason]);
    fields.push(["started_at", this.attempt.started_at], ["finished_at", result.finished_at]);
    return fields;
  }

  announce(text) {
    const region = this.parts.announce;
    if (!region) return;
    // Clear first so that the same words twice in a row are read out again.
    region.textContent = "";
    region.textContent = text;
  }

  destroy() {
    this.figure?.stop();
    this.timeline?.stop();
    this.state = "gone";
  }
}
