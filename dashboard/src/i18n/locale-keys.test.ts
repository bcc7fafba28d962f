// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { de } from './de.js';
import { en } from './en.js';
import { preferredLanguage } from './setup-i18n.js';
import { flattenKeys } from './translations.js';

const lookup = (obj: object, key: string): unknown =>
  key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj);
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('has exactly the same keys in German and English', () => {
    expect(flattenKeys(de).sort()).toEqual(flattenKeys(en).sort());
  });

  it('fills every text and keeps the same placeholders in both languages', () => {
    for (const key of flattenKeys(en)) {
      const enText = String(lookup(en, key));
      const deText = String(lookup(de, key));
      expect(enText.trim(), key).not.toBe('');
      expect(deText.trim(), key).not.toBe('');
      expect(placeholders(deText), key).toEqual(placeholders(enText));
    }
  });

  it('follows the browser language unless the user chose one', () => {
    const none = { getItem: () => null };
    expect(preferredLanguage(['de-DE', 'en'], none)).toBe('de');
    expect(preferredLanguage(['fr-FR', 'en-US'], none)).toBe('en');
    expect(preferredLanguage(['fr-FR'], none)).toBe('en');
    expect(preferredLanguage(['de-AT'], { getItem: () => 'en' })).toBe('en');
  });
});
