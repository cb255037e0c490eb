/** Local time and availability of a colleague, via Intl (no time-zone tables of our own). */
import { formatDate } from './reasons';

/** "14:05" in the colleague's time zone, or null for an unknown zone. */
export function localTime(timeZone: string | undefined, now: Date, lang: string): string | null {
  if (!timeZone) return null;
  try {
    return new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone }).format(now);
  } catch {
    return null;
  }
}

/** Whether it is a weekday between 08:00 and 18:00 where the colleague is. */
export function inWorkingHours(timeZone: string | undefined, now: Date): boolean | null {
  if (!timeZone) return null;
  try {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23', weekday: 'short' }).formatToParts(now);
    const hour = Number(parts.find((p) => p.type === 'hour')?.value);
    const weekday = parts.find((p) => p.type === 'weekday')?.value;
    if (Number.isNaN(hour) || !weekday) return null;
    return weekday !== 'Sat' && weekday !== 'Sun' && hour >= 8 && hour < 18;
  } catch {
    return null;
  }
}

/** The day an absence ends, formatted, while it is still to come (inclusive); else null. Never why. */
export function awayUntil(until: string | undefined, now: Date, lang: string): string | null {
  if (!until || until.slice(0, 10) < now.toISOString().slice(0, 10)) return null;
  return formatDate(until.slice(0, 10), lang);
}
