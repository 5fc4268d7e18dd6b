// The set timer: runs one set's list of phases against wall-clock deadlines.
//
// Time left is always `deadline - Date.now()`, never a count of ticks. Browsers throttle or
// freeze timers in a hidden tab or on a locked phone, so counted ticks drift and stall. Each
// phase's deadline is chained from the previous phase's deadline (not from "now"), so one
// tick() after a minute away walks forward through every phase that ended in the meantime
// and lands on the right phase with the right time left.
//
// Besides the display tick, a timeout is set for the current deadline itself: a tick that runs
// a hair before a deadline (a busy or throttled phone) would otherwise leave the phase running
// a whole tick too long. The tick still does the work; the timeout only asks for one on time.
//
// A "reps" phase is untimed: the patient taps each rep, and the player calls next() when the
// count is reached. The timer never skips past it on its own.

const TICK_MS = 250;

export const isTimed = (phase) => phase.phase !== "reps";

export class Timeline {
  /**
   * @param {{phase: string, seconds: number, rep: number, reps: number}[]} phases
   * @param {{onPhase?: Function, onTick?: Function, onEnd?: Function}} handlers
   *   onPhase(snapshot, {skipped}) when a new phase begins (skipped: phases passed through
   *   unseen while the page slept); onTick(snapshot) on every tick; onEnd() after the last phase.
   */
  constructor(phases, { onPhase = () => {}, onTick = () => {}, onEnd = () => {} } = {}) {
    this.phases = phases;
    this.handlers = { onPhase, onTick, onEnd };
    this.index = -1;
    this.deadline = null; // epoch ms when the current timed phase ends; null if untimed
    this.frozen = null; // ms left at the moment of pausing
    this.state = "idle"; // idle | running | paused | ended | stopped
    this.interval = null;
    this.timeout = null; // the timeout set for armedFor, the deadline it waits for
    this.armedFor = null;
    this.tick = this.tick.bind(this);
    this.onDeadline = () => {
      this.timeout = null;
      this.armedFor = null;
      this.tick();
    };
    this.onWake = () => {
      if (document.visibilityState === "visible") this.tick();
    };
  }

  get running() {
    return this.state === "running" || this.state === "paused";
  }

  get paused() {
    return this.state === "paused";
  }

  start() {
    if (this.state !== "idle" || !this.phases.length) return;
    this.state = "running";
    this.interval = setInterval(this.tick, TICK_MS);
    // Coming back to the page must show the right time at once, not after the next tick.
    document.addEventListener("visibilitychange", this.onWake);
    window.addEventListener("pageshow", this.onWake);
    this.enter(0, Date.now(), 0);
    this.tick();
  }

  /** Recompute from the clock: advance past every phase whose deadline has passed. */
  tick() {
    if (!this.running) return;
    if (this.state === "running") {
      const now = Date.now();
      let passed = 0;
      while (this.deadline !== null && now >= this.deadline) {
        if (this.index + 1 >= this.phases.length) {
          this.finish();
          return;
        }
        // The next phase began when this one ended, even if nobody was watching.
        const startedAt = this.deadline;
        this.index += 1;
        passed += 1;
        const phase = this.phases[this.index];
        this.deadline = isTimed(phase) ? startedAt + phase.seconds * 1000 : null;
      }
      if (passed) this.handlers.onPhase(this.snapshot(), { skipped: passed - 1 });
    }
    if (this.running) this.handlers.onTick(this.snapshot());
    this.arm();
  }

  /** Keep one timeout set for the running phase's deadline (none while paused or untimed). */
  arm() {
    const deadline = this.state === "running" ? this.deadline : null;
    if (deadline === this.armedFor) return;
    clearTimeout(this.timeout);
    this.armedFor = deadline;
    this.timeout = deadline === null ? null : setTimeout(this.onDeadline, Math.max(0, deadline - Date.now()));
  }

  pause() {
    if (this.state !== "running") return;
    this.tick(); // catch up first: the phase may have ended while the page was hidden
    if (this.state !== "running") return;
    this.frozen = this.deadline === null ? null : Math.max(0, this.deadline - Date.now());
    this.state = "paused";
    this.arm();
    this.handlers.onTick(this.snapshot());
  }

  resume() {
    if (this.state !== "paused") return;
    // A new deadline from what was left: the paused time does not count.
    this.deadline = this.frozen === null ? null : Date.now() + this.frozen;
    this.frozen = null;
    this.state = "running";
    this.tick();
  }

  /** End the current (untimed) phase now and go on to the next, or finish. */
  next() {
    if (!this.running) return;
    if (this.index + 1 >= this.phases.length) {
      this.finish();
      return;
    }
    this.frozen = null;
    this.state = "running";
    this.enter(this.index + 1, Date.now(), 0);
    this.tick();
  }

  /** Stop for good; returns where the set was at that moment. */
  stop() {
    if (this.running) this.tick();
    const snapshot = this.index >= 0 && this.running ? this.snapshot() : null;
    if (this.running || this.state === "idle") this.state = "stopped";
    this.cleanUp();
    return snapshot;
  }

  snapshot() {
    const phase = this.phases[this.index];
    const durationMs = isTimed(phase) ? phase.seconds * 1000 : null;
    let remainingMs = null;
    if (this.state === "paused") remainingMs = this.frozen;
    else if (this.deadline !== null) remainingMs = Math.max(0, this.deadline - Date.now());
    return {
      index: this.index,
      phase,
      remainingMs,
      durationMs,
      elapsedMs: durationMs === null || remainingMs === null ? null : durationMs - remainingMs,
      paused: this.state === "paused",
    };
  }

  enter(index, startedAt, skipped) {
    this.index = index;
    const phase = this.phases[index];
    this.deadline = isTimed(phase) ? startedAt + phase.seconds * 1000 : null;
    this.handlers.onPhase(this.snapshot(), { skipped });
  }

  finish() {
    this.state = "ended";
    this.cleanUp();
    this.handlers.onEnd();
  }

  cleanUp() {
    clearInterval(this.interval);
    this.interval = null;
    clearTimeout(this.timeout);
    this.timeout = null;
    this.armedFor = null;
    document.removeEventListener("visibilitychange", this.onWake);
    window.removeEventListener("pageshow", this.onWake);
  }
}
