import { useEffect, useState } from 'react';
import { navigate } from '../app/router';
import { shortcutFor, type ShortcutAction } from './shortcuts';

function click(selector: string): boolean {
  const el = document.querySelector<HTMLButtonElement>(selector);
  if (!el || el.disabled) return false;
  el.click();
  return true;
}

/** Moves to the next / previous row of the inbox as it is shown. */
function step(direction: 1 | -1) {
  const rows = [...document.querySelectorAll<HTMLAnchorElement>('[data-testid="conversation-row"]')];
  if (rows.length === 0) return;
  const current = rows.findIndex((r) => r.getAttribute('aria-current') === 'page');
  const next = rows[current < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, current + direction))]!;
  next.click();
  next.focus();
}

function run(action: ShortcutAction, showHelp: () => void) {
  switch (action) {
    case 'next':
      return step(1);
    case 'prev':
      return step(-1);
    case 'accept':
      return void (click('[data-testid="offer-accept"]') || click('[data-testid="claim-button"]'));
    case 'close':
      return void click('[data-testid="close-button"]');
    case 'reply':
      return document.querySelector<HTMLTextAreaElement>('[data-testid="reply-input"]')?.focus();
    case 'note':
      return window.dispatchEvent(new Event('omnichannel:toggle-note'));
    case 'search':
      return navigate('/search');
    case 'help':
      return showHelp();
  }
}

/** The console's keyboard shortcuts (listed by "?"); returns whether the overlay is open. */
export function useShortcuts(): [boolean, (open: boolean) => void] {
  const [help, setHelp] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor(e, e.target as HTMLElement | null);
      if (!action) return;
      e.preventDefault();
      run(action, () => setHelp(true));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return [help, setHelp];
}
