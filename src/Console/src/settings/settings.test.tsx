import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { conversationLink } from '../app/App';
import { fakeFetch } from '../test/fixtures';
import { AlertSettingsPanel } from './AlertSettingsPanel';
import { CapacityPanel } from './CapacityPanel';
import { base64UrlToBytes, type PushEnv } from './push';

afterEach(() => vi.unstubAllGlobals());

const KEY = 'BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

function fakeEnv(permission: NotificationPermission = 'default') {
  let subscription: { endpoint: string; unsubscribed: boolean } | null = null;
  const sub = () => ({
    options: { applicationServerKey: base64UrlToBytes(KEY).buffer },
    toJSON: () => ({ endpoint: subscription!.endpoint, expirationTime: null, keys: { p256dh: 'p', auth: 'a' } }),
    unsubscribe: async () => {
      subscription = null;
      return true;
    },
  });
  const registration = {
    pushManager: {
      getSubscription: async () => (subscription ? sub() : null),
      subscribe: vi.fn(async (options: PushSubscriptionOptionsInit) => {
        expect(new Uint8Array(options.applicationServerKey as ArrayBuffer)).toEqual(base64UrlToBytes(KEY));
        subscription = { endpoint: 'https://push.example/1', unsubscribed: false };
        return sub();
      }),
    },
  };
  let registered = false;
  const env: PushEnv = {
    supported: true,
    permission: () => permission,
    requestPermission: vi.fn(async (): Promise<NotificationPermission> => (permission = 'granted')),
    registration: async (create) => {
      if (create) registered = true;
      return registered ? (registration as unknown as ServiceWorkerRegistration) : null;
    },
  };
  return { env, registration, isSubscribed: () => subscription !== null };
}

describe('alert settings', () => {
  it('turns on Web Push (permission, service worker, VAPID key, hub registration) and off again', async () => {
    let count = 0;
    const { fn, calls } = fakeFetch({
      'GET /api/operators/me/alert-settings': () => ({ status: 200, body: { telegramChatId: null, notifyWhenAway: false, pushSubscriptions: count, telegramAvailable: true } }),
      'GET /api/push/vapid-public-key': () => ({ status: 200, body: { publicKey: KEY } }),
      'POST /api/operators/me/push-subscriptions': () => {
        count = 1;
        return { status: 201, body: { id: 1, endpoint: 'https://push.example/1', createdAt: '2026-01-01T00:00:00Z' } };
      },
      'DELETE /api/operators/me/push-subscriptions': () => {
        count = 0;
        return { status: 204 };
      },
    });
    vi.stubGlobal('fetch', fn);
    const { env, isSubscribed } = fakeEnv();
    render(<AlertSettingsPanel env={env} />);
    await waitFor(() => expect(screen.getByTestId('push-toggle')).toBeEnabled());
    expect(screen.getByTestId('push-status')).toHaveTextContent('Off in this browser.');

    await userEvent.click(screen.getByTestId('push-toggle'));
    await waitFor(() => expect(screen.getByTestId('push-status')).toHaveTextContent('On in this browser. 1 browser registered for you.'));
    expect(env.requestPermission).toHaveBeenCalledOnce();
    expect(isSubscribed()).toBe(true);
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ endpoint: 'https://push.example/1', expirationTime: null, keys: { p256dh: 'p', auth: 'a' } });

    await userEvent.click(screen.getByTestId('push-toggle'));
    await waitFor(() => expect(screen.getByTestId('push-status')).toHaveTextContent('Off in this browser.'));
    expect(calls.find((c) => c.method === 'DELETE')!.body).toMatchObject({ endpoint: 'https://push.example/1' });
    expect(isSubscribed()).toBe(false);
  });

  it('shows the hub refusing a subscription and drops it locally', async () => {
    const { fn } = fakeFetch({
      'GET /api/operators/me/alert-settings': () => ({ status: 200, body: { telegramChatId: null, notifyWhenAway: false, pushSubscriptions: 0, telegramAvailable: true } }),
      'GET /api/push/vapid-public-key': () => ({ status: 200, body: { publicKey: KEY } }),
      'POST /api/operators/me/push-subscriptions': () => ({ status: 400, body: { title: 'Invalid push subscription', detail: 'The endpoint must be https.' } }),
    });
    vi.stubGlobal('fetch', fn);
    const { env, isSubscribed } = fakeEnv('granted');
    render(<AlertSettingsPanel env={env} />);
    await waitFor(() => expect(screen.getByTestId('push-toggle')).toBeEnabled());
    await userEvent.click(screen.getByTestId('push-toggle'));
    expect(await screen.findByTestId('push-error')).toHaveTextContent('The endpoint must be https.');
    expect(isSubscribed()).toBe(false);
  });

  it('links a Telegram chat and notify-when-away, and unlinks with an empty id', async () => {
    const { fn, calls } = fakeFetch({
      'GET /api/operators/me/alert-settings': () => ({ status: 200, body: { telegramChatId: 42, notifyWhenAway: false, pushSubscriptions: 0, telegramAvailable: false } }),
      'PUT /api/operators/me/alert-settings': (body) => ({ status: 200, body: { ...(body as object), pushSubscriptions: 0, telegramAvailable: false } }),
    });
    vi.stubGlobal('fetch', fn);
    render(<AlertSettingsPanel env={{ supported: false, permission: () => 'denied', requestPermission: async () => 'denied', registration: async () => null }} />);
    expect(await screen.findByTestId('push-unsupported')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('telegram-chat-id')).toHaveValue('42'));
    expect(screen.getByTestId('telegram-unavailable')).toBeInTheDocument();

    await userEvent.clear(screen.getByTestId('telegram-chat-id'));
    await userEvent.type(screen.getByTestId('telegram-chat-id'), 'abc');
    await userEvent.click(screen.getByTestId('alert-settings-save'));
    expect(screen.getByTestId('alert-settings-error')).toHaveTextContent(/is a number/);

    await userEvent.clear(screen.getByTestId('telegram-chat-id'));
    await userEvent.type(screen.getByTestId('telegram-chat-id'), '123456789');
    await userEvent.click(screen.getByTestId('notify-when-away'));
    await userEvent.click(screen.getByTestId('alert-settings-save'));
    await screen.findByTestId('alert-settings-saved');
    expect(calls.at(-1)!.body).toEqual({ telegramChatId: 123456789, notifyWhenAway: true });

    await userEvent.clear(screen.getByTestId('telegram-chat-id'));
    await userEvent.click(screen.getByTestId('alert-settings-save'));
    await waitFor(() => expect(calls.at(-1)!.body).toEqual({ telegramChatId: null, notifyWhenAway: true }));
  });
});

describe('capacity settings', () => {
  it('sends only what was changed and shows the hub’s 400 problem detail', async () => {
    let status = 400;
    const { fn, calls } = fakeFetch({
      'PUT /api/operators/me/settings': () =>
        status === 400
          ? { status: 400, body: { title: 'Invalid request', detail: 'Live capacity must be 0–50 and asynchronous capacity 0–200.' } }
          : { status: 200, body: { id: 1, email: 'o@x', displayName: 'O', role: 'operator', presence: 'Available' } },
    });
    vi.stubGlobal('fetch', fn);
    render(<CapacityPanel />);
    await userEvent.type(screen.getByTestId('live-capacity'), '60');
    await userEvent.click(screen.getByTestId('capacity-save'));
    expect(await screen.findByTestId('capacity-error')).toHaveTextContent('Live capacity must be 0–50');
    expect(calls[0]!.body).toEqual({ liveCapacity: 60, asyncCapacity: null, autoAccept: null, skills: null });

    status = 200;
    await userEvent.clear(screen.getByTestId('live-capacity'));
    await userEvent.type(screen.getByTestId('live-capacity'), '4');
    await userEvent.selectOptions(screen.getByTestId('auto-accept'), 'on');
    await userEvent.type(screen.getByTestId('skills'), 'German, billing ,');
    await userEvent.click(screen.getByTestId('capacity-save'));
    await screen.findByTestId('capacity-saved');
    expect(calls[1]!.body).toEqual({ liveCapacity: 4, asyncCapacity: null, autoAccept: true, skills: ['German', 'billing'] });
    expect(screen.queryByTestId('capacity-error')).toBeNull();
  });
});

describe('push links', () => {
  it('maps ?conversation=ID to the conversation', () => {
    expect(conversationLink('?conversation=12')).toBe('/conversations/12');
    expect(conversationLink('?conversation=x')).toBeNull();
    expect(conversationLink('')).toBeNull();
  });

  it('decodes base64url keys', () => {
    expect([...base64UrlToBytes('-_8')]).toEqual([0xfb, 0xff]);
  });
});
