// The moving exercise figure: steps a server-drawn figure between its key poses in time with
// the set's timeline. No animation library: the server sends every frame's points
// (exercises/figures.py, `motion`), and this module only interpolates between two neighbouring
// frames and writes the points back into the same SVG elements.
//
// Where the figure is, as `u` from 0 (the first key pose) to 1 (the last):
//   count-in ("ready", "switch"): still at the start, then rises into the hold pose (before
//     reps or a walk it stays at the start, where the first rep begins);
//   "hold": the hold pose;
//   "rest": back down to the start, and up again just before the next hold;
//   "reps", "move" (the patient's own pace, walking): there and back, one rep per `tempo` s.
// Timed phases are placed from the timeline's deadline (`elapsedMs`), so a page hidden and
// shown again jumps to the right frame. A paused timeline freezes the figure.
//
// With prefers-reduced-motion nothing moves: the stylesheet shows the key poses side by side
// instead, and this module marks the current one (aria-current).
//
// Markup contract: an element with [data-figure] and data-motion (JSON: parts, frames, keys,
// names, tempo), holding svg.moving-figure whose parts carry data-part, and an .figure-pair
// list whose items carry data-pose-index.

const RISE = 0.6; // the last 60% of the count-in moves into the hold pose
const EDGE = 0.3; // a rest spends its first and last 30% moving
const RELEASE_MS = 1200;

const clamp = (x) => Math.min(1, Math.max(0, x));
const ease = (x) => {
  const t = clamp(x);
  return t * t * (3 - 2 * t);
};

function reducedMotion() {
  return Boolean(window.matchMedia?.("(prefers-reduced-motion: reduce)").matches);
}

/**
 * Where the figure is (0 = start pose, 1 = last key pose) at `elapsedMs` into phase `index`.
 * Pure: exported for tests and for other pages.
 */
export function figureProgress(phases, index, elapsedMs, tempoSeconds = 4) {
  const phase = phases[index];
  if (!phase) return 0;
  const durationMs = (phase.seconds || 0) * 1000;
  const f = durationMs > 0 ? clamp(elapsedMs / durationMs) : 0;
  switch (phase.phase) {
    case "ready":
    case "switch": {
      // Into the hold; before reps or a walk, wait in the start pose for the first rep.
      const next = phases[index + 1]?.phase;
      if (next === "reps" || next === "move") return 0;
      return ease((f - (1 - RISE)) / RISE);
    }
    case "hold":
      return 1;
    case "rest": {
      const before = phases[index - 1]?.phase === "hold";
      const after = phases[index + 1]?.phase === "hold";
      if (after && f > 1 - EDGE) return ease((f - (1 - EDGE)) / EDGE);
      if (before && f < EDGE) return 1 - ease(f / EDGE);
      return 0;
    }
    case "reps":
    case "move": {
      const cycle = Math.max(500, tempoSeconds * 1000);
      const t = (Math.max(0, elapsedMs) % cycle) / cycle;
      return t < 0.5 ? ease(t * 2) : ease(2 - t * 2);
    }
    default:
      return 0;
  }
}

function lerpList(a, b, t) {
  return a.map((value, i) => value + (b[i] - value) * t);
}

function pairs(values) {
  const out = [];
  for (let i = 0; i < values.length; i += 2) out.push(`${values[i].toFixed(1)},${values[i + 1].toFixed(1)}`);
  return out;
}

/** One mounted figure. */
export class Figure {
  constructor(element) {
    this.el = element;
    this.data = JSON.parse(element.dataset.motion);
    this.svg = element.querySelector("svg.moving-figure");
    // A part may be drawn twice (over its halo, from above): both move together.
    this.parts = this.data.parts.map((name) => [
      ...(this.svg?.querySelectorAll(`[data-part="${name}"]`) ?? []),
    ]);
    this.pair = [...element.querySelectorAll(".figure-pair [data-pose-index]")];
    this.u = null;
    this.raf = null;
    this.phaseIndex = null;
    this.phaseStartedAt = 0; // for untimed phases: when this one began (paused time excluded)
    this.pausedAt = null;
    this.draw(0);
  }

  /** Draw the figure at `u` (0..1) along its path through the key poses. */
  draw(u) {
    u = clamp(u);
    const { frames, keys } = this.data;
    const goingBack = this.u !== null && u < this.u - 1e-6;
    if (this.u !== null && Math.abs(u - this.u) < 1e-4) return;
    this.u = u;
    this.el.dataset.direction = goingBack ? "back" : "out";
    // The key pose nearest to u, for reduced motion and for anyone reading the page.
    const position = u * (frames.length - 1);
    let nearest = 0;
    keys.forEach((frame, i) => {
      if (Math.abs(frame - position) < Math.abs(keys[nearest] - position)) nearest = i;
    });
    this.mark(nearest);
    if (reducedMotion()) return;
    const i = Math.min(frames.length - 2, Math.floor(position));
    const t = position - i;
    this.parts.forEach((elements, j) => {
      if (!elements.length) return;
      const values = lerpList(frames[i][j], frames[i + 1][j], t);
      for (const element of elements) {
        const tag = element.tagName.toLowerCase();
        if (tag === "circle") {
          element.setAttribute("cx", values[0].toFixed(1));
          element.setAttribute("cy", values[1].toFixed(1));
        } else if (tag === "path") {
          const [hip, back, shoulder, neck] = pairs(values).map((p) => p.replace(",", " "));
          element.setAttribute("d", `M${hip} Q${back} ${shoulder} L${neck}`);
        } else {
          element.setAttribute("points", pairs(values).join(" "));
        }
      }
    });
  }

  mark(index) {
    this.el.dataset.pose = this.data.names[index] ?? "";
    this.pair.forEach((item, i) => {
      item.classList.toggle("current", i === index);
      if (i === index) item.setAttribute("aria-current", "step");
      else item.removeAttribute("aria-current");
    });
  }

  /** Show a phase at a fraction of its length (0..1): for callers without a timeline. */
  show(phases, index, fraction) {
    const seconds = phases[index]?.seconds || this.data.tempo;
    this.draw(figureProgress(phases, index, fraction * seconds * 1000, this.data.tempo));
  }

  /** Follow a running Timeline (static/js/timer.js) frame by frame until it ends. */
  follow(timeline) {
    this.stop();
    const step = () => {
      this.raf = null;
      if (!timeline.running) return;
      this.at(timeline.phases, timeline.snapshot(), Date.now());
      this.raf = requestAnimationFrame(step);
    };
    step();
  }

  /** Draw for a timeline's phases and snapshot at `now` (epoch ms). */
  at(phases, snapshot, now) {
    const { index, elapsedMs, paused } = snapshot;
    if (index !== this.phaseIndex) {
      this.phaseIndex = index;
      this.phaseStartedAt = now;
      this.pausedAt = paused ? now : null;
    }
    if (paused) {
      if (this.pausedAt === null) this.pausedAt = now;
      return; // frozen where it is
    }
    if (this.pausedAt !== null) {
      this.phaseStartedAt += now - this.pausedAt; // paused time does not count
      this.pausedAt = null;
    }
    const elapsed = elapsedMs ?? now - this.phaseStartedAt;
    this.draw(figureProgress(phases, index, elapsed, this.data.tempo));
  }

  /** The set is over (or stopped): return to the start pose. */
  rest() {
    this.stop();
    const from = this.u ?? 0;
    const began = performance.now();
    const step = (time) => {
      const t = clamp((time - began) / RELEASE_MS);
      this.draw(from * (1 - ease(t)));
      this.raf = t < 1 ? requestAnimationFrame(step) : null;
    };
    if (reducedMotion() || from === 0) this.draw(0);
    else this.raf = requestAnimationFrame(step);
  }

  stop() {
    if (this.raf !== null) cancelAnimationFrame(this.raf);
    this.raf = null;
  }
}

/** The figure inside `root` (e.g. a set card), or null when the exercise has none. */
export function mountFigure(root) {
  const element = root?.querySelector("[data-figure][data-motion]");
  if (!element) return null;
  try {
    return new Figure(element);
  } catch {
    return null; // a figure that cannot be read must never stop the timer
  }
}
