/* Omnichannel console service worker: shows the hub's Web Push alerts (docs/alerts.md) and acknowledges them on click. */
'use strict';

const CONSOLE = '/console';

/** Only paths on this origin: a payload never sends the browser elsewhere. */
function sameOrigin(path, fallback) {
  try {
    const url = new URL(path || fallback, self.location.origin);
    return url.origin === self.location.origin ? url.href : new URL(fallback, self.location.origin).href;
  } catch {
    return new URL(fallback, self.location.origin).href;
  }
}

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: 'Omnichannel', body: event.data ? event.data.text() : '' };
  }
  const title = typeof data.title === 'string' && data.title ? data.title : 'Omnichannel';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof data.body === 'string' ? data.body : '',
      tag: data.alertId !== undefined ? `alert-${data.alertId}` : undefined,
      renotify: data.alertId !== undefined,
      requireInteraction: true,
      data,
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = event.notification.data || {};
  const url = sameOrigin(data.url, `${CONSOLE}/`);
  event.waitUntil(
    (async () => {
      const ack = data.ackUrl
        ? fetch(sameOrigin(data.ackUrl, '/'), { method: 'POST', credentials: 'include' }).catch(() => undefined)
        : Promise.resolve();
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).pathname.startsWith(CONSOLE));
      if (open) {
        // The console navigates itself (no reload, keeps the live link).
        open.postMessage({ type: 'omnichannel:open', url });
        await open.focus();
      } else {
        await self.clients.openWindow(url);
      }
      await ack;
    })(),
  );
});
