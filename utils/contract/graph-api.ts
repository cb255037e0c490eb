/**
 * The company-graph service's HTTP contract (docs/graph-api.yaml) as zod
 * schemas: every answer is validated before it is used; anything else is a
 * failure ("invalid"), never half-trusted data. Unknown fields are dropped
 * (forward compatible).
 */
import { z } from 'zod';
import { DOC_IDS, DOC_LANGS } from '../transparency/types';
import { INTERACTION_KINDS, TOPIC_KINDS } from '../graph/model';
import { displayString } from '../graph/cells';
import { LIMITS } from '../graph/display';

const str = z.string().max(2000);
/** Display text: the graph's own limits, bidi controls removed (utils/graph/cells.ts), as for an import. */
const name = displayString(LIMITS.name).pipe(z.string().min(1));
const text = displayString(LIMITS.text);
const nameList = z.array(displayString(LIMITS.name)).max(LIMITS.list);
const id = z.string().min(1).max(200);
const strList = z.array(str).max(500);
const entityKind = z.enum(['account', 'contact', 'topic']);

const PersonSummarySchema = z.object({
  id,
  name,
  email: z.string().max(LIMITS.email).optional(),
  title: text.optional(),
  department: text.optional(),
  location: text.optional(),
  country: str.optional(),
  timezone: str.optional(),
  languages: strList.optional(),
  /** Shown only when it is a data:image URL or on the service's own origin (utils/sources/clean-answers.ts). */
  photoUrl: z.string().max(LIMITS.photoUrl).optional(),
  chat: z.object({ teams: text.optional(), slack: text.optional() }).optional(),
  /** Since 1.2.0 (the graph format's fields; kept, not dropped as unknown). */
  phone: z.string().max(LIMITS.text).optional(),
  awayUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}/).max(40).optional(),
  /** Not part of a summary; read only to drop non-discoverable people defensively. */
  discoverable: z.boolean().optional(),
});

export const PersonSchema = PersonSummarySchema.extend({
  managerId: id.optional(),
  skills: z.array(id).max(1000).optional(),
});

const ReasonSchema = z.object({
  kind: z.enum([...INTERACTION_KINDS, 'skill']),
  count: z.number().finite().nonnegative(),
  entityId: id,
  entityKind,
  entityName: displayString(LIMITS.name),
  last: str.optional(),
  source: displayString(LIMITS.name).optional(),
  url: str.optional(),
  weight: z.number().finite(),
  /** 1.4: a skill the colleague states themself ("ask me about"). */
  claimed: z.literal(true).optional(),
});

const SuggestionSchema = z.object({
  person: PersonSummarySchema,
  score: z.number().finite().min(0).max(100),
  strengths: z.record(z.string(), z.number().finite()),
  reasons: z.array(ReasonSchema).max(100),
  lastInteraction: str.optional(),
  roles: z.array(z.enum(['account-owner', 'account-team'])).max(2),
  /** The colleague's manager, who can introduce the user (1.5.0). */
  introducer: z.object({ id, name, email: z.string().max(254).optional() }).optional(),
  hints: z
    .object({
      sharedLanguages: strList.optional(),
      sameOffice: z.boolean().optional(),
      hoursOverlap: z.boolean().optional(),
    })
    .optional(),
});

export const RankResponseSchema = z.object({ suggestions: z.array(SuggestionSchema).max(500) });

export const SearchResponseSchema = z.object({
  results: z.array(z.object({ person: PersonSummarySchema, suggestion: SuggestionSchema.optional() })).max(500),
});

const AccountItem = z.object({
  type: z.literal('account'),
  id,
  name,
  aliases: nameList.optional(),
  domains: strList.optional(),
  externalIds: z.record(z.string(), str).optional(),
});
const ContactItem = z.object({ type: z.literal('contact'), id, name, email: str.optional(), accountId: id.optional() });
const TopicItem = z.object({ type: z.literal('topic'), id, label: name, aliases: nameList.optional(), kind: z.enum(TOPIC_KINDS).optional() });
const PersonItem = PersonSchema.extend({ type: z.literal('person') });
const DomainItem = z.object({ type: z.literal('domain'), domain: z.string().min(3).max(253) });
const Tombstone = z.object({ type: z.enum(['account', 'contact', 'topic', 'person', 'domain']), id, deleted: z.literal(true) });

export const DictionaryItemSchema = z.union([Tombstone, AccountItem, ContactItem, TopicItem, PersonItem, DomainItem]);
export type DictionaryItem = z.infer<typeof DictionaryItemSchema>;

export const DictionaryPageSchema = z.object({
  items: z.array(DictionaryItemSchema).max(10_000),
  nextCursor: z.string().max(2000).nullable(),
  revision: z.string().min(1).max(200),
});
export type DictionaryPage = z.infer<typeof DictionaryPageSchema>;

/** OAuth 2.0 token endpoint answer (RFC 6749 §5.1). */
export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
});

// ── Requests (docs/graph-api.yaml): the company graph service (server/) validates every request with these.

export const RankRequestSchema = z.object({
  entities: z.array(z.object({ kind: entityKind, id, focal: z.boolean().optional(), open: z.boolean().optional() }).strict()).min(1).max(200),
  me: id.optional(),
  limit: z.number().int().min(1).max(100).default(20),
}).strict();
export type RankRequest = z.input<typeof RankRequestSchema>;

const intParam = (min: number, max: number, dflt: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'a whole number')
    .optional()
    .transform((v) => (v === undefined ? dflt : Number(v)))
    .pipe(z.number().int().min(min).max(max));

export const DictionaryQuerySchema = z.object({
  cursor: z.string().min(1).max(2000).optional(),
  since: z.string().min(1).max(200).optional(),
  limit: intParam(1, 5000, 1000),
});

export const SearchQuerySchema = z.object({
  q: z.string().min(1).max(200),
  limit: intParam(1, 100, 20),
});

export const PersonParamsSchema = z.object({ id });

/** GET /v1/me/lookups: how often the viewer was shown to colleagues, per month (counts only, never who asked). */
export const LookupsResponseSchema = z.object({
  months: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), count: z.number().int().nonnegative() })).max(1000),
});

/** POST /v1/admin/import: the importer's answer (counts, or located errors in the extension's words). */
export const ImportQuerySchema = z.object({
  mode: z.enum(['replace', 'merge']).default('replace'),
  name: z
    .string()
    .regex(/^[\w.-]{1,100}\.(json|jsonl|ndjson|csv|tsv|txt)$/i, 'a file name ending in .json, .ndjson, .jsonl, .csv, .tsv or .txt')
    .default('graph.ndjson'),
});

/** GET /v1/admin/sync-runs: the connectors' run log (counts only). */
export const SyncRunsQuerySchema = z.object({
  source: z.string().regex(/^[a-z0-9-]{1,50}$/, 'a source id such as zendesk').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const SyncRunSchema = z.object({
  id: z.string(),
  source: z.string(),
  startedAt: z.string().datetime({ offset: true }),
  finishedAt: z.string().datetime({ offset: true }).nullable(),
  status: z.enum(['running', 'ok', 'failed']),
  pages: z.number().int().nonnegative(),
  counts: z.record(z.string(), z.object({ upserts: z.number().int().nonnegative(), deletes: z.number().int().nonnegative() })),
  requests: z.number().int().nonnegative(),
  retries: z.number().int().nonnegative(),
  throttled: z.number().int().nonnegative(),
  refreshed: z.number().int().nonnegative(),
  waitedMs: z.number().int().nonnegative(),
  recordsPerSecond: z.number().nonnegative().nullable(),
  error: z.string().nullable(),
});
export const SyncRunsSchema = z.object({ runs: z.array(SyncRunSchema).max(1000) });

/** GET /v1/admin/transparency: one document of the transparency pack (utils/transparency), in one language, as Markdown or PDF. */
export const TransparencyQuerySchema = z.object({
  doc: z.enum(DOC_IDS),
  lang: z.enum(DOC_LANGS).default('en'),
  format: z.enum(['md', 'pdf']).default('md'),
});

export const AuditQuerySchema = z.object({
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
});

// ── 1.4: the colleague's own view and recurring problems (issue 15; utils/ranking/preferences.ts, own-view.ts, recurring.ts).

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** A colleague's own preferences: PUT /v1/me/preferences (the whole object) and part of GET /v1/me/profile. */
export const PreferencesSchema = z
  .object({
    consent: z.enum(['in', 'out']).optional(),
    hidden: z.array(id).max(500).optional(),
    askMeAbout: z.array(id).max(50).optional(),
    awayUntil: day.optional(),
  })
  .strict();

const OwnEntrySchema = z.object({
  entity: z.object({ kind: entityKind, id, name }),
  evidence: z
    .array(z.object({ kind: z.enum(INTERACTION_KINDS), count: z.number().finite().nonnegative(), last: str.optional(), sources: z.array(displayString(LIMITS.text)).max(50).optional() }))
    .max(20),
  suggestion: SuggestionSchema.optional(),
  position: z.number().int().min(1).optional(),
  hidden: z.boolean(),
  claimed: z.boolean(),
});

/** GET /v1/me/profile: what the service shows about the viewer (never anyone else). */
export const OwnProfileSchema = z.object({
  person: PersonSummarySchema.nullable(),
  preferences: PreferencesSchema.strip(),
  entries: z.array(OwnEntrySchema).max(200),
  lookups: LookupsResponseSchema.shape.months,
  topics: z.array(z.object({ id, name })).max(5000).optional(),
});

/** GET /v1/recurring: topics by distinct customers with cases in the period (no person, no per-person number). */
export const RecurringQuerySchema = z.object({ days: intParam(7, 365, 90) });
export const RecurringResponseSchema = z.object({
  days: z.number().int(),
  minGroup: z.number().int(),
  topics: z
    .array(z.object({ topicId: id, name, customers: z.number().int().nonnegative(), solved: z.number().int().nonnegative(), previous: z.number().int().nonnegative(), rise: z.number().int() }))
    .max(1000),
});
