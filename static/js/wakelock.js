// Keeps the screen on while a session runs, so a phone on the floor does not lock mid-hold.
// The browser drops the lock whenever the page is hidden; it is asked for again when the page
// is visible again, for as long as the session wants it. Unsupported browsers are ignored.

let wanted = false;
let sentinel = null;
let asking = false;

async function request() {
  if (!wanted || asking || !("wakeLock" in navigator) || document.visibilityState !== "visible") return;
  if (sentinel && !sentinel.released) return;
  asking = true;
  try {
    const lock = await navigator.wakeLock.request("screen");
    lock.addEventListener("release", () => {
      if (sentinel === lock) sentinel = null;
    });
    sentinel = lock;
    if (!wanted) allowSleep(); // the session ended while we were asking
  } catch {
    sentinel = null; // Denied (battery saver, no gesture, insecure page): carry on without it.
  } finally {
    asking = false;
  }
}

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") request();
});

export function keepAwake() {
  wanted = true;
  request();
}

export function allowSleep() {
  wanted = false;
  if (sentinel) sentinel.release().catch(() => {});
  sentinel = null;
}
