import { request } from '../api/http';
import { BASE } from '../app/router';

export interface PushSubscriptionJson {
  endpoint?: string;
  expirationTime?: number | null;
  keys?: Record<string, string>;
}

export const pushApi = {
  vapidKey: () => request<{ publicKey: string }>('GET', '/api/push/vapid-public-key'),
  subscribe: (subscription: PushSubscriptionJson) =>
    request<{ id: number; endpoint: string; createdAt: string }>('POST', '/api/operators/me/push-subscriptions', subscription),
  unsubscribe: (subscription: PushSubscriptionJson) => request<void>('DELETE', '/api/operators/me/push-subscriptions', subscription),
};

/** What the browser offers (a fake in tests). */
export interface PushEnv {
  supported: boolean;
  permission(): NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  /** The console's service worker registration, registering it when asked to. */
  registration(create: boolean): Promise<ServiceWorkerRegistration | null>;
}

export const SW_URL = `${BASE}/sw.js`;

export function browserPushEnv(): PushEnv {
  const supported = typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
  return {
    supported,
    permission: () => (supported ? Notification.permission : 'denied'),
    requestPermission: () => Notification.requestPermission(),
    registration: async (create) => {
      if (!supported) return null;
      const existing = await navigator.serviceWorker.getRegistration(`${BASE}/`);
      if (existing || !create) return existing ?? null;
      await navigator.serviceWorker.register(SW_URL, { scope: `${BASE}/` });
      return navigator.serviceWorker.ready;
    },
  };
}

/** base64url (the VAPID public key) to bytes, for applicationServerKey. */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=');
  const raw = atob(base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Is this browser subscribed right now? */
export async function currentSubscription(env: PushEnv): Promise<PushSubscription | null> {
  if (!env.supported) return null;
  const registration = await env.registration(false);
  return registration ? registration.pushManager.getSubscription() : null;
}

/** Asks permission, registers /console/sw.js, subscribes with the hub's VAPID key and registers the subscription. */
export async function enablePush(env: PushEnv): Promise<void> {
  if (!env.supported) throw new Error('This browser cannot receive push notifications.');
  const permission = env.permission() === 'granted' ? 'granted' : await env.requestPermission();
  if (permission !== 'granted') throw new Error('Notifications are blocked for this site: allow them in the browser’s site settings, then try again.');
  const registration = await env.registration(true);
  if (!registration) throw new Error('The service worker could not be registered.');
  const { publicKey } = await pushApi.vapidKey();
  const key = base64UrlToBytes(publicKey);
  let subscription = await registration.pushManager.getSubscription();
  // A subscription made with another key (the hub's keys were recreated) cannot be used.
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  try {
    await pushApi.subscribe(subscription.toJSON());
  } catch (error) {
    await subscription.unsubscribe().catch(() => false);
    throw error;
  }
}

export async function disablePush(env: PushEnv): Promise<void> {
  const subscription = await currentSubscription(env);
  if (!subscription) return;
  try {
    await pushApi.unsubscribe(subscription.toJSON());
  } catch (error) {
    // Unknown to the hub already: still stop it here.
    if (!(error instanceof Error && 'status' in error && (error as { status: number }).status === 404)) throw error;
  }
  await subscription.unsubscribe();
}

function sameKey(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a) return true;
  const x = new Uint8Array(a);
  return x.length === b.length && x.every((v, i) => v === b[i]);
}
