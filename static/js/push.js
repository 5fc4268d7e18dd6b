// "Notifications on this device" on the account page: subscribe this browser with PushManager
// and store the subscription on the server, or unsubscribe it. Runs under the CSP (a module).
import { request } from "./http.js";

const section = document.getElementById("push");
const state = section && section.querySelector("[data-push-state]");
const onButton = section && section.querySelector("[data-push-on]");
const offButton = section && section.querySelector("[data-push-off]");

function say(text) {
  if (state) state.textContent = text;
}

function show(subscribed) {
  onButton.hidden = subscribed;
  offButton.hidden = !subscribed;
  say(subscribed ? "Notifications are on for this browser." : "Notifications are off for this browser.");
}

function keyBytes(base64url) {
  const base64 = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function deviceName() {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua) ? "Edge" : /Firefox\//.test(ua) ? "Firefox" : /Chrom/.test(ua) ? "Chrome" : /Safari\//.test(ua) ? "Safari" : "Browser";
  const system = /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iPhone or iPad" : /Mac OS/.test(ua) ? "Mac" : /Windows/.test(ua) ? "Windows" : /Linux/.test(ua) ? "Linux" : "";
  return system ? `${browser} on ${system}` : browser;
}

function replaceDevices(html) {
  const list = document.getElementById("push-devices");
  if (!list) return;
  const next = new DOMParser().parseFromString(html, "text/html").getElementById("push-devices");
  if (next) list.replaceWith(next);
}

const SUBSCRIBE_TIMEOUT_MS = 20000;

// A browser that cannot reach its push service may never answer subscribe(): give up clearly.
function withTimeout(promise, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer`)), SUBSCRIBE_TIMEOUT_MS);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function registration() {
  await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  return navigator.serviceWorker.ready;
}

async function turnOn() {
  onButton.disabled = true;
  say("Turning notifications on…");
  try {
    const permission = await Notification.requestPermission();
    if (permission !== "granted") {
      say("This browser is blocking notifications for this site. Allow them in its site settings, then try again.");
      return;
    }
    const reg = await registration();
    const subscription =
      (await reg.pushManager.getSubscription()) ||
      (await withTimeout(
        reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(section.dataset.vapidKey) }),
        "The browser's push service",
      ));
    const json = subscription.toJSON();
    const answer = await request(section.dataset.subscribeUrl, {
      fields: [["endpoint", json.endpoint], ["p256dh", json.keys.p256dh], ["auth", json.keys.auth], ["device", deviceName()]],
    });
    if (!answer.ok) throw new Error(`server said ${answer.status}`);
    replaceDevices(answer.html);
    show(true);
  } catch (error) {
    say(`Notifications could not be turned on here: ${error.message || error}. Try again later, or use the calendar link below.`);
  } finally {
    onButton.disabled = false;
  }
}

async function turnOff() {
  offButton.disabled = true;
  try {
    const reg = await navigator.serviceWorker.getRegistration("/");
    const subscription = reg && (await reg.pushManager.getSubscription());
    if (subscription) {
      const answer = await request(section.dataset.unsubscribeUrl, { fields: [["endpoint", subscription.endpoint]] });
      await subscription.unsubscribe();
      if (answer.ok) replaceDevices(answer.html);
    }
    show(false);
  } catch (error) {
    say(`Notifications could not be turned off here (${error.message || error}).`);
  } finally {
    offButton.disabled = false;
  }
}

async function start() {
  if (!section || !state) return;
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    say("This browser cannot show notifications from a website. The calendar link below works everywhere.");
    return;
  }
  onButton.addEventListener("click", turnOn);
  offButton.addEventListener("click", turnOff);
  const reg = await navigator.serviceWorker.getRegistration("/");
  const subscription = reg && (await reg.pushManager.getSubscription());
  show(Boolean(subscription) && Notification.permission === "granted");
}

start();
