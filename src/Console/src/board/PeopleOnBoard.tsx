import { request } from '../api/http';
import { formatPercent } from './countdown';
import { PRESENCE_NAMES, plural } from './labels';
import type { OperatorLoadDto, TeamBoardDto } from './types';

/** A supervisor stops new offers to someone who walked away (their open conversations stay with them). */
const setAway = (operatorId: number) => request('PUT', `/api/operators/${operatorId}/presence`, { presence: 'Away' }).catch(() => undefined);

/** Per team, then per person: who is online and how much they hold; a supervisor can set someone away. */
export function PeopleOnBoard({ teams, operators, live, canAct = true }: { teams: TeamBoardDto[]; operators: OperatorLoadDto[]; live: boolean; canAct?: boolean }) {
  return (
    <>
      {teams.length > 0 && (
        <table className="sla-table" aria-label="Teams" data-testid="board-teams">
          <thead>
            <tr>
              <th scope="col">Team</th>
              {live && <th scope="col">Online</th>}
              {live && <th scope="col">Open</th>}
              {live && <th scope="col">Waiting for the team</th>}
              <th scope="col">Breached</th>
              <th scope="col">Within promise</th>
            </tr>
          </thead>
          <tbody>
            {teams.map((t) => (
              <tr key={t.id} data-testid={`team-${t.id}`}>
                <th scope="row">{t.name}</th>
                {live && <td>{`${t.membersOnline} of ${t.members}`}</td>}
                {live && <td>{t.open}</td>}
                {live && <td>{t.waitingForTeam}</td>}
                <td className={t.breachedToday > 0 ? 'cell-breached' : undefined}>{t.breachedToday}</td>
                <td>{formatPercent(t.attainmentToday)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {live &&
        (operators.length === 0 ? (
          <p>No operator is online.</p>
        ) : (
          <table className="sla-table" aria-label="Operators online">
            <thead>
              <tr>
                <th scope="col">Operator</th>
                <th scope="col">Presence</th>
                <th scope="col">Holding</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {operators.map((o) => (
                <tr key={o.id} data-testid={`operator-${o.id}`}>
                  <td>{o.displayName}</td>
                  <td>{PRESENCE_NAMES[o.presence] ?? o.presence}</td>
                  <td>
                    {plural(o.open, 'conversation')}
                    {o.customersWaiting > 0 ? `, ${o.customersWaiting} awaiting a reply` : ''}
                  </td>
                  <td>
                    {canAct && o.presence === 'Available' && (
                      <button type="button" className="small" data-testid={`set-away-${o.id}`} onClick={() => void setAway(o.id)}>
                        Set away
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </>
  );
}
