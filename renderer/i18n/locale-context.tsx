import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { LocalizedText } from '../../shared/api/types';
import {
  LOCALES,
  format,
  formatNumber,
  localeFromSystem,
  type Locale,
  type MessageKey,
  type MessageParams,
} from '../../shared/i18n/messages';

const STORAGE_KEY = 'rootwise.locale';

function storedLocale(): Locale | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : undefined;
  } catch {
    return undefined;
  }
}

function initialLocale(): Locale {
  return storedLocale() ?? localeFromSystem(navigator.language);
}

export interface LocaleTools {
  readonly locale: Locale;
  /** A catalogue message with `{name}` placeholders filled. */
  readonly t: (key: MessageKey, params?: MessageParams) => string;
  /** A table or field label in the current language. */
  readonly label: (text: LocalizedText) => string;
  /** A number grouped for the locale, at most `fractionDigits` decimals. */
  readonly number: (value: number, fractionDigits?: number) => string;
  readonly setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleTools | null>(null);

export function LocaleProvider({ children }: { readonly children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // storage can be unavailable (private windows); the choice then lasts for this session only
    }
  }, [locale]);

  const setLocale = useCallback((next: Locale) => setLocaleState(next), []);

  const tools = useMemo<LocaleTools>(() => {
    const numberFormats = new Map<number, Intl.NumberFormat>();
    return {
      locale,
      t: (key, params) => format(locale, key, params),
      label: (text) => text[locale],
      number: (value, fractionDigits = 2) => {
        if (fractionDigits === 2) return formatNumber(locale, value);
        let nf = numberFormats.get(fractionDigits);
        if (nf === undefined) {
          nf = new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits });
          numberFormats.set(fractionDigits, nf);
        }
        return nf.format(value);
      },
      setLocale,
    };
  }, [locale, setLocale]);

  return <LocaleContext value={tools}>{children}</LocaleContext>;
}

export function useT(): LocaleTools {
  const tools = useContext(LocaleContext);
  if (tools === null) throw new Error('useT() needs a <LocaleProvider> above it.');
  return tools;
}
