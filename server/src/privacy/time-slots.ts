const formatters = new Map<string, Intl.DateTimeFormat>();

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Hour of day (0–23) and weekday (0 = Monday … 6) of `tMs` in the IANA time zone `timeZone`. */
export function localSlot(tMs: number, timeZone: string): { hour: number; weekday: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  let hour = 0;
  let weekday = 0;
  for (const part of f.formatToParts(tMs)) {
    if (part.type === 'hour') hour = Number(part.value) % 24;
    if (part.type === 'weekday') weekday = WEEKDAYS.indexOf(part.value);
  }
  return { hour, weekday };
}
