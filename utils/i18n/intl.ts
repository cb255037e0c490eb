/**
 * Intl formatters, one per (language, options): constructing an
 * `Intl.NumberFormat` or `DateTimeFormat` costs tens of microseconds to
 * milliseconds (locale data lookup), and lists format a number or date per
 * row on every render. Formatters are immutable, so sharing them is safe.
 */
const cache = new Map<string, unknown>();

function cached<T>(kind: string, lang: string, options: object | undefined, make: () => T): T {
  const key = `${kind}\u0000${lang}\u0000${options ? JSON.stringify(options) : ''}`;
  let f = cache.get(key) as T | undefined;
  if (f === undefined) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

export const numberFormat = (lang: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat =>
  cached('n', lang, options, () => new Intl.NumberFormat(lang, options));
/** Kept only with a fixed `timeZone`: one without keeps the zone it was made in, and the system's may change. */
export const dateTimeFormat = (lang: string, options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  options?.timeZone ? cached('d', lang, options, () => new Intl.DateTimeFormat(lang, options)) : new Intl.DateTimeFormat(lang, options);
export const listFormat = (lang: string, options?: Intl.ListFormatOptions): Intl.ListFormat => cached('l', lang, options, () => new Intl.ListFormat(lang, options));
export const relativeTimeFormat = (lang: string, options?: Intl.RelativeTimeFormatOptions): Intl.RelativeTimeFormat =>
  cached('r', lang, options, () => new Intl.RelativeTimeFormat(lang, options));
export const pluralRules = (lang: string): Intl.PluralRules => cached('p', lang, undefined, () => new Intl.PluralRules(lang));
