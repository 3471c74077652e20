import { EngagementPage } from '../engagement/EngagementPage';
import { useEffect } from 'react';
import { LoginPage } from '../auth/LoginPage';
import { useSession } from '../auth/session';
import { ConsoleProvider } from '../state/ConsoleProvider';
import { matchPath, navigate, usePath } from './router';
import { Shell } from './Shell';
import { Workspace } from './Workspace';

let returnTo = '/';

/** Routes: / (inbox), /login, /conversations/:id. */
export function App() {
  const { session, recheck } = useSession();
  const path = usePath();
  const onLogin = path === '/login';

  useEffect(() => {
    if (session.status === 'anonymous' && !onLogin) {
      returnTo = path;
      navigate('/login', { replace: true });
    } else if (session.status === 'authenticated' && onLogin) {
      navigate(returnTo, { replace: true });
      returnTo = '/';
    }
  }, [session.status, onLogin, path]);

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

  const conversation = matchPath('/conversations/:id', path);
  const id = conversation ? Number(conversation.id) : null;
  const known = path === '/' || (id !== null && Number.isSafeInteger(id) && id > 0);
  return (
    <ConsoleProvider key={session.operator.id} me={session.operator}>
      <Shell>{path === '/engagement' ? <EngagementPage /> : known ? <Workspace conversationId={id} /> : <NotFound />}</Shell>
    </ConsoleProvider>
  );
}

function NotFound() {
  useEffect(() => navigate('/', { replace: true }), []);
  return null;
}
