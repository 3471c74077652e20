import type { SupervisorAlertDto, WhisperDto } from '../api/types';
import type { BreachDto, SlaAlertDto } from '../board/types';
import type { LiveStatus } from './connection';

/** Events of the one console hub link that pages (the SLA board) can listen to. */
export interface HubEventMap {
  BoardChanged: [];
  SlaAtRisk: [SlaAlertDto];
  SlaBreached: [BreachDto];
  SupervisorAlert: [SupervisorAlertDto];
  Whisper: [WhisperDto];
  /** After every (re)connect. */
  connected: [];
  status: [LiveStatus];
}

export type HubEventName = keyof HubEventMap;
export type HubEventListener<K extends HubEventName> = (...args: HubEventMap[K]) => void;

export interface HubEvents {
  subscribe<K extends HubEventName>(name: K, listener: HubEventListener<K>): () => void;
  emit<K extends HubEventName>(name: K, ...args: HubEventMap[K]): void;
}

/** A tiny typed emitter: the provider owns the SignalR connection and re-emits what pages need. */
export function createHubEvents(): HubEvents {
  const listeners = new Map<HubEventName, Set<(...args: never[]) => void>>();
  return {
    subscribe(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      const fn = listener as (...args: never[]) => void;
      set.add(fn);
      return () => void set.delete(fn);
    },
    emit(name, ...args) {
      for (const fn of [...(listeners.get(name) ?? [])]) {
        try {
          (fn as (...a: unknown[]) => void)(...args);
        } catch (error) {
          console.error(error);
        }
      }
    },
  };
}
