// Push reminders in the service worker (a classic script, loaded with importScripts).
// A push carries JSON {title, body, url, tag}; tapping the notification opens (or focuses) Today.

const FALLBACK = { title: "Time for your exercises", body: "Tap to open Today.", url: "/today/" };

function readPush(event) {
  if (!event.data) return FALLBACK;
  try {
    return { ...FALLBACK, ...event.data.json() };
  } catch {
    return { ...FALLBACK, body: event.data.text() || FALLBACK.body };
  }
}

self.addEventListener("push", (event) => {
  const message = readPush(event);
  const url = new URL(message.url || FALLBACK.url, self.location.origin);
  if (url.origin !== self.location.origin) url.href = new URL(FALLBACK.url, self.location.origin).href;
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      tag: message.tag || "reminder",
      renotify: Boolean(message.tag),
      data: { url: url.href },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = (event.notification.data && event.notification.data.url) || new URL(FALLBACK.url, self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      for (const client of windows) {
        if (new URL(client.url).pathname === new URL(target).pathname && "focus" in client) {
          return client.focus().catch(() => client);
        }
      }
      for (const client of windows) {
        if ("navigate" in client && "focus" in client) {
          const navigated = await client.navigate(target).catch(() => null);
          if (navigated) return navigated.focus().catch(() => navigated);
        }
      }
      return self.clients.openWindow(target);
    })(),
  );
});
