import 'i18next';
import type { en } from './en.js';

// Typed keys: t('nav.overveiw') is a compile error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
