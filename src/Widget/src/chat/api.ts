import type { VisitorSession, WidgetConfig } from './contract';

/** The widget's REST calls. Anonymous (no cookies): the visitor is known by the token only. */
export interface WidgetApi {
  /** identity: what the page passed as window.Omnichannel.identity (the hub verifies its signature). */
  session(token: string | null, identity?: unknown): Promise<VisitorSession>;
  config(): Promise<WidgetConfig>;
  /** The satisfaction survey of a closed conversation: 1–5 and an optional comment. */
  rate(token: string, conversationId: number, score: number, comment: string): Promise<void>;
}

export function httpApi(hubUrl: string, lang: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): WidgetApi {
  async function call<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await fetchImpl(`${hubUrl}${path}`, { credentials: 'omit', ...init });
    if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${path} failed: HTTP ${response.status}`);
    return (await response.json()) as T;
  }
  return {
    session: (token, identity) =>
      call<VisitorSession>('/api/widget/visitor', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(identity === undefined ? { token } : { token, identity }),
      }),
    config: () => call<WidgetConfig>(`/api/widget/config?lang=${encodeURIComponent(lang)}`),
    rate: async (token, conversationId, score, comment) => {
      await call<unknown>(`/api/widget/conversations/${conversationId}/csat`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ score, comment: comment || null }),
      });
    },
  };
}
