// One Lighthouse run (mobile preset, the default form factor) on one logged-in page:
//
//   node bench/lighthouse/run.mjs '{"url": ..., "cookie": {name, value, url}}'
//
// Prints {scores, failing, finalUrl, loggedOut} as JSON. The session cookie is put in
// Chromium's own cookie jar through Puppeteer before Lighthouse loads the page (Lighthouse's
// documented way for pages behind a login). An --extra-headers Cookie was tried first: it
// reached the page itself but not every request after it (the player's own fetches and
// Lighthouse's back/forward-cache reload came back as the login page).
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";

const { url, cookie } = JSON.parse(process.argv[2]);
const CATEGORIES = ["performance", "accessibility", "best-practices"];

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  headless: true, // Chromium's new headless mode
  args: ["--no-sandbox"],
});
try {
  await browser.setCookie(cookie);
  const page = await browser.newPage();
  const loggedOut = [];
  page.on("response", (response) => {
    if (response.url().includes("/accounts/login/")) loggedOut.push(response.url());
  });
  const result = await lighthouse(url, { output: "json", logLevel: "error", onlyCategories: CATEGORIES }, undefined, page);
  const lhr = result.lhr;
  if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(CATEGORIES.map((key) => [key, lhr.categories[key].score]));
  const failing = [];
  for (const key of CATEGORIES) {
    for (const ref of lhr.categories[key].auditRefs) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
        const items = (audit.details?.items ?? []).slice(0, 3).map((item) => item.description || item.url || item.source || "");
        failing.push({ category: key, id: audit.id, score: audit.score, items });
      }
    }
  }
  console.log(JSON.stringify({ scores, failing, finalUrl: lhr.finalDisplayedUrl, loggedOut }));
} finally {
  await browser.close();
}
