import type { ConversationDto } from '../api/types';
import { countdown } from '../board/countdown';

const KIND: Record<string, string> = { FirstResponse: 'first answer', NextResponse: 'answer' };

/** Time left on the conversation's promise: on track, at risk (amber), breached (red, counting up). */
export function SlaBadge({ conversation: c, now }: { conversation: ConversationDto; now: number }) {
  const clock = countdown(c.slaDueAt ?? null, c.slaAtRiskAt ?? null, now, c.slaState ?? 'None');
  if (clock.state === 'None') return null;
  const what = KIND[c.slaKind ?? ''] ?? 'answer';
  const text = clock.state === 'Breached' ? `late ${clock.label.replace('-', '')}` : `${clock.label} left`;
  return (
    <span className={`badge sla sla-${clock.state}`} data-testid="sla-badge" data-sla-state={clock.state} title={`Promise for the ${what}`}>
      {text}
    </span>
  );
}
