import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState, type Dispatch, type ReactNode } from 'react';
import { api } from '../api/endpoints';
import { answersCustomers, isSupervisor, type OperatorDto, type Presence } from '../api/types';
import { beep } from '../realtime/beep';
import { desktopNotify, isNewInMine } from '../realtime/notifyMine';
import { connectConsoleHub, type ConsoleHubConnector, type LiveStatus } from '../realtime/connection';
import { currentPath } from '../app/router';
import { createHubEvents, type HubEvents } from '../realtime/hubEvents';
import { consoleReducer, initialState, isNewlyWaiting, type ConsoleAction, type ConsoleState } from './consoleStore';
import { useToasts, type Toast } from './toasts';
import { usePreferences } from './usePreferences';

const HIGHLIGHT_MS = 10_000;
const ALERT_GAP_MS = 1500;

interface ConsoleContextValue {
  me: OperatorDto;
  state: ConsoleState;
  dispatch: Dispatch<ConsoleAction>;
  live: LiveStatus;
  /** My presence as the hub last told it (the console's connection makes an offline operator available). */
  presence: Presence;
  setPresence(presence: Presence): void;
  seen: Record<string, string>;
  markSeen(conversationId: number, lastMessageAt: string): void;
  soundOn: boolean;
  setSoundOn(on: boolean): void;
  /** Display names of the team, for "assigned to" labels (empty until loaded). */
  operatorNames: Record<number, string>;
  /** The team with presence as last pushed (supervisors get everyone's changes; others see the last fetch). */
  operators: OperatorDto[];
  /** Refetch the team (e.g. when the transfer picker opens). */
  refreshOperators(): void;
  /** The hub link's events, for pages that need more than the shared state (the SLA board). */
  events: HubEvents;
  toasts: Toast[];
  dismissToast(id: string): void;
}

const ConsoleContext = createContext<ConsoleContextValue | null>(null);

interface Props {
  me: OperatorDto;
  children: ReactNode;
  connect?: ConsoleHubConnector;
  playSound?: () => void;
}

/** The logged-in console: shared state, the live hub link, sound, presence, alerts and unread marks. */
export function ConsoleProvider({ me, children, connect = connectConsoleHub, playSound = beep }: Props) {
  const [state, dispatch] = useReducer(consoleReducer, initialState);
  const [live, setLive] = useState<LiveStatus>('connecting');
  const [presence, setPresenceState] = useState<Presence>(me.presence);
  const [operators, setOperators] = useState<OperatorDto[]>([]);
  const { seen, markSeen, soundOn, setSoundOn } = usePreferences(me.id, playSound);
  const { toasts, showToast, dismissToast } = useToasts();
  const events = useMemo(createHubEvents, []);
  const stateRef = useRef(state);
  stateRef.current = state;
  // The hub pushes PresenceChanged on connect and on every change; a REST answer that was already on its way must
  // not overwrite a newer push (the connect's "Available" raced /api/auth/me's stale "Offline").
  const presenceVersion = useRef(0);
  const applyPushedPresence = useCallback((p: Presence) => {
    presenceVersion.current++;
    setPresenceState(p);
  }, []);
  // One chime per burst: a new conversation and its offer arrive together.
  const lastAlert = useRef(0);
  const alert = useRef(() => {});
  alert.current = () => {
    if (!soundOn || Date.now() - lastAlert.current < ALERT_GAP_MS) return;
    lastAlert.current = Date.now();
    playSound();
  };

  const supervisor = isSupervisor(me);
  const works = answersCustomers(me);
  const meId = me.id;
  useEffect(() => {
    // The read-only analytics role has no live link: connecting would make them available for offers.
    if (!works) {
      setLive('offline');
      return;
    }
    const link = connect({
      conversationChanged: (conversation) => {
        if (isNewlyWaiting(stateRef.current.conversations[conversation.id], conversation)) {
          alert.current();
          setTimeout(() => dispatch({ type: 'highlightCleared', conversationId: conversation.id }), HIGHLIGHT_MS);
        }
        dispatch({ type: 'conversationUpserted', conversation });
      },
      messageAdded: (message) => {
        const conversation = stateRef.current.conversations[message.conversationId];
        const fresh = !stateRef.current.messages[message.conversationId]?.some((m) => m.id === message.id);
        if (fresh && isNewInMine(message, conversation, meId)) {
          alert.current();
          desktopNotify(conversation!.contactName, message.text.slice(0, 140), `conversation-${message.conversationId}`);
        }
        dispatch({ type: 'messageUpserted', message });
      },
      messageStatusChanged: (status) => dispatch({ type: 'messageStatusChanged', status }),
      offerMade: (offer) => {
        if (!stateRef.current.offers[offer.id]) alert.current();
        dispatch({ type: 'offerChanged', offer });
      },
      offerWithdrawn: (offer) => {
        // Say where it went: an offer that simply vanished looks like a glitch.
        if (stateRef.current.offers[offer.id] && offer.state !== 'Accepted' && offer.state !== 'Declined')
          showToast({
            id: `offer-gone-${offer.id}`,
            kind: 'info',
            title: `${offer.contactName}: offer moved on`,
            body: offer.state === 'Expired' ? 'Not accepted in time: offered to the next free colleague.' : 'Another operator took it, or the customer left.',
            conversationId: offer.conversationId,
            channel: offer.channel,
          });
        dispatch({ type: 'offerChanged', offer: { ...offer, state: offer.state === 'Pending' ? 'Cancelled' : offer.state } });
      },
      presenceChanged: (operator) => {
        if (operator.id === meId) applyPushedPresence(operator.presence);
        setOperators((list) => (list.some((o) => o.id === operator.id) ? list.map((o) => (o.id === operator.id ? operator : o)) : [...list, operator]));
      },
      supervisorAlert: (a) => {
        events.emit('SupervisorAlert', a);
        if (!supervisor) return;
        alert.current();
        showToast({
          id: `supervisor-${a.conversationId}`,
          kind: 'supervisor',
          title: `${a.contactName} is waiting`,
          body: a.reason,
          conversationId: a.conversationId,
          channel: a.channel,
          since: a.waitingSince,
        });
      },
      slaAtRisk: (a) => {
        events.emit('SlaAtRisk', a);
        dispatch({ type: 'slaAlerted', conversationId: a.conversationId, mark: 'AtRisk' });
      },
      slaBreached: (b) => {
        events.emit('SlaBreached', b);
        dispatch({ type: 'slaAlerted', conversationId: b.conversationId, mark: 'Breached' });
        const heldByMe = b.operatorId === meId || stateRef.current.conversations[b.conversationId]?.assignedOperatorId === meId;
        if (!heldByMe) return;
        alert.current();
        showToast({
          id: `breach-${b.id}`,
          kind: 'breach',
          title: `Promise missed: ${b.contactName ?? `conversation #${b.conversationId}`}`,
          body: `The ${b.kind === 'FirstResponse' ? 'first' : 'next'} answer was due ${new Date(b.dueAt).toLocaleTimeString()}.`,
          conversationId: b.conversationId,
          channel: b.channel,
        });
      },
      boardChanged: () => events.emit('BoardChanged'),
      noteAdded: (note) => dispatch({ type: 'noteUpserted', note }),
      mentioned: (m) => {
        alert.current();
        showToast({ id: `mention-${m.noteId}`, kind: 'mention', title: `${m.byOperatorName} mentioned you · ${m.contactName}`, body: m.text, conversationId: m.conversationId });
      },
      whisper: (w) => {
        events.emit('Whisper', w);
        // Looking at that conversation already: the whisper shows there (a toast would cover the reply box).
        if (w.fromOperatorId === meId || currentPath() === `/conversations/${w.conversationId}`) return;
        alert.current();
        showToast({ id: `whisper-${w.conversationId}-${w.at}`, kind: 'info', title: `Whisper from ${w.fromName}`, body: w.text, conversationId: w.conversationId });
      },
      connected: () => {
        dispatch({ type: 'synced' });
        events.emit('connected');
      },
      status: (s) => {
        setLive(s);
        events.emit('status', s);
      },
    });
    return () => void link.stop();
  }, [connect, meId, supervisor, works, events, showToast, applyPushedPresence]);

  const refreshOperators = useCallback(() => {
    api.operators().then(setOperators, () => {});
  }, []);

  // After every (re)connect: my open offers, my presence, the team.
  useEffect(() => {
    if (state.syncGeneration === 0) return;
    api.offers().then((offers) => dispatch({ type: 'offersLoaded', offers }), () => {});
    const version = presenceVersion.current;
    api.me().then(
      (op) => {
        if (presenceVersion.current === version) setPresenceState(op.presence);
      },
      () => {},
    );
    refreshOperators();
  }, [state.syncGeneration, refreshOperators]);

  const changePresence = useCallback((next: Presence) => {
    let before: Presence = next;
    setPresenceState((current) => {
      before = current;
      return next;
    });
    const version = ++presenceVersion.current;
    api.setPresence(next).then(
      (op) => {
        if (presenceVersion.current === version) setPresenceState(op.presence);
      },
      () => {
        if (presenceVersion.current === version) setPresenceState(before);
      },
    );
  }, []);

  const operatorNames = useMemo(() => Object.fromEntries(operators.map((o) => [o.id, o.displayName])) as Record<number, string>, [operators]);

  const value = useMemo(
    () => ({
      me,
      state,
      dispatch,
      live,
      presence,
      setPresence: changePresence,
      seen,
      markSeen,
      soundOn,
      setSoundOn,
      operatorNames,
      operators,
      refreshOperators,
      events,
      toasts,
      dismissToast,
    }),
    [me, state, live, presence, changePresence, seen, markSeen, soundOn, setSoundOn, operatorNames, operators, refreshOperators, events, toasts, dismissToast],
  );
  return <ConsoleContext.Provider value={value}>{children}</ConsoleContext.Provider>;
}

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside ConsoleProvider');
  return value;
}
