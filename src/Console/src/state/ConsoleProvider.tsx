import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, useState, type Dispatch, type ReactNode } from 'react';
import { api } from '../api/endpoints';
import type { OperatorDto } from '../api/types';
import { beep } from '../realtime/beep';
import { connectConsoleHub, type ConsoleHubConnector, type LiveStatus } from '../realtime/connection';
import { consoleReducer, initialState, isNewlyWaiting, type ConsoleAction, type ConsoleState } from './consoleStore';
import { loadSeen, saveSeen } from './seen';

const HIGHLIGHT_MS = 10_000;
const SOUND_KEY = 'omnichannel.console.sound';

interface ConsoleContextValue {
  me: OperatorDto;
  state: ConsoleState;
  dispatch: Dispatch<ConsoleAction>;
  live: LiveStatus;
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

/** The logged-in console: shared state, the live hub link, sound and unread marks. */
export function ConsoleProvider({ me, children, connect = connectConsoleHub, playSound = beep }: Props) {
  const [state, dispatch] = useReducer(consoleReducer, initialState);
  const [live, setLive] = useState<LiveStatus>('connecting');
  const [seen, setSeen] = useState(() => loadSeen(me.id));
  const [soundOn, setSoundOnState] = useState(() => window.localStorage.getItem(SOUND_KEY) !== 'off');
  const [operatorNames, setOperatorNames] = useState<Record<number, string>>({});
  const stateRef = useRef(state);
  stateRef.current = state;
  const soundRef = useRef(soundOn);
  soundRef.current = soundOn;

  useEffect(() => {
    const link = connect({
      conversationChanged: (conversation) => {
        if (isNewlyWaiting(stateRef.current.conversations[conversation.id], conversation)) {
          if (soundRef.current) playSound();
          setTimeout(() => dispatch({ type: 'highlightCleared', conversationId: conversation.id }), HIGHLIGHT_MS);
        }
        dispatch({ type: 'conversationUpserted', conversation });
      },
      messageAdded: (message) => dispatch({ type: 'messageUpserted', message }),
      messageStatusChanged: (status) => dispatch({ type: 'messageStatusChanged', status }),
      connected: () => dispatch({ type: 'synced' }),
      status: setLive,
    });
    return () => void link.stop();
  }, [connect, playSound]);

  useEffect(() => {
    api.operators().then(
      (list) => setOperatorNames(Object.fromEntries(list.map((o) => [o.id, o.displayName]))),
      () => {}, // Names are a nicety; labels fall back to "another operator".
    );
  }, [state.syncGeneration]);

  const markSeen = useCallback(
    (conversationId: number, lastMessageAt: string) =>
      setSeen((current) => {
        const key = String(conversationId);
        const known = current[key];
        if (known !== undefined && Date.parse(known) >= Date.parse(lastMessageAt)) return current;
        const next = { ...current, [key]: lastMessageAt };
        saveSeen(me.id, next);
        return next;
      }),
    [me.id],
  );

  const setSoundOn = useCallback((on: boolean) => {
    setSoundOnState(on);
    window.localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
    if (on) playSound();
  }, [playSound]);

  const value = useMemo(
    () => ({ me, state, dispatch, live, seen, markSeen, soundOn, setSoundOn, operatorNames }),
    [me, state, live, seen, markSeen, soundOn, setSoundOn, operatorNames],
  );
  return <ConsoleContext.Provider value={value}>{children}</ConsoleContext.Provider>;
}

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside ConsoleProvider');
  return value;
}
