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
  /** Customer work (inbox, conversations, contacts, visitors, my capacity): not for the read-only analytics role. */
  work?: boolean;
}

/** Who reads the board and the reports: supervisors, admins and the read-only analytics role. */
const READERS = ['supervisor', 'admin', 'analyst'] as const;

export const routes: RouteDef[] = [
  { path: '/', render: () => <Workspace conversationId={null} />, nav: 'Inbox', work: true },
  {
    path: '/conversations/:id',
    work: true,
    render: ({ id }) => {
      const n = Number(id);
      return Number.isSafeInteger(n) && n > 0 ? <Workspace conversationId={n} /> : null;
    },
  },
  { path: '/search', render: () => <SearchPage />, nav: 'Search', work: true },
  { path: '/contacts', render: () => <ContactsPage />, nav: 'Contacts', work: true },
  { path: '/board', render: () => <BoardRoute />, nav: 'SLA board', roles: READERS },
  { path: '/reports', render: () => <ReportsPage />, nav: 'Reports', roles: READERS },
  { path: '/engagement', render: () => <EngagementPage />, nav: 'Engagement', work: true },
  { path: '/settings', render: () => <SettingsPage />, nav: 'My settings', work: true },
  { path: '/admin', render: () => <AdminPage section="people" />, nav: 'Admin', roles: ['admin'] },
  { path: '/admin/:section', render: ({ section }) => <AdminPage section={section ?? 'people'} /> },
];

/** Whether a role may open the route at all (an analyst reads, and never works the inbox). */
export function routeAllowed(route: RouteDef, role: string): boolean {
  return !(route.work && role === 'analyst');
}

/** The top-bar links of a role, the inbox first. */
export function navRoutes(role: string): RouteDef[] {
  return routes.filter((r) => r.nav && routeAllowed(r, role) && (!r.roles || r.roles.includes(role)));
}

/** Where a role lands: the inbox, or the reports for the read-only analytics role. */
export function homePath(role: string): string {
  return role === 'analyst' ? '/reports' : '/';
}

/** The page for a path, or null when nothing matches or the role may not open it (the app then goes home). */
export function resolveRoute(path: string, role: string): ReactNode | null {
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return routeAllowed(route, role) ? route.render(params) : null;
  }
  return null;
}
