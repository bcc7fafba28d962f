import type { en } from './en.js';

/** The shape of en.ts with every text widened to string, so another language must fill every key. */
type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Translations = Widen<typeof en>;

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Flattens a translation object to its dotted keys, e.g. `nav.overview`. */
export function flattenKeys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, inner]) =>
    typeof inner === 'object' && inner !== null
      ? flattenKeys(inner, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}
