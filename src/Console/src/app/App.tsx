import { useEffect } from 'react';
import { LoginPage } from '../auth/LoginPage';
import { useSession } from '../auth/session';
import { I18nProvider } from '../i18n/i18n';
import { ConsoleProvider } from '../state/ConsoleProvider';
import { homePath, resolveRoute } from './routes';
import { BASE, navigate, usePath } from './router';
import { Shell } from './Shell';

let returnTo = '/';

/** /login outside the shell; every other page is in `routes.tsx`. */
export function App() {
  const { session, recheck } = useSession();
  const path = usePath();
  const onLogin = path === '/login';

  useEffect(() => {
    if (session.status === 'anonymous' && !onLogin) {
      returnTo = path + window.location.search;
      navigate('/login', { replace: true });
    } else if (session.status === 'authenticated' && onLogin) {
      navigate(returnTo, { replace: true });
      returnTo = '/';
    }
  }, [session.status, onLogin, path]);

  // Web Push alerts link to /console?conversation=ID (docs/alerts.md); the service worker asks an open console to go there.
  useEffect(() => {
    if (session.status !== 'authenticated') return;
    const target = conversationLink(window.location.search);
    if (path === '/' && target) navigate(target, { replace: true });
  }, [session.status, path]);
  useEffect(() => {
    const sw = typeof navigator !== 'undefined' ? navigator.serviceWorker : undefined;
    if (!sw) return;
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: string; url?: string } | null;
      if (data?.type !== 'omnichannel:open' || typeof data.url !== 'string') return;
      const url = new URL(data.url, window.location.origin);
      if (url.origin !== window.location.origin || !url.pathname.startsWith(BASE)) return;
      const inside = url.pathname.slice(BASE.length) || '/';
      navigate(conversationLink(url.search) ?? inside);
    };
    sw.addEventListener('message', onMessage);
    return () => sw.removeEventListener('message', onMessage);
  }, []);

  if (session.status === 'loading') return <p className="splash muted">Loading…</p>;
  if (session.status === 'error')
    return (
      <main className="splash">
        <p className="error" role="alert">
          {session.message}
        </p>
        <button type="button" onClick={recheck}>
          Try again
        </button>
      </main>
    );
  if (session.status === 'anonymous') return onLogin ? <LoginPage /> : null;
  if (onLogin) return null;

  const page = resolveRoute(path, session.operator.role);
  return (
    <I18nProvider key={session.operator.id} operatorId={session.operator.id}>
      <ConsoleProvider me={session.operator}>
        <Shell>{page ?? <NotFound home={homePath(session.operator.role)} />}</Shell>
      </ConsoleProvider>
    </I18nProvider>
  );
}

/** "?conversation=12" -> "/conversations/12". */
export function conversationLink(search: string): string | null {
  const id = Number(new URLSearchParams(search).get('conversation'));
  return Number.isSafeInteger(id) && id > 0 ? `/conversations/${id}` : null;
}

function NotFound({ home }: { home: string }) {
  useEffect(() => navigate(home, { replace: true }), [home]);
  return null;
}
