{% load static %}// The service worker: the app shell from its cache, pages from the network first, and a
// copy of each page kept for when the network is gone (Today and an open session's player
// reopen offline). Written by sciatica/pwa.py; no build step.
//
// Caches: "shell-<version>" holds the precached app shell (CSS, JS, htmx, icons, the offline
// page); "pages-v1" holds the last copy of each page this phone opened. A new version
// installs a new shell cache and deletes the old ones.

// Reminders: showing a push notification, and opening Today when it is tapped.
importScripts("{% static 'js/sw-push.js' %}");

const VERSION = "{{ version }}";
const SHELL_CACHE = `shell-${VERSION}`;
const PAGES_CACHE = "pages-v1";
const PRECACHE = {{ precache|safe }};
const OFFLINE_URL = {{ offline_url|safe }};
const STATIC_PREFIX = {{ static_prefix|safe }};
const NOT_KEPT = ["/admin/", "/accounts/"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL_CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names
          .filter((name) => name.startsWith("shell-") && name !== SHELL_CACHE)
          .map((name) => caches.delete(name)),
      ))
      .then(() => self.clients.claim()),
  );
});

function keepable(url, response) {
  return (
    response.ok &&
    !response.redirected &&
    url.origin === self.location.origin &&
    !NOT_KEPT.some((prefix) => url.pathname.startsWith(prefix))
  );
}

async function fromNetworkFirst(request) {
  const url = new URL(request.url);
  try {
    const response = await fetch(request);
    if (keepable(url, response)) {
      const copy = response.clone();
      caches.open(PAGES_CACHE).then((cache) => cache.put(request.url, copy));
    }
    return response;
  } catch (error) {
    const kept = await caches.match(request.url, { cacheName: PAGES_CACHE });
    if (kept) return kept;
    const offline = await caches.match(OFFLINE_URL, { cacheName: SHELL_CACHE });
    if (offline) return offline;
    throw error;
  }
}

async function fromShellFirst(request) {
  const kept = await caches.match(request, { ignoreSearch: true });
  return kept || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return; // sets and finishes go through the page's own queue
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fromNetworkFirst(request));
  } else if (url.pathname.startsWith(STATIC_PREFIX)) {
    event.respondWith(fromShellFirst(request));
  }
});

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "logout") {
    // The next person on this phone must not see the last one's pages.
    event.waitUntil(caches.delete(PAGES_CACHE));
  } else if (message.type === "remember" && typeof message.url === "string") {
    // A page opened before this worker controlled it: keep a copy now.
    const url = new URL(message.url, self.location.origin);
    if (url.origin !== self.location.origin) return;
    event.waitUntil(
      fetch(url, { credentials: "same-origin" }).then((response) => {
        if (keepable(url, response)) return caches.open(PAGES_CACHE).then((cache) => cache.put(url.href, response));
        return undefined;
      }).catch(() => {}),
    );
  }
});
