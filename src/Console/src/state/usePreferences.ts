import { useCallback, useState } from 'react';
import { loadSeen, saveSeen } from './seen';

const SOUND_KEY = 'omnichannel.console.sound';

/** Per-browser preferences and read marks, kept in local storage. */
export function usePreferences(operatorId: number, playSound: () => void) {
  const [seen, setSeen] = useState(() => loadSeen(operatorId));
  const [soundOn, setSoundOnState] = useState(() => window.localStorage.getItem(SOUND_KEY) !== 'off');

  const markSeen = useCallback(
    (conversationId: number, lastMessageAt: string) =>
      setSeen((current) => {
        const key = String(conversationId);
        const known = current[key];
        if (known !== undefined && Date.parse(known) >= Date.parse(lastMessageAt)) return current;
        const next = { ...current, [key]: lastMessageAt };
        saveSeen(operatorId, next);
        return next;
      }),
    [operatorId],
  );

  const setSoundOn = useCallback(
    (on: boolean) => {
      setSoundOnState(on);
      window.localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
      if (on) playSound();
    },
    [playSound],
  );

  return { seen, markSeen, soundOn, setSoundOn };
}
