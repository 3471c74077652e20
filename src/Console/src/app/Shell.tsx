import type { ReactNode } from 'react';
import type { Presence } from '../api/types';
import { useSession } from '../auth/session';
import { useConsole } from '../state/ConsoleProvider';
import { Link } from './router';

const LIVE_TEXT = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline' } as const;

/** Top bar: who is logged in, whether live updates flow, sound, logout. */
export function Shell({ children }: { children: ReactNode }) {
  const { logout } = useSession();
  const { me, live, soundOn, setSoundOn, presence, setPresence } = useConsole();
  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/" className="brand">
          Omnichannel
        </Link>
        <span className={`live live-${live}`} role="status" data-testid="live-status" title="Live updates">
          <span className="dot" aria-hidden="true" /> {LIVE_TEXT[live]}
        </span>
        <Link to="/engagement" data-testid="nav-engagement">
          Engagement
        </Link>
        <span className="spacer" />
        <label className={`presence presence-${presence.toLowerCase()}`}>
          <span className="visually-hidden">My presence</span>
          <select value={presence} onChange={(e) => setPresence(e.target.value as Presence)} data-testid="presence-select">
            <option value="Available">Available</option>
            <option value="Away">Away</option>
            <option value="Offline">Offline</option>
          </select>
        </label>
        <button
          type="button"
          className="sound"
          aria-pressed={soundOn}
          onClick={() => setSoundOn(!soundOn)}
          title="Play a sound when a new conversation waits"
          data-testid="sound-toggle"
        >
          {soundOn ? 'Sound on' : 'Sound off'}
        </button>
        <span className="me" title={me.email}>
          {me.displayName} <span className="muted role">{me.role}</span>
        </span>
        <button type="button" onClick={() => void logout()} data-testid="console-logout">
          Log out
        </button>
      </header>
      {children}
    </div>
  );
}
