import { createContext, useContext, useEffect, useMemo, useReducer, useRef, useState, type Dispatch, type ReactNode } from 'react';
import { api } from '../api/endpoints';
import type { OperatorDto, Presence } from '../api/types';
import { beep } from '../realtime/beep';
import { connectConsoleHub, type ConsoleHubConnector, type LiveStatus } from '../realtime/connection';
import { consoleReducer, initialState, isNewlyWaiting, type ConsoleAction, type ConsoleState } from './consoleStore';
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
}

const ConsoleContext = createContext<ConsoleContextValue | null>(null);

interface Props {
  me: OperatorDto;
  children: ReactNode;
  connect?: ConsoleHubConnector;
  playSound?: () => void;
}

/** The logged-in console: shared state, the live hub link, sound, presence and unread marks. */
export function ConsoleProvider({ me, children, connect = connectConsoleHub, playSound = beep }: Props) {
  const [state, dispatch] = useReducer(consoleReducer, initialState);
  const [live, setLive] = useState<LiveStatus>('connecting');
  const [presence, setPresence] = useState<Presence>(me.presence);
  const [operatorNames, setOperatorNames] = useState<Record<number, string>>({});
  const { seen, markSeen, soundOn, setSoundOn } = usePreferences(me.id, playSound);
  const stateRef = useRef(state);
  stateRef.current = state;
  // One chime per burst: a new conversation and its offer arrive together.
  const lastAlert = useRef(0);
  const alert = useRef(() => {});
  alert.current = () => {
    if (!soundOn || Date.now() - lastAlert.current < ALERT_GAP_MS) return;
    lastAlert.current = Date.now();
    playSound();
  };

  useEffect(() => {
    const link = connect({
      conversationChanged: (conversation) => {
        if (isNewlyWaiting(stateRef.current.conversations[conversation.id], conversation)) {
          alert.current();
          setTimeout(() => dispatch({ type: 'highlightCleared', conversationId: conversation.id }), HIGHLIGHT_MS);
        }
        dispatch({ type: 'conversationUpserted', conversation });
      },
      messageAdded: (message) => dispatch({ type: 'messageUpserted', message }),
      messageStatusChanged: (status) => dispatch({ type: 'messageStatusChanged', status }),
      offerMade: (offer) => {
        if (!stateRef.current.offers[offer.id]) alert.current();
        dispatch({ type: 'offerChanged', offer });
      },
      offerWithdrawn: (offer) => dispatch({ type: 'offerChanged', offer: { ...offer, state: offer.state === 'Pending' ? 'Cancelled' : offer.state } }),
      presenceChanged: (operator) => {
        if (operator.id === me.id) setPresence(operator.presence);
      },
      connected: () => dispatch({ type: 'synced' }),
      status: setLive,
    });
    return () => void link.stop();
  }, [connect, me.id]);

  // After every (re)connect: my open offers, my presence, the team's names.
  useEffect(() => {
    if (state.syncGeneration === 0) return;
    api.offers().then((offers) => dispatch({ type: 'offersLoaded', offers }), () => {});
    api.me().then((op) => setPresence(op.presence), () => {});
    api.operators().then((list) => setOperatorNames(Object.fromEntries(list.map((o) => [o.id, o.displayName]))), () => {});
  }, [state.syncGeneration]);

  const changePresence = useMemo(
    () => (next: Presence) => {
      const before = presence;
      setPresence(next);
      api.setPresence(next).then((op) => setPresence(op.presence), () => setPresence(before));
    },
    [presence],
  );

  const value = useMemo(
    () => ({ me, state, dispatch, live, presence, setPresence: changePresence, seen, markSeen, soundOn, setSoundOn, operatorNames }),
    [me, state, live, presence, changePresence, seen, markSeen, soundOn, setSoundOn, operatorNames],
  );
  return <ConsoleContext.Provider value={value}>{children}</ConsoleContext.Provider>;
}

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside ConsoleProvider');
  return value;
}
