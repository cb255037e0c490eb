/**
 * Record schemas of docs/graph-format.md (version 1), in zod: the one place
 * where a record's shape is written. The TypeScript types of model.ts are
 * the schemas' output types; the field lists (RECORD_FIELDS, REQUIRED_FIELDS,
 * the CSV columns) are read off the schema shapes; a unit test holds
 * docs/graph-format.md to them. Every record of every import goes through
 * these, whatever the encoding. Unknown fields are dropped; optional empty
 * values ("" in a CSV cell) count as absent; lists may come as arrays or as
 * "|"-separated strings; numbers are accepted where an id is expected. Each
 * custom error message is an "expected" code (EXPECTED) that the importer
 * reports as `invalid-<code>` (words: locale key import_err_invalid_<code>).
 */
import { z } from 'zod';
import { blankToUndefined, boolean, count, country, date, DATE_RE, displayString, domain, email, enumOf, hasBidi, idValue, isWebUrl, language, LIMITS, list, optional, optionalId, phone, requiredId, requiredText, stringMap, text, timezone, url } from './cells';
export { EXPECTED, isExpected, LIMITS, normalizeDomain, type Expected } from './cells';

// Extension pages and service workers forbid eval: never try zod's JIT.
z.config({ jitless: true });

export const INTERACTION_KINDS = [
  'deal-won',
  'deal-lost',
  'deal-open',
  'account-owner',
  'account-team',
  'case-resolved',
  'case-open',
  'meeting',
  'email',
  'call',
  'document',
  'community-answer',
  'endorsement',
  'self-declared',
] as const;
export const TOPIC_KINDS = ['product', 'technology', 'industry', 'problem', 'other'] as const;
export const DIRECTIONS = ['inbound', 'outbound', 'both'] as const;
export const EXTERNAL_SYSTEMS = ['salesforce', 'hubspot', 'dynamics', 'zendesk', 'freshdesk'] as const;

export const RECORD_TYPES = ['person', 'account', 'contact', 'topic', 'interaction'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
const RECORD_TYPE_SET: ReadonlySet<unknown> = new Set(RECORD_TYPES);
export const isRecordType = (v: unknown): v is RecordType => RECORD_TYPE_SET.has(v);

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
  skills: list(idValue, LIMITS.idList),
  chat: z.preprocess(blankToUndefined, z.object({ teams: text(), slack: text() }, { error: 'object' }).optional()),
  photoUrl: url(true),
  /** Shown as a call action (tel:). */
  phone: phone(),
  /** Away (holiday, leave) until this date, inclusive: shown to others, never a reason. */
  awayUntil: date.optional(),
  /** Default true; false means: never show this person to anyone. */
  discoverable: boolean(),
});

export const accountSchema = z.object({
  id: requiredId(),
  name: requiredText(),
  aliases: list(displayString(LIMITS.name)),
  domains: list(domain),
  industry: text(),
  country: country(),
  ownerId: optionalId(),
  externalIds: stringMap(EXTERNAL_SYSTEMS),
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
  aliases: list(displayString(LIMITS.name)),
  kind: optional(enumOf(TOPIC_KINDS, 'topicKind')),
});

export const interactionSchema = z.object({
  id: optionalId(),
  personId: requiredId(),
  kind: z.preprocess(blankToUndefined, enumOf(INTERACTION_KINDS, 'interactionKind')),
  /** ISO 8601 date or date-time. */
  date,
  accountId: optionalId(),
  contactId: optionalId(),
  topicIds: list(idValue, LIMITS.idList),
  direction: optional(enumOf(DIRECTIONS, 'direction')),
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

/** The record of each type, as the schema outputs it (model.ts names them Person, Account, …). */
export type RecordOf = { [T in RecordType]: z.output<(typeof RECORD_SCHEMAS)[T]> };

/**
 * A colleague as the UI shows them: the person record without what only
 * ranking and the store need (managerId, skills, discoverable).
 */
export const PERSON_SUMMARY_FIELDS = ['id', 'name', 'email', 'title', 'department', 'location', 'country', 'timezone', 'languages', 'photoUrl', 'chat', 'phone', 'awayUntil'] as const;
export const PersonSummarySchema = personSchema.pick({
  id: true,
  name: true,
  email: true,
  title: true,
  department: true,
  location: true,
  country: true,
  timezone: true,
  languages: true,
  photoUrl: true,
  chat: true,
  phone: true,
  awayUntil: true,
} satisfies Record<(typeof PERSON_SUMMARY_FIELDS)[number], true>);

// ------------------------------------------------------------------ field lists, read off the schemas

/** A field's schema without its preprocessing and optional wrappers: the object or record inside, if any. */
function innerSchema(s: z.core.$ZodType): z.core.$ZodType {
  const def = s._zod.def;
  if (def.type === 'pipe') return innerSchema((def as z.core.$ZodPipeDef).out);
  if (def.type === 'optional') return innerSchema((def as z.core.$ZodOptionalDef).innerType);
  return s;
}

/** Dotted sub-fields of an object or map field (`chat.teams`, `externalIds.salesforce`), else none. */
function subFields(field: z.core.$ZodType): string[] {
  const inner = innerSchema(field);
  if (inner instanceof z.ZodObject) return Object.keys(inner.shape);
  const keys: unknown = z.globalRegistry.get(field as z.ZodType)?.keys;
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
}

/** A record schema as the field lists see it. */
type Shaped = { readonly shape: Readonly<Record<string, z.ZodType>> };

function fieldsOf(schema: Shaped): string[] {
  return Object.entries(schema.shape).flatMap(([name, field]) => {
    const sub = subFields(field);
    return sub.length ? sub.map((k) => `${name}.${k}`) : [name];
  });
}

/** A field is required when its schema refuses an absent value. */
const requiredOf = (schema: Shaped): string[] => Object.entries(schema.shape).filter(([, f]) => !f.safeParse(undefined).success).map(([name]) => name);

const perType = <V>(fn: (schema: Shaped) => V): Record<RecordType, V> => ({
  person: fn(personSchema),
  account: fn(accountSchema),
  contact: fn(contactSchema),
  topic: fn(topicSchema),
  interaction: fn(interactionSchema),
});

/** Field names per record type, in schema order, for CSV headers and the mapping UI (dotted for nested fields). */
export const RECORD_FIELDS: Record<RecordType, readonly string[]> = perType(fieldsOf);

/** The fields a record of each type must have (the schema refuses it without them). */
export const REQUIRED_FIELDS: Record<RecordType, readonly string[]> = perType(requiredOf);

// ------------------------------------------------------------------ fast path

type Interaction = RecordOf['interaction'];
const KIND_SET: ReadonlySet<string> = new Set(INTERACTION_KINDS);
const DIRECTION_SET: ReadonlySet<string> = new Set(DIRECTIONS);
const isInteractionKind = (v: string): v is Interaction['kind'] => KIND_SET.has(v);
const isDirection = (v: string): v is NonNullable<Interaction['direction']> => DIRECTION_SET.has(v);
const absentOpt = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const cleanId = (v: unknown): string | null | undefined => {
  if (absentOpt(v)) return undefined;
  if (typeof v !== 'string' || v !== v.trim() || v.length > LIMITS.id) return null;
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
  if (typeof personId !== 'string' || personId === '' || personId !== personId.trim() || personId.length > LIMITS.id) return null;
  if (typeof kind !== 'string' || !isInteractionKind(kind)) return null;
  if (typeof date !== 'string' || !DATE_RE.test(date) || Number.isNaN(Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date.replace(' ', 'T')))) return null;
  const out: Interaction = { personId, kind, date };
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
          if (typeof x !== 'string' || x.trim().length > LIMITS.id) return null;
          ids.push(x.trim());
        }
        if (ids.length > LIMITS.idList) return null;
        if (ids.length) out.topicIds = ids;
        continue;
      }
      case 'direction':
        if (absentOpt(val)) continue;
        if (typeof val !== 'string' || !isDirection(val)) return null;
        out.direction = val;
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
        if (typeof val !== 'string' || val.length > LIMITS.text || hasBidi(val)) return null;
        out[k] = val;
        continue;
      case 'url':
        if (absentOpt(val)) continue;
        if (typeof val !== 'string' || val.trim().length > LIMITS.url || !isWebUrl(val.trim())) return null;
        out.url = val.trim();
        continue;
      default:
        continue;
    }
  }
  return out;
}
