import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './en';
import { nl } from './nl';

export type Locale = 'en' | 'nl';
export const LOCALES: readonly { id: Locale; name: string }[] = [
  { id: 'en', name: 'English' },
  { id: 'nl', name: 'Nederlands' },
];

const CATALOGUES: Record<Locale, Partial<Record<MessageKey, string>>> = { en, nl };

/** A message in the locale, falling back to English, then to the key itself; {name} placeholders are filled. */
export function translate(
  locale: Locale,
  key: MessageKey,
  vars: Record<string, string | number> = {},
  catalogues: Record<string, Partial<Record<MessageKey, string>>> = CATALOGUES,
): string {
  const template = catalogues[locale]?.[key] ?? en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The locale from a stored choice or the browser's languages; English when nothing matches. */
export function pickLocale(stored: string | null, browser: readonly string[]): Locale {
  for (const candidate of [stored, ...browser]) {
    const base = candidate?.toLowerCase().split('-')[0];
    if (base === 'en' || base === 'nl') return base;
  }
  return 'en';
}

/** Dates and times in the locale's own format. */
export function formatDateTime(locale: Locale, iso: string, withDate = true): string {
  const d = new Date(iso);
  return withDate
    ? d.toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' })
    : d.toLocaleTimeString(locale === 'nl' ? 'nl-NL' : 'en-GB', { timeStyle: 'short' });
}

export function formatMoney(locale: Locale, value: number): string {
  return value.toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | null>(null);
const storageKey = (operatorId: number) => `omnichannel.console.locale.${operatorId}`;

/** The operator's console language, kept per operator on this browser. */
export function I18nProvider({ operatorId, children }: { operatorId: number; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => pickLocale(safeGet(storageKey(operatorId)), typeof navigator === 'undefined' ? [] : navigator.languages ?? []));
  const setLocale = useCallback(
    (next: Locale) => {
      setLocaleState(next);
      try {
        window.localStorage.setItem(storageKey(operatorId), next);
      } catch {
        // Private mode: the choice lasts this session.
      }
    },
    [operatorId],
  );
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale, t: (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars) }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

const fallback: I18n = { locale: 'en', setLocale: () => {}, t: (key, vars) => translate('en', key, vars) };

/** Outside a provider (isolated component tests) the console speaks English. */
export function useI18n(): I18n {
  return useContext(I18nContext) ?? fallback;
}

function safeGet(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}
