/**
 * Record schemas of docs/graph-format.md (version 1), in zod. Every record of
 * every import goes through these, whatever the encoding. Unknown fields are
 * dropped; optional empty values ("" in a CSV cell) count as absent; lists may
 * come as arrays or as "|"-separated strings; numbers are accepted where an id
 * is expected. Each custom error message is an "expected" code (see
 * EXPECTED_TEXT) that the importer turns into a sentence.
 */
import { z } from 'zod';
import { INTERACTION_KINDS, TOPIC_KINDS, type Account, type Contact, type Interaction, type Person, type Topic } from './model';

// Extension pages and service workers forbid eval: never try zod's JIT.
z.config({ jitless: true });

export const RECORD_TYPES = ['person', 'account', 'contact', 'topic', 'interaction'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** What a field should have held, in words (English; i18n keys import_expect_<code>). */
export const EXPECTED_TEXT = {
  text: 'text',
  id: 'an id',
  domain: 'a domain',
  email: 'an email address',
  date: 'an ISO 8601 date (YYYY-MM-DD) or date-time',
  country: 'a two-letter country code (ISO 3166-1 alpha-2)',
  timezone: 'an IANA time zone such as Europe/Amsterdam',
  language: 'a language tag such as en or de-CH',
  url: 'a web address (http or https)',
  boolean: 'true or false',
  count: 'a whole number of 1 or more',
  interactionKind: `one of ${INTERACTION_KINDS.join(', ')}`,
  topicKind: `one of ${TOPIC_KINDS.join(', ')}`,
  direction: 'one of inbound, outbound, both',
  object: 'a set of named values',
} as const;
export type Expected = keyof typeof EXPECTED_TEXT;

const isAbsent = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const blankToUndefined = (v: unknown) => (isAbsent(v) ? undefined : v);
const numToString = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v);

const text = () => z.preprocess(blankToUndefined, z.string({ error: 'text' }).optional());
const requiredText = () => z.preprocess((v) => (isAbsent(v) ? undefined : numToString(v)), z.string({ error: 'text' }));
const idValue = z.preprocess((v) => (typeof v === 'string' ? v.trim() : numToString(v)), z.string({ error: 'id' }).min(1, { error: 'id' }));
const requiredId = () => z.preprocess((v) => (isAbsent(v) ? undefined : v), idValue);
const optionalId = () => z.preprocess(blankToUndefined, idValue.optional());

/** "a|b" or ["a","b"]: a list without empty entries. */
function list<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => {
    if (isAbsent(v)) return undefined;
    const arr = typeof v === 'string' ? v.split('|') : Array.isArray(v) ? v : [v];
    const out = arr.map((x) => (typeof x === 'string' ? x.trim() : x)).filter((x) => !isAbsent(x));
    return out.length ? out : undefined;
  }, z.array(item).optional());
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
const domain = z.string().transform((s, ctx) => {
  const d = normalizeDomain(s);
  if (!DOMAIN_RE.test(d)) {
    ctx.addIssue({ code: 'custom', message: 'domain' });
    return z.NEVER;
  }
  return d;
});

const EMAIL_RE = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/;
const email = () =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'email' })
      .transform((s) => s.trim().toLowerCase())
      .refine((s) => EMAIL_RE.test(s), { error: 'email' })
      .optional(),
  );

const DATE_RE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const date = z.preprocess(
  (v) => (isAbsent(v) ? undefined : typeof v === 'string' ? v.trim() : v),
  z
    .string({ error: 'date' })
    .refine((s) => DATE_RE.test(s) && !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s.replace(' ', 'T'))), { error: 'date' }),
);

const country = () =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'country' })
      .transform((s) => s.trim().toUpperCase())
      .refine((s) => /^[A-Z]{2}$/.test(s), { error: 'country' })
      .optional(),
  );

const timezone = () =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'timezone' })
      .transform((s) => s.trim())
      .refine((s) => /^(?:[A-Za-z][A-Za-z0-9_+-]*)(?:\/[A-Za-z0-9_+-]+)*$/.test(s), { error: 'timezone' })
      .optional(),
  );

const language = z.string().refine(
  (s) => {
    try {
      return Intl.getCanonicalLocales(s).length === 1;
    } catch {
      return false;
    }
  },
  { error: 'language' },
);

function isWebUrl(s: string, allowData = false): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' || (allowData && u.protocol === 'data:');
  } catch {
    return false;
  }
}
const url = (allowData = false) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'url' })
      .transform((s) => s.trim())
      .refine((s) => isWebUrl(s, allowData), { error: 'url' })
      .optional(),
  );

const boolean = () =>
  z.preprocess((v) => {
    if (isAbsent(v)) return undefined;
    if (typeof v !== 'string') return v;
    const s = v.trim().toLowerCase();
    if (['true', 'yes', '1', 'ja', 'y'].includes(s)) return true;
    if (['false', 'no', '0', 'nein', 'nee', 'nej', 'n'].includes(s)) return false;
    return v;
  }, z.boolean({ error: 'boolean' }).optional());

const count = () =>
  z.preprocess(
    (v) => (isAbsent(v) ? undefined : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: 'count' }).int({ error: 'count' }).min(1, { error: 'count' }).optional(),
  );

function enumOf<T extends readonly [string, ...string[]]>(values: T, expected: Expected) {
  return z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.enum(values, { error: expected }));
}
const optional = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional());

const stringMap = z.preprocess(
  blankToUndefined,
  z
    .record(z.string(), z.preprocess((v) => (isAbsent(v) ? undefined : numToString(v)), z.string({ error: 'text' }).optional()), { error: 'object' })
    .transform((r) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(r)) if (v !== undefined && v.trim() !== '') out[k] = v.trim();
      return out;
    })
    .optional(),
);

export const personSchema = z.object({
  id: requiredId(),
  name: requiredText(),
  email: email(),
  title: text(),
  department: text(),
  location: text(),
  country: country(),
  timezone: timezone(),
  languages: list(language),
  managerId: optionalId(),
  skills: list(idValue),
  chat: z.preprocess(
    blankToUndefined,
    z.object({ teams: text(), slack: text() }, { error: 'object' }).optional(),
  ),
  photoUrl: url(true),
  discoverable: boolean(),
});

export const accountSchema = z.object({
  id: requiredId(),
  name: requiredText(),
  aliases: list(z.string()),
  domains: list(domain),
  industry: text(),
  country: country(),
  ownerId: optionalId(),
  externalIds: stringMap,
  url: url(),
});

export const contactSchema = z.object({
  id: requiredId(),
  name: requiredText(),
  email: email(),
  accountId: optionalId(),
  title: text(),
});

export const topicSchema = z.object({
  id: requiredId(),
  label: requiredText(),
  aliases: list(z.string()),
  kind: optional(enumOf(TOPIC_KINDS, 'topicKind')),
});

export const interactionSchema = z.object({
  id: optionalId(),
  personId: requiredId(),
  kind: z.preprocess(blankToUndefined, enumOf(INTERACTION_KINDS, 'interactionKind')),
  date,
  accountId: optionalId(),
  contactId: optionalId(),
  topicIds: list(idValue),
  direction: optional(enumOf(['inbound', 'outbound', 'both'] as const, 'direction')),
  count: count(),
  title: text(),
  url: url(),
  source: text(),
});

export const RECORD_SCHEMAS = {
  person: personSchema,
  account: accountSchema,
  contact: contactSchema,
  topic: topicSchema,
  interaction: interactionSchema,
} as const;

export interface RecordOf {
  person: Person;
  account: Account;
  contact: Contact;
  topic: Topic;
  interaction: Interaction;
}

/** Field names per record type, for CSV headers and the mapping UI (dotted for nested fields). */
export const RECORD_FIELDS: Record<RecordType, readonly string[]> = {
  person: ['id', 'name', 'email', 'title', 'department', 'location', 'country', 'timezone', 'languages', 'managerId', 'skills', 'chat.teams', 'chat.slack', 'photoUrl', 'discoverable'],
  account: ['id', 'name', 'aliases', 'domains', 'industry', 'country', 'ownerId', 'externalIds.salesforce', 'externalIds.hubspot', 'externalIds.dynamics', 'externalIds.zendesk', 'externalIds.freshdesk', 'url'],
  contact: ['id', 'name', 'email', 'accountId', 'title'],
  topic: ['id', 'label', 'aliases', 'kind'],
  interaction: ['id', 'personId', 'kind', 'date', 'accountId', 'contactId', 'topicIds', 'direction', 'count', 'title', 'url', 'source'],
};

export const REQUIRED_FIELDS: Record<RecordType, readonly string[]> = {
  person: ['id', 'name'],
  account: ['id', 'name'],
  contact: ['id', 'name'],
  topic: ['id', 'label'],
  interaction: ['personId', 'kind', 'date'],
};

// ------------------------------------------------------------------ fast path

const KIND_SET: ReadonlySet<string> = new Set(INTERACTION_KINDS);
const DIRECTIONS: ReadonlySet<string> = new Set(['inbound', 'outbound', 'both']);
const absentOpt = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const cleanId = (v: unknown): string | null | undefined => {
  if (absentOpt(v)) return undefined;
  if (typeof v !== 'string' || v !== v.trim()) return null;
  return v;
};

/**
 * The common case of an interaction, checked without zod (an import may hold
 * millions): returns exactly what interactionSchema would (with absent fields
 * left out), or null whenever anything is unusual, and then zod decides and
 * words the error. A property test holds the two to the same answers.
 */
export function fastInteraction(v: Record<string, unknown>): Interaction | null {
  const { personId, kind, date } = v;
  if (typeof personId !== 'string' || personId === '' || personId !== personId.trim()) return null;
  if (typeof kind !== 'string' || !KIND_SET.has(kind)) return null;
  if (typeof date !== 'string' || !DATE_RE.test(date) || Number.isNaN(Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date.replace(' ', 'T')))) return null;
  const out: Interaction = { personId, kind: kind as Interaction['kind'], date };
  for (const k in v) {
    const val = v[k];
    switch (k) {
      case 'personId':
      case 'kind':
      case 'date':
        continue;
      case 'id':
      case 'accountId':
      case 'contactId': {
        const id = cleanId(val);
        if (id === null) return null;
        if (id !== undefined) out[k] = id;
        continue;
      }
      case 'topicIds': {
        if (absentOpt(val)) continue;
        const arr = typeof val === 'string' ? val.split('|') : Array.isArray(val) ? val : null;
        if (!arr) return null;
        const ids: string[] = [];
        for (const x of arr) {
          if (absentOpt(x)) continue;
          if (typeof x !== 'string') return null;
          ids.push(x.trim());
        }
        if (ids.length) out.topicIds = ids;
        continue;
      }
      case 'direction':
        if (absentOpt(val)) continue;
        if (typeof val !== 'string' || !DIRECTIONS.has(val)) return null;
        out.direction = val as Interaction['direction'];
        continue;
      case 'count': {
        if (absentOpt(val)) continue;
        const n = typeof val === 'number' ? val : typeof val === 'string' && /^\s*\d+\s*$/.test(val) ? Number(val) : NaN;
        if (!Number.isSafeInteger(n) || n < 1) return null;
        out.count = n;
        continue;
      }
      case 'title':
      case 'source':
        if (absentOpt(val)) continue;
        if (typeof val !== 'string') return null;
        out[k] = val;
        continue;
      case 'url':
        if (absentOpt(val)) continue;
        if (typeof val !== 'string' || !isWebUrl(val.trim())) return null;
        out.url = val.trim();
        continue;
      default:
        continue;
    }
  }
  return out;
}
