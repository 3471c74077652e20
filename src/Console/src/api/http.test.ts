import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from './endpoints';
import { ApiError, NetworkError, setUnauthorizedListener } from './http';
import { fakeFetch } from '../test/fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthorizedListener(null);
});

describe('request', () => {
  it('throws the problem detail as the error message', async () => {
    const { fn } = fakeFetch({ 'POST /api/auth/login': () => ({ status: 401, body: { title: 'Unauthorized', detail: 'Wrong email or password.', status: 401 } }) });
    vi.stubGlobal('fetch', fn);
    const error = await api.login('a@b.c', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).message).toBe('Wrong email or password.');
  });

  it('sends JSON with same-origin credentials', async () => {
    const fetchSpy = vi.fn(async () => new Response(JSON.stringify({ id: 1 }), { status: 200 }));
    vi.stubGlobal('fetch', fetchSpy);
    await api.reply(4, 'hi', 'c-1');
    expect(fetchSpy).toHaveBeenCalledWith('/api/conversations/4/reply', expect.objectContaining({ method: 'POST', credentials: 'same-origin', body: JSON.stringify({ text: 'hi', clientMessageId: 'c-1' }) }));
  });

  it('asks for views by the hub enum name and passes the channel', async () => {
    const { fn, calls } = fakeFetch({ 'GET /api/conversations': () => ({ status: 200, body: [] }) });
    vi.stubGlobal('fetch', fn);
    await api.conversations('waiting', 'WhatsApp');
    expect(calls[0]!.url).toBe('/api/conversations?view=Waiting&channel=WhatsApp');
  });

  it('turns a failed fetch into a NetworkError', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(api.me()).rejects.toBeInstanceOf(NetworkError);
  });

  it('reports an expired session on 401 outside /api/auth', async () => {
    const listener = vi.fn();
    setUnauthorizedListener(listener);
    vi.stubGlobal('fetch', vi.fn(async () => new Response('', { status: 401 })));
    await expect(api.conversation(1)).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledOnce();
    await expect(api.me()).rejects.toMatchObject({ status: 401 });
    expect(listener).toHaveBeenCalledOnce();
  });

  it('answers 204 with undefined', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(null, { status: 204 })));
    await expect(api.logout()).resolves.toBeUndefined();
  });
});
