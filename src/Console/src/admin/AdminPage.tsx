import './admin.css';
import { Link } from '../app/router';
import { useConsole } from '../state/ConsoleProvider';
import { AuditLog } from './AuditLog';
import { ChannelStatus } from './ChannelStatus';
import { OpeningHoursAdmin } from './OpeningHoursAdmin';
import { PeopleAdmin } from './PeopleAdmin';
import { RulesAdmin } from './RulesAdmin';
import { SlaSettingsAdmin } from './SlaSettingsAdmin';
import { TeamsAdmin } from './TeamsAdmin';

const SECTIONS = {
  people: { title: 'People', render: () => <PeopleAdmin /> },
  teams: { title: 'Teams', render: () => <TeamsAdmin /> },
  routing: { title: 'Routing rules', render: () => <RulesAdmin /> },
  settings: {
    title: 'Promises and hours',
    render: () => (
      <>
        <SlaSettingsAdmin />
        <OpeningHoursAdmin />
      </>
    ),
  },
  channels: { title: 'Channels', render: () => <ChannelStatus /> },
  audit: { title: 'Audit log', render: () => <AuditLog /> },
} as const;

type Section = keyof typeof SECTIONS;

/** /admin/:section — run the contact center without editing JSON. */
export function AdminPage({ section }: { section: string }) {
  const { me } = useConsole();
  if (me.role !== 'admin')
    return (
      <main className="page">
        <p>Only admins manage people and settings.</p>
      </main>
    );
  const current: Section = section in SECTIONS ? (section as Section) : 'people';
  return (
    <main className="page admin-page" aria-label="Administration">
      <h1>Administration</h1>
      <nav className="tabs" aria-label="Administration sections">
        {(Object.keys(SECTIONS) as Section[]).map((s) => (
          <Link key={s} to={`/admin/${s}`} data-testid={`admin-tab-${s}`} aria-current={s === current ? 'page' : undefined}>
            {SECTIONS[s].title}
          </Link>
        ))}
      </nav>
      {SECTIONS[current].render()}
    </main>
  );
}
