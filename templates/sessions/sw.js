{% load static %}// The site's service worker, served from the root so its scope is the whole site.
importScripts("{% static 'js/sw-push.js' %}");

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
