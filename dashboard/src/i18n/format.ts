import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Locale-aware formatters built on Intl; one set per language. */
export interface Formatters {
  locale: string;
  /** A rate per worker-hour, 2 decimals. */
  rate(value: number): string;
  /** A plain count. */
  count(value: number): string;
  /** Hours with the unit, e.g. "12.5 hours" / "12,5 Stunden". */
  hours(value: number): string;
  minutes(value: number): string;
  days(value: number): string;
  /** A 0..1 share as a percentage. */
  percent(share: number): string;
  /** A signed relative change (0.25 → "+25 %"). */
  change(ratio: number): string;
  dateTime(ms: number, timeZone?: string): string;
  time(ms: number, timeZone?: string): string;
  /** Hour of day 0–23 as a clock time ("08:00", "8 AM"). */
  hourOfDay(hour: number): string;
  /** 0 = Monday … 6 = Sunday, as the server counts. */
  weekday(slot: number): string;
}

export function createFormatters(locale: string): Formatters {
  const rate = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const unit = (u: string, digits = 1) =>
    new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: u,
      unitDisplay: 'long',
      maximumFractionDigits: digits,
    });
  const hours = unit('hour');
  const minutes = unit('minute', 0);
  const days = unit('day', 0);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const change = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  });
  const hourFormat = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  const weekdayFormat = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  return {
    locale,
    rate: (v) => rate.format(v),
    count: (v) => count.format(v),
    hours: (v) => hours.format(v),
    minutes: (v) => minutes.format(v),
    days: (v) => days.format(v),
    percent: (v) => percent.format(v),
    change: (v) => change.format(v),
    dateTime: (ms, timeZone) =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(ms),
    time: (ms, timeZone) => new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(ms),
    hourOfDay: (hour) => hourFormat.format(Date.UTC(2024, 0, 1, hour)),
    // 1 January 2024 was a Monday.
    weekday: (slot) => weekdayFormat.format(Date.UTC(2024, 0, 1 + slot)),
  };
}

/** The formatters for the language currently shown. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'de' ? 'de-DE' : 'en-GB';
  return useMemo(() => createFormatters(locale), [locale]);
}
