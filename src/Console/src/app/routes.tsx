import type { ReactNode } from 'react';
import { AdminPage } from '../admin/AdminPage';
import { BoardRoute } from '../board/BoardRoute';
import { ContactsPage } from '../contacts/ContactsPage';
import { SearchPage } from '../search/SearchPage';
import { EngagementPage } from '../engagement/EngagementPage';
import { ReportsPage } from '../reports/ReportsPage';
import { SettingsPage } from '../settings/SettingsPage';
import { matchPath } from './router';
import { Workspace } from './Workspace';

/**
 * The console's pages inside the shell, first match wins. To add a page, add one entry here
 * (e.g. `{ path: '/engagement', render: () => <EngagementPage /> }`).
 */
export interface RouteDef {
  path: string;
  render(params: Record<string, string>): ReactNode;
  /** Top-bar link: shown when set (and, with `roles`, only to those roles). */
  nav?: string;
  /** Roles shown the nav link; the page itself checks permissions and explains. */
  roles?: readonly string[];
}

/** Who reads the board and the reports: supervisors, admins and the read-only analytics role. */
const READERS = ['supervisor', 'admin', 'analyst'] as const;

export const routes: RouteDef[] = [
  { path: '/', render: () => <Workspace conversationId={null} />, nav: 'Inbox' },
  {
    path: '/conversations/:id',
    render: ({ id }) => {
      const n = Number(id);
      return Number.isSafeInteger(n) && n > 0 ? <Workspace conversationId={n} /> : null;
    },
  },
  { path: '/search', render: () => <SearchPage />, nav: 'Search' },
  { path: '/contacts', render: () => <ContactsPage />, nav: 'Contacts' },
  { path: '/board', render: () => <BoardRoute />, nav: 'SLA board', roles: READERS },
  { path: '/reports', render: () => <ReportsPage />, nav: 'Reports', roles: READERS },
  { path: '/engagement', render: () => <EngagementPage />, nav: 'Engagement' },
  { path: '/settings', render: () => <SettingsPage />, nav: 'My settings' },
  { path: '/admin', render: () => <AdminPage section="people" />, nav: 'Admin', roles: ['admin'] },
  { path: '/admin/:section', render: ({ section }) => <AdminPage section={section ?? 'people'} /> },
];

/** The page for a path, or null when nothing matches (the app then goes to the inbox). */
export function resolveRoute(path: string): ReactNode | null {
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return route.render(params);
  }
  return null;
}
