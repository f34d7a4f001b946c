/**
 * zh-CN first, English on a toggle. Each area keeps its own messages beside its screens
 * (`messages.ts`) and reads them with `useT(messages)`; the choice is remembered per browser.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type Locale = 'zh' | 'en';
export type Messages<K extends string = string> = { zh: Record<K, string>; en: Record<K, string> };

const LOCALE_KEY = 'lianshen.locale';

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

const LocaleContext = createContext<LocaleState>({ locale: 'zh', setLocale: () => {} });

function initialLocale(): Locale {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(LOCALE_KEY);
  return saved === 'en' ? 'en' : 'zh';
}

export function LocaleProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
  const [locale, set] = useState<Locale>(fixed ?? initialLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(LOCALE_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    set(next);
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export const useLocale = () => useContext(LocaleContext);

/** Define an area's messages; English must name every key Chinese names. */
export function defineMessages<K extends string>(messages: { zh: Record<K, string>; en: Record<NoInfer<K>, string> }): Messages<K> {
  return messages;
}

/** `t('key', { n: 3 })` in the current locale; `{n}` placeholders are filled from `vars`. */
export function useT<K extends string>(messages: Messages<K>): (key: K, vars?: Record<string, string | number>) => string {
  const { locale } = useLocale();
  return useCallback((key: K, vars?: Record<string, string | number>) => {
    const text = messages[locale][key] ?? messages.zh[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
  }, [locale, messages]);
}
