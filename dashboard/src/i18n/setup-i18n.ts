import { createInstance, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from './de.js';
import { en } from './en.js';
import { LANGUAGES, type Language } from './translations.js';

const STORAGE_KEY = 'haltung.language';

/** The user's saved choice, else the first browser language we speak, else English. */
export function preferredLanguage(
  browserLanguages: readonly string[] = globalThis.navigator?.languages ?? [],
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): Language {
  const saved = storage?.getItem(STORAGE_KEY);
  if (saved && isLanguage(saved)) return saved;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** Saves the choice and keeps `<html lang>` right for screen readers and hyphenation. */
export function rememberLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be disabled (private mode); the choice then lasts for this page only.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** A fresh i18next instance (one per app, and one per test). Resources are bundled: no loading. */
export function createI18n(language: Language = preferredLanguage()): I18n {
  const instance = createInstance();
  instance.use(initReactI18next).init({
    resources: { en: { translation: en }, de: { translation: de } },
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  instance.on('languageChanged', (lng) => {
    if (isLanguage(lng)) rememberLanguage(lng);
  });
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  return instance;
}
