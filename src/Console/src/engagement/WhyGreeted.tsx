import type { EngagementDecision } from './types';

/** Why a visitor was (or was not) greeted: every rule's conditions and score, the capacity gate and the frequency cap. */
export function WhyGreeted({ decision }: { decision: EngagementDecision }) {
  return (
    <div className="why" data-testid="why-greeted">
      <p>
        <strong>{decision.greet ? 'Greeted' : 'Not greeted'}:</strong> {decision.reason}
      </p>
      <ul>
        <li>
          Capacity: {decision.capacity.allowed ? '✓' : '✗'} {decision.capacity.reason}
        </li>
        <li>
          Frequency cap: {decision.frequencyCap.allowed ? '✓' : '✗'} {decision.frequencyCap.reason}
        </li>
        {decision.rules.map((r) => (
          <li key={r.ruleId}>
            Rule “{r.name}”: {r.pageMatches ? `score ${r.score} of ${r.threshold} needed` : 'not for this page'}
            <ul>
              {r.conditions.map((c, i) => (
                <li key={i}>
                  {c.met ? '✓' : '✗'} {c.expected} — now {c.actual} (+{c.weight})
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
