// One 30 s hold in the real player, in real time, in headless Chromium: how far the hold's end
// (and its start) land from their deadlines. Run by bench/browser.py:
//
//   node bench/lighthouse/hold.mjs '{"playerUrl": ..., "cookie": {...}, "case": "plain", "hold": 30}'
//
// It prints one JSON object. Cases: "plain"; "hidden" (another tab brought to the front for
// 20 s from 5 s into the hold, so the player's page is really hidden and Chromium throttles its
// timers); "frozen" (hidden as well, and frozen for those 20 s: no script runs at all, as a
// phone does to a background tab); "throttled" (the CPU slowed 4 times, DevTools protocol).
//
// Puppeteer (which Lighthouse brings, locked in package-lock.json) and not Playwright: Playwright
// keeps every page it drives visible, so it cannot hide the player's page.
//
// The hold: the page's own plan (#session-plan) is edited before the player reads it, so that
// its first slot is a 5 s count-in and one 30 s hold. The player code and the server are as
// served; only that number changes, and nothing is sent (the check-in after the hold is left
// unanswered), so the patient's log stays as it was.
//
// The deadlines are read from the player's own hook, player:progress: each tick reports the
// time left in the phase, so Date.now() + remainingMs is the deadline, give or take the time
// between the timer's reading of the clock and the listener's. The smallest of those sums over
// every tick of the phase is the deadline to within a millisecond (never early).
import puppeteer from "puppeteer-core";

const options = JSON.parse(process.argv[2]);
const HOLD_S = options.hold ?? 30;
const READY_S = 5;
const HIDE_AFTER_MS = (READY_S + 5) * 1000;
const HIDE_FOR_MS = 20_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--mute-audio", "--window-size=412,915"],
  // Puppeteer turns these off by default; a hidden tab must be throttled as a real one is.
  ignoreDefaultArgs: [
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--disable-renderer-backgrounding",
  ],
});
try {
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  await page.setViewport({ width: 412, height: 915, isMobile: true, hasTouch: true });
  await page.setCookie(options.cookie);
  await page.evaluateOnNewDocument(
    (readyS, holdS) => {
      const seen = (window.__hold = { events: [], ready: Infinity, hold: Infinity, edited: false, gap: 0, last: null });
      // Parsing is over and module scripts have not run yet: the plan can still be changed.
      document.addEventListener("readystatechange", () => {
        const plan = document.getElementById("session-plan");
        if (document.readyState !== "interactive" || !plan) return;
        const data = JSON.parse(plan.textContent);
        const slot = data.slots[0];
        slot.done = false;
        slot.seconds = readyS + holdS;
        slot.timeline = [
          { phase: "ready", seconds: readyS, rep: 0, reps: 0 },
          { phase: "hold", seconds: holdS, rep: 1, reps: 1 },
        ];
        plan.textContent = JSON.stringify(data);
        seen.edited = true;
      });
      document.addEventListener("player:progress", (event) => {
        const { phase, remainingMs } = event.detail;
        const now = Date.now();
        if (seen.last !== null) seen.gap = Math.max(seen.gap, now - seen.last);
        seen.last = now;
        if (remainingMs > 0 && (phase.phase === "ready" || phase.phase === "hold")) {
          seen[phase.phase] = Math.min(seen[phase.phase], now + remainingMs);
        }
      });
      for (const name of ["player:phase", "player:set-ended", "visibilitychange", "freeze", "resume"]) {
        document.addEventListener(name, (event) => {
          seen.events.push({ name, at: Date.now(), phase: event.detail?.phase, state: document.visibilityState });
        });
      }
    },
    READY_S,
    HOLD_S,
  );
  await page.goto(options.playerUrl, { waitUntil: "load" });
  await page.waitForSelector("#player-root[data-ready]");
  if (!(await page.evaluate(() => window.__hold.edited))) throw new Error("no #session-plan on the player page");
  const cdp = await page.createCDPSession();
  if (options.case === "throttled") await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });

  await page.click('#next-card [data-action="ready"]');
  const total = (READY_S + HOLD_S) * 1000;
  if (options.case === "hidden" || options.case === "frozen") {
    await sleep(HIDE_AFTER_MS);
    const front = await browser.newPage(); // the player's tab goes to the back: hidden
    if (options.case === "frozen") await cdp.send("Page.setWebLifecycleState", { state: "frozen" });
    await sleep(HIDE_FOR_MS);
    if (options.case === "frozen") await cdp.send("Page.setWebLifecycleState", { state: "active" });
    await page.bringToFront();
    await front.close();
    await sleep(total - HIDE_AFTER_MS - HIDE_FOR_MS);
  } else {
    await sleep(total);
  }
  await page.waitForFunction(() => window.__hold.events.some((e) => e.name === "player:set-ended"), {
    timeout: 10_000,
  });
  const seen = await page.evaluate(() => window.__hold);
  const at = (name, phase) => seen.events.find((e) => e.name === name && (!phase || e.phase === phase))?.at;
  const holdBegan = at("player:phase", "hold");
  const holdEnded = at("player:set-ended");
  const states = seen.events.filter((e) => ["visibilitychange", "freeze", "resume"].includes(e.name));
  console.log(
    JSON.stringify({
      case: options.case,
      hold_s: HOLD_S,
      end_late_ms: holdEnded - seen.hold,
      start_late_ms: holdBegan - seen.ready,
      hold_ms: holdEnded - holdBegan,
      longest_tick_gap_ms: seen.gap,
      hidden: states.map((e) => `${e.name}:${e.state}@${e.at - seen.ready}ms`),
    }),
  );
} finally {
  await browser.close();
}
