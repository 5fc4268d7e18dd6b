// Cues for a patient who is not looking at the screen: beeps (Web Audio), spoken words
// (speechSynthesis) and vibration, each switched by a [data-setting] checkbox and remembered
// in localStorage. Every call fails quietly where the browser lacks the feature.

const STORE_KEY = "player-cues";

// The checkboxes in the markup give the defaults; a stored choice wins over them.
export const settings = { beeps: true, voice: false, vibrate: true, pace: false };
const stored = readStored();
Object.assign(settings, stored);

let audio = null;

function readStored() {
  try {
    const value = JSON.parse(localStorage.getItem(STORE_KEY) || "{}");
    return value && typeof value === "object" ? value : {};
  } catch {
    return {};
  }
}

/** Make the card's checkboxes show the remembered settings (or adopt the markup's defaults). */
export function syncCheckboxes(container) {
  for (const box of container.querySelectorAll("input[data-setting]")) {
    const name = box.dataset.setting;
    if (name in stored) box.checked = Boolean(stored[name]);
    else settings[name] = box.checked;
  }
}

export function setSetting(name, on) {
  settings[name] = on;
  stored[name] = on;
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(stored));
  } catch {
    // Private mode or a full store: the setting still holds for this page.
  }
  if (name === "voice" && on) primeSpeech();
  if (name === "beeps" && on) unlock();
}

/**
 * Call from inside a tap: browsers only let audio (and on iOS, speech) start after a gesture.
 */
export function unlock() {
  const AudioContextClass = window.AudioContext || window.webkitAudioContext;
  if (!audio && AudioContextClass) {
    try {
      audio = new AudioContextClass();
    } catch {
      audio = null;
    }
  }
  if (audio && audio.state !== "running") audio.resume().catch(() => {});
  if (settings.voice) primeSpeech();
}

export function primeSpeech() {
  if (!("speechSynthesis" in window)) return;
  try {
    const silent = new SpeechSynthesisUtterance(" ");
    silent.volume = 0;
    window.speechSynthesis.speak(silent);
  } catch {
    // Not supported here.
  }
}

function tone(frequency, ms, { volume = 0.25, delay = 0 } = {}) {
  if (!settings.beeps || !audio) return;
  try {
    if (audio.state !== "running") audio.resume().catch(() => {});
    const start = audio.currentTime + delay;
    const end = start + ms / 1000;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = "sine";
    oscillator.frequency.setValueAtTime(frequency, start);
    // A quick fade in and out avoids clicks.
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(volume, start + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, end);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start);
    oscillator.stop(end + 0.02);
  } catch {
    // Audio is a nicety; never let it break the timer.
  }
}

export function say(text) {
  if (!settings.voice || !text || !("speechSynthesis" in window)) return;
  try {
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
  } catch {
    // Not supported here.
  }
}

export function vibrate(pattern) {
  if (!settings.vibrate || typeof navigator.vibrate !== "function") return;
  try {
    navigator.vibrate(pattern);
  } catch {
    // Not supported here.
  }
}

/** A short beep in each of the last seconds of a timed phase. */
export const countdown = () => tone(880, 80);

/** A soft click-like beep for each tapped rep. */
export const tap = () => tone(660, 60, { volume: 0.2 });

/** A new phase: a longer, higher beep, a buzz and the spoken name. */
export function phase(spoken) {
  tone(1320, 280, { volume: 0.35 });
  vibrate(200);
  say(spoken);
}

/** The set's timeline is over. */
export function done() {
  tone(1320, 150, { volume: 0.35 });
  tone(1760, 350, { volume: 0.35, delay: 0.18 });
  vibrate([150, 100, 150]);
  say("Done");
}

/** Pacing tapped reps: "up" on a high beep, "and down" on a low one. */
export function pace(half) {
  if (half === "up") {
    tone(990, 120, { volume: 0.3 });
    say("Up");
  } else {
    tone(520, 160, { volume: 0.3 });
    say("And down");
  }
}

export function quiet() {
  if ("speechSynthesis" in window) {
    try {
      window.speechSynthesis.cancel();
    } catch {
      // Not supported here.
    }
  }
}
