import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/endpoints';
import { request } from '../api/http';
import { isSupervisor, type ConversationDto, type TimelineDto } from '../api/types';
import { FormError } from '../admin/FormError';
import { useConsole } from '../state/ConsoleProvider';
import { formatMessageTime } from '../shared/time';

/**
 * Whispers on this conversation (the operator and supervisors see them; the customer never does) and, for
 * supervisors, a whisper box and "Take over". Monitoring is simply opening the conversation: it updates live.
 */
export function SupervisorTools({ conversation }: { conversation: ConversationDto }) {
  const { me, events, operatorNames } = useConsole();
  const [whispers, setWhispers] = useState<TimelineDto[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [names, setNames] = useState<Record<number, string>>({});
  const supervisor = isSupervisor(me);

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      void api.timeline(conversation.id).then(
        (list) => !cancelled && setWhispers(list.filter((t) => t.kind === 'Whispered')),
        () => {},
      );
    load();
    const off = events.subscribe('Whisper', (w) => {
      if (w.conversationId !== conversation.id) return;
      setNames((n) => ({ ...n, [w.fromOperatorId]: w.fromName }));
      load();
    });
    return () => {
      cancelled = true;
      off();
    };
  }, [conversation.id, events]);

  const whisper = (event: FormEvent) => {
    event.preventDefault();
    request('POST', `/api/conversations/${conversation.id}/whisper`, { text }).then(() => {
      setText('');
      setError(null);
    }, setError);
  };
  const takeOver = () => request('POST', `/api/conversations/${conversation.id}/takeover`).then(() => setError(null), setError);
  const [teams, setTeams] = useState<{ id: number; name: string }[]>([]);
  useEffect(() => {
    if (supervisor && conversation.state === 'Waiting') void request<{ id: number; name: string }[]>('GET', '/api/teams').then(setTeams, () => {});
  }, [supervisor, conversation.state]);
  const moveToTeam = (teamId: string) =>
    teamId && request('POST', `/api/conversations/${conversation.id}/move`, { teamId: Number(teamId) }).then(() => setError(null), setError);

  if (!supervisor && whispers.length === 0) return null;
  return (
    <aside className="whispers" aria-label="Whispers (only operators see these)" data-testid="whispers">
      {whispers.map((w, i) => (
        <p key={i} className="whisper" data-testid="whisper">
          <span className="whisper-label">Whisper</span> <strong>{w.operatorId !== null ? (names[w.operatorId] ?? operatorNames[w.operatorId] ?? 'Supervisor') : 'Supervisor'}</strong>{' '}
          <time dateTime={w.at}>{formatMessageTime(w.at)}</time>: {w.detail}
        </p>
      ))}
      {supervisor && conversation.state !== 'Closed' && (
        <form className="whisper-form" onSubmit={whisper}>
          <label>
            <span className="visually-hidden">Whisper to the operator</span>
            <input data-testid="whisper-text" placeholder="Whisper to the operator (the customer never sees it)" value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <button type="submit" data-testid="whisper-send">
            Whisper
          </button>
          {conversation.assignedOperatorId !== me.id && (
            <button type="button" data-testid="take-over" onClick={() => void takeOver()}>
              Take over
            </button>
          )}
          {conversation.state === 'Waiting' && teams.length > 0 && (
            <label>
              <span className="visually-hidden">Move to a team</span>
              <select data-testid="move-to-team" value="" onChange={(e) => void moveToTeam(e.target.value)}>
                <option value="">Move to a team…</option>
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </form>
      )}
      <FormError error={error} testId="supervisor-error" />
    </aside>
  );
}
