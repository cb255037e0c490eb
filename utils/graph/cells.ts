/**
 * How one value of a record is read: the cell parsers the record schemas
 * (schema.ts) are built from — text, ids, domains, emails, dates, countries,
 * time zones, URLs, flags, counts, enums, lists and string maps — and the
 * "expected" codes their errors carry.
 */
import { z } from 'zod';
import { hasBidi, isEmailAddress, isImageDataUrl, LIMITS, shownPhotoUrl, stripBidi } from './display';
export { hasBidi, isEmailAddress, isImageDataUrl, LIMITS, shownPhotoUrl, stripBidi };

/** What a field should have held, as a code: the error is `invalid-<code>` (locale key import_err_invalid_<code>). */
export const EXPECTED = [
  'text',
  'id',
  'domain',
  'email',
  'date',
  'country',
  'phone',
  'timezone',
  'language',
  'url',
  'boolean',
  'count',
  'interactionKind',
  'topicKind',
  'direction',
  'object',
  'length',
] as const;
export type Expected = (typeof EXPECTED)[number];
const EXPECTED_SET: ReadonlySet<string> = new Set(EXPECTED);
export const isExpected = (v: string): v is Expected => EXPECTED_SET.has(v);

/** Display text: bidi controls removed, at most `max` characters. */
export const displayString = (max: number = LIMITS.text) => z.string({ error: 'text' }).transform(stripBidi).pipe(z.string().max(max, { error: 'length' }));

const isAbsent = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
export const blankToUndefined = (v: unknown) => (isAbsent(v) ? undefined : v);
const numToString = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v);

export const text = (max: number = LIMITS.text) => z.preprocess(blankToUndefined, displayString(max).optional());
export const requiredText = (max: number = LIMITS.name) => z.preprocess((v) => (isAbsent(v) ? undefined : numToString(v)), displayString(max));
export const idValue = z.preprocess((v) => (typeof v === 'string' ? v.trim() : numToString(v)), z.string({ error: 'id' }).min(1, { error: 'id' }).max(LIMITS.id, { error: 'length' }));
export const requiredId = () => z.preprocess((v) => (isAbsent(v) ? undefined : v), idValue);
export const optionalId = () => z.preprocess(blankToUndefined, idValue.optional());

/** "a|b" or ["a","b"]: a list without empty entries, at most `max` of them. */
export function list<T extends z.ZodType>(item: T, max: number = LIMITS.list) {
  return z.preprocess((v) => {
    if (isAbsent(v)) return undefined;
    const arr: unknown[] = typeof v === 'string' ? v.split('|') : Array.isArray(v) ? v : [v];
    const out = arr.map((x) => (typeof x === 'string' ? x.trim() : x)).filter((x) => !isAbsent(x));
    return out.length ? out : undefined;
  }, z.array(item).max(max, { error: 'length' }).optional());
}

const DOMAIN_RE = /^(?=.{1,253}$)(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;
/** "https://www.Acme.com/about" → "acme.com"; plain domains are lower-cased. */
export function normalizeDomain(raw: string): string {
  let d = raw.trim().toLowerCase();
  if (d.includes('://')) {
    try {
      d = new URL(d).hostname;
    } catch {
      return d;
    }
  } else if (d.includes('@')) {
    d = d.slice(d.lastIndexOf('@') + 1);
  }
  d = d.replace(/\/.*$/, '');
  if (d.startsWith('www.')) d = d.slice(4);
  return d.replace(/\.$/, '');
}
export const domain = z.string().transform((s, ctx) => {
  const d = normalizeDomain(s);
  if (!DOMAIN_RE.test(d)) {
    ctx.addIssue({ code: 'custom', message: 'domain' });
    return z.NEVER;
  }
  return d;
});

export const email = () =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'email' })
      .transform((s) => s.trim().toLowerCase())
      .refine(isEmailAddress, { error: 'email' })
      .optional(),
  );

export const DATE_RE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
export const date = z.preprocess(
  (v) => (isAbsent(v) ? undefined : typeof v === 'string' ? v.trim() : v),
  z
    .string({ error: 'date' })
    .refine((s) => DATE_RE.test(s) && !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s.replace(' ', 'T'))), { error: 'date' }),
);

/** A phone number as people write it: digits with +, spaces, dashes, dots, slashes and brackets; at least four digits. */
export const phone = () =>
  z.preprocess(
    (v) => (isAbsent(v) ? undefined : typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: 'phone' })
      .refine((s) => /^\+?[0-9 ()./-]{4,40}$/.test(s) && (s.match(/[0-9]/g) ?? []).length >= 4, { error: 'phone' })
      .optional(),
  );

export const country = () =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'country' })
      .transform((s) => s.trim().toUpperCase())
      .refine((s) => /^[A-Z]{2}$/.test(s), { error: 'country' })
      .optional(),
  );

export const timezone = () =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'timezone' })
      .transform((s) => s.trim())
      .refine((s) => /^(?:[A-Za-z][A-Za-z0-9_+-]*)(?:\/[A-Za-z0-9_+-]+)*$/.test(s), { error: 'timezone' })
      .optional(),
  );

export const language = z.string().refine(
  (s) => {
    try {
      return Intl.getCanonicalLocales(s).length === 1;
    } catch {
      return false;
    }
  },
  { error: 'language' },
);

/** http(s), or (photos) a data:image URL. */
export function isWebUrl(s: string, allowData = false): boolean {
  if (allowData && s.startsWith('data:')) return isImageDataUrl(s);
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
export const url = (allowData = false) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'url' })
      .transform((s) => s.trim())
      .pipe(z.string().max(allowData ? LIMITS.photoUrl : LIMITS.url, { error: 'length' }))
      .refine((s) => isWebUrl(s, allowData), { error: 'url' })
      .optional(),
  );

export const boolean = () =>
  z.preprocess((v) => {
    if (isAbsent(v)) return undefined;
    if (typeof v !== 'string') return v;
    const s = v.trim().toLowerCase();
    if (['true', 'yes', '1', 'ja', 'y'].includes(s)) return true;
    if (['false', 'no', '0', 'nein', 'nee', 'nej', 'n'].includes(s)) return false;
    return v;
  }, z.boolean({ error: 'boolean' }).optional());

export const count = () =>
  z.preprocess(
    (v) => (isAbsent(v) ? undefined : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: 'count' }).int({ error: 'count' }).min(1, { error: 'count' }).optional(),
  );

export function enumOf<T extends readonly [string, ...string[]]>(values: T, expected: Expected) {
  return z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.enum(values, { error: expected }));
}
export const optional = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional());

/** An object of named strings (blank values dropped); `keys` names the well-known ones (CSV columns `<field>.<key>`). */
export function stringMap(keys: readonly string[]) {
  return z
    .preprocess(
      blankToUndefined,
      z
        .record(z.string().max(LIMITS.id, { error: 'length' }), z.preprocess((v) => (isAbsent(v) ? undefined : numToString(v)), displayString(LIMITS.id).optional()), { error: 'object' })
        .refine((r) => Object.keys(r).length <= LIMITS.map, { error: 'length', params: { maximum: LIMITS.map } })
        .transform((r) => {
          // Keys come from the file: `__proto__` and friends stay plain keys (no prototype to reach).
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(r)) if (v !== undefined && v.trim() !== '') Object.defineProperty(out, k, { value: v.trim(), enumerable: true, writable: true, configurable: true });
          return out;
        })
        .optional(),
    )
    .meta({ keys });
}
