/**
 * The schemas of the message protocol (protocol.ts): for every message, who
 * may send it and what its payload must be. Loaded by the background, which
 * validates with them; senders only use the types derived from them.
 */
import { z } from 'zod';
import { SettingsPatchSchema } from '../settings/schema';
import { SourcesConfigureSchema } from './sources';
import { MAX_PAGE_ENTITIES } from '../spotting/types';

const id = z.string().min(1).max(200);
const kind = z.enum(['account', 'contact', 'topic']);
const tabId = z.number().int().nonnegative();
const nothing = z.object({}).strict().optional();
const sourceArg = z.object({ source: z.enum(['remote', 'microsoft365']) });

const DetectedEntitySchema = z.object({
  kind,
  id,
  name: z.string().max(300),
  via: z.enum(['record', 'email', 'text']),
  focal: z.boolean().optional(),
  open: z.boolean().optional(),
  count: z.number().int().min(0).max(1_000_000),
});

/** Roles of colleagues on a page (utils/sites/types.ts PersonField). */
export const PAGE_PERSON_ROLES = ['me', 'assignee', 'owner', 'participant', 'sender', 'recipient', 'cc'] as const;
const PagePersonSchema = z
  .object({ role: z.enum(PAGE_PERSON_ROLES), name: z.string().min(1).max(200).optional(), email: z.string().min(3).max(254).optional() })
  .strict()
  .refine((p) => !!p.name !== !!p.email, 'a name or an address');

/** A colleague's own preferences (utils/ranking/preferences.ts). */
export const OwnPreferencesSchema = z
  .object({
    consent: z.enum(['in', 'out']).optional(),
    hidden: z.array(id).max(500).optional(),
    askMeAbout: z.array(id).max(50).optional(),
    awayUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD').optional(),
  })
  .strict();

/** What a content script reports after (re)scanning its page. */
export const PageReportSchema = z.object({
  /** The adapter that read the page ('generic' when none matched). */
  adapter: z.string().min(1).max(40),
  entities: z.array(DetectedEntitySchema).max(MAX_PAGE_ENTITIES),
  /** Entities found beyond the cap (the strongest are reported). */
  more: z.number().int().min(1).optional(),
  /** Kenner stopped on the page: it inserted more known names at once than a person could write. */
  guarded: z.literal(true).optional(),
  /** Selectors of the adapter that did not match this time (diagnostics). */
  misses: z.array(z.string().max(120)).max(100).optional(),
  /** A site adapter read nothing structural on this page (its markup changed?): the page was read as text only. */
  textOnly: z.literal(true).optional(),
  /** Changes when the page navigated in-app to another record. */
  navigation: z.number().int().min(0),
  /** Colleagues named in the page's structured fields (resolved in the background, never stored or sent on). */
  people: z.array(PagePersonSchema).max(40).optional(),
  /** Mail: a list without an open message (what is found comes from every conversation listed). */
  listView: z.literal(true).optional(),
});

/**
 * Who may send a message: `content` — this extension's content script in a
 * tab; `page` — this extension's own pages (options, popup, side panel);
 * `frame` — the hover card's frame (this extension's page `hovercard.html`
 * inside a tab); `extension` — any of them.
 */
export type SenderKind = 'content' | 'page' | 'frame' | 'extension';

const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Every message: who may send it and what its payload must be (a table: its entries are alike in shape by design). */
export const MESSAGES = {
  // content script → background
  pageHello: { from: 'content', data: nothing },
  /**
   * The compiled dictionary of the current graph revision (`revision`: the one pageHello named); a large
   * one in parts (utils/spotting/wire.ts): the first answer says how many, `part` asks for one of the rest
   * of that `revision`.
   */
  getDictionary: { from: 'content', data: z.object({ revision: z.string().max(100).nullable(), part: z.number().int().min(1).max(100_000).optional() }) },
  reportEntities: { from: 'content', data: PageReportSchema },
  /**
   * The hover card (components/hovercard/hovercard.design.md): the content script stages which
   * entity its tab's card shows (`focus`: opened by keyboard). Colleague data never goes to it.
   */
  stageHoverCard: { from: 'content', data: z.object({ seq, kind, id, focus: z.boolean() }).strict() },
  /** The hover card's frame fetches the card staged for its own tab (the sender's tab, nothing else). */
  getHoverCard: { from: 'frame', data: nothing },
  /** The frame tells its tab's content script that the card was drawn (its height) or closed. */
  hoverCardEvent: {
    from: 'frame',
    data: z.discriminatedUnion('type', [
      z.object({ type: z.literal('shown'), seq, height: z.number().int().min(0).max(4000) }).strict(),
      z.object({ type: z.literal('closed'), seq }).strict(),
    ]),
  },
  /** The hover card's short version: the entity and its top colleagues (extension pages only: never to a content script). */
  getEntityCard: { from: 'page', data: z.object({ kind, id, tabId: tabId.optional() }) },
  /** Opens the side panel for the sender's tab (hover card link). */
  openSidePanel: { from: 'extension', data: z.object({ tabId: tabId.optional() }).optional() },
  // extension pages → background
  getTabView: { from: 'page', data: z.object({ tabId }) },
  searchPeople: { from: 'page', data: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).optional() }) },
  getGraphInfo: { from: 'page', data: nothing },
  loadDemoGraph: { from: 'page', data: z.object({ scale: z.number().min(0.01).max(10).optional() }).optional() },
  deleteGraph: { from: 'page', data: nothing },
  setSitePaused: { from: 'page', data: z.object({ tabId, paused: z.boolean() }) },
  /** "Not relevant": demote a colleague for an entity (undo: restore). */
  dismissSuggestion: {
    from: 'page',
    // The names as the panel showed them, kept beside the mark (never sent anywhere) so that the options page can list it.
    data: z.object({ personId: id, entityId: id, undo: z.boolean().optional(), personName: z.string().max(300).optional(), entityName: z.string().max(300).optional() }),
  },
  /** Every "not relevant" mark, with the names shown when it was made (options page, undo per item). */
  listDismissed: { from: 'page', data: nothing },
  /** Who "me" is (looked up by id) and the signed-in user a page proposed. */
  getMe: { from: 'page', data: nothing },
  /** Settings as in force: stored values overlaid by administrator policy. */
  getEffectiveSettings: { from: 'page', data: nothing },
  /** Locked keys are refused (error). */
  updateSettings: { from: 'page', data: SettingsPatchSchema },
  getLookupLog: { from: 'page', data: nothing },
  getDiagnostics: { from: 'page', data: nothing },
  /** Open tabs on enabled sites, for a redacted page outline (host and adapter only). */
  listOutlineTabs: { from: 'page', data: nothing },
  /** The redacted outline of one of them (utils/sites/outline.ts: no text or value of the page in it). */
  getPageOutline: { from: 'page', data: z.object({ tabId }) },
  /** Deletes graph, caches, log, settings and everything else stored locally. */
  deleteAllLocalData: { from: 'page', data: nothing },
  // graph sources beyond the local file (options "Data sources")
  getSourcesOverview: { from: 'page', data: nothing },
  configureSources: { from: 'page', data: SourcesConfigureSchema },
  testSource: { from: 'page', data: sourceArg },
  syncSource: { from: 'page', data: sourceArg.extend({ full: z.boolean().optional() }) },
  signInSource: { from: 'page', data: sourceArg },
  signOutSource: { from: 'page', data: sourceArg },
  // the colleague's own view (issue 15): what Kenner shows about "me", their controls, recurring problems
  /** "What Kenner shows about me": the chosen "me"'s suggestions, evidence, preferences and monthly counts. */
  getOwnView: { from: 'page', data: nothing },
  /** The chosen "me"'s own preferences (replaced whole): hide, ask me about, don't suggest me, away until. */
  setOwnPreferences: { from: 'page', data: OwnPreferencesSchema },
  /** Topics that keep coming up in cases at several customers (counts by customer and topic only); `topicIds`: only these. */
  getRecurring: { from: 'page', data: z.object({ topicIds: z.array(id).max(200).optional() }).strict().optional() },
} as const satisfies Record<string, { from: SenderKind; data: z.ZodType }>;


export type MessageName = keyof typeof MESSAGES;
/** The payload as a sender writes it. */
export type MessageData<K extends MessageName> = z.input<(typeof MESSAGES)[K]['data']>;
/** The payload as a handler receives it, after validation. */
export type ValidData<K extends MessageName> = z.output<(typeof MESSAGES)[K]['data']>;

export class InvalidMessageError extends Error {}

/** Validates a payload against its message's schema (the one place: the background's router calls it). */
export function validate<K extends MessageName>(name: K, data: unknown): ValidData<K> {
  const schema: z.ZodType = MESSAGES[name].data;
  const r = schema.safeParse(data);
  if (!r.success) throw new InvalidMessageError(`Invalid ${name} message: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  // TypeScript cannot follow a generic index into the table; the schema parsed is MESSAGES[name].data.
  return r.data as ValidData<K>;
}

