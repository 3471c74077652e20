import { useConsole } from '../state/ConsoleProvider';
import { CsatBoard } from '../csat/CsatBoard';
import { LiveVisitors } from './LiveVisitors';
import { PageRulesEditor } from './PageRulesEditor';
import { RuleEffects } from './RuleEffects';
import { RulesEditor } from './RulesEditor';

/** /console/engagement: live visitors for everyone; page rules and greeting rules (admins edit); effect and CSAT for supervisors. */
export function EngagementPage() {
  const { me } = useConsole();
  const admin = me.role === 'admin';
  const supervisor = admin || me.role === 'supervisor';
  return (
    <main className="engagement-page" data-testid="engagement-page">
      <LiveVisitors />
      <PageRulesEditor canEdit={admin} />
      <RulesEditor canEdit={admin} />
      {supervisor && <RuleEffects />}
      {supervisor && <CsatBoard />}
    </main>
  );
}
