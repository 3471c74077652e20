/**
 * A tiny key-value store over localStorage that never throws: storage can be disabled, full or
 * blocked (third-party contexts, private modes). Then the widget still works for the page's life.
 */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string | null): void;
}

export function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    get: (key) => map.get(key) ?? null,
    set: (key, value) => (value === null ? map.delete(key) : map.set(key, value), undefined),
  };
}

export function browserStore(storage: () => Storage = () => window.localStorage): KeyValueStore {
  const fallback = memoryStore();
  return {
    get(key) {
      try {
        return storage().getItem(key);
      } catch {
        return fallback.get(key);
      }
    },
    set(key, value) {
      try {
        if (value === null) storage().removeItem(key);
        else storage().setItem(key, value);
      } catch {
        fallback.set(key, value);
      }
    },
  };
}

export function readJson<T>(store: KeyValueStore, key: string, fallback: T): T {
  const raw = store.get(key);
  if (raw === null) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

export function writeJson(store: KeyValueStore, key: string, value: unknown): void {
  store.set(key, JSON.stringify(value));
}
