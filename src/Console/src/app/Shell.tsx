import { useEffect, useState, type ReactNode } from 'react';
import { answersCustomers, type Presence } from '../api/types';
import { useSession } from '../auth/session';
import { ChannelHealthBanner } from '../channels/ChannelHealthBanner';
import { Offers } from '../offers/Offers';
import { LOCALES, useI18n, type Locale } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { ShortcutsOverlay } from '../shortcuts/ShortcutsOverlay';
import { useShortcuts } from '../shortcuts/useShortcuts';
import { useConsole } from '../state/ConsoleProvider';
import { Toasts } from './Toasts';
import { homePath, navRoutes } from './routes';
import { Link, matchPath, usePath } from './router';

const NAV_KEYS: Record<string, MessageKey> = { Search: 'nav.search', Contacts: 'nav.contacts' };

const LIVE_TEXT = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline' } as const;

/** Top bar: who is logged in, whether live updates flow, sound, logout. */
export function Shell({ children }: { children: ReactNode }) {
  const { logout } = useSession();
  const { me, live, soundOn, setSoundOn, presence, setPresence } = useConsole();
  const path = usePath();
  const { t, locale, setLocale } = useI18n();
  const [help, setHelp] = useShortcuts();
  const navText = (label: string) => (NAV_KEYS[label] ? t(NAV_KEYS[label]) : label);
  // The read-only analytics role sees no inbox, offers, presence, sound or inbox shortcuts: nothing to answer.
  const works = answersCustomers(me);
  const nav = navRoutes(me.role).filter((r) => r.path !== '/');
  // On a phone the pages fold into a menu button (the bar stays one line).
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);
  return (
    <div className="shell">
      <header className="topbar">
        <Link to={homePath(me.role)} className="brand">
          Omnichannel
        </Link>
        {works && (
          <span className={`live live-${live}`} role="status" data-testid="live-status" title="Live updates">
            <span className="dot" aria-hidden="true" /> <span className="live-text">{LIVE_TEXT[live]}</span>
          </span>
        )}
        {nav.length > 0 && (
          <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="topnav" onClick={() => setMenuOpen(!menuOpen)}>
            Pages
          </button>
        )}
        <nav id="topnav" className={`topnav${menuOpen ? ' open' : ''}`} aria-label="Pages">
          {works && (
            <Link to="/" className="topnav-inbox" data-testid="nav-inbox" aria-current={path === '/' ? 'page' : undefined}>
              {t('nav.inbox')}
            </Link>
          )}
          {nav.map((r) => (
            <Link key={r.path} to={r.path} data-testid={`nav-${r.path.slice(1)}`} aria-current={matchPath(r.path, path) ? 'page' : undefined}>
              {navText(r.nav!)}
            </Link>
          ))}
        </nav>
        <span className="spacer" />
        <label className="language">
          <span className="visually-hidden">{t('lang.label')}</span>
          <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} data-testid="language-select">
            {LOCALES.map((l) => (
              <option key={l.id} value={l.id} lang={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        {works && (
          <>
            <button type="button" className="small help" onClick={() => setHelp(true)} aria-keyshortcuts="?" title={t('shortcuts.title')}>
              ?<span className="visually-hidden">{t('shortcuts.title')}</span>
            </button>
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
              {soundOn ? 'Sound' : 'Muted'}
            </button>
          </>
        )}
        <span className="me" title={me.email ?? undefined}>
          {me.displayName} <span className="muted role">{me.role}</span>
        </span>
        <button type="button" onClick={() => void logout()} data-testid="console-logout">
          Log out
        </button>
      </header>
      {works && <ChannelHealthBanner />}
      {works && <Offers />}
      <Toasts />
      {works && help && <ShortcutsOverlay onClose={() => setHelp(false)} />}
      {children}
    </div>
  );
}
