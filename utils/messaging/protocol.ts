/**
 * The one typed message protocol between the parts of Kenner. `MESSAGES`
 * (messages.ts) says, for every message, who may send it and the schema of
 * its payload; the TypeScript protocol here is derived from it. The
 * background validates every message in one place (utils/background/
 * router.ts) before a handler sees it; content scripts are treated as
 * untrusted senders. This module imports the schemas as types only, so the
 * content script and the pages that send messages do not load zod.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { z } from 'zod';
import type { MessageData, MessageName, PageReportSchema } from './messages';
import type { GraphMeta } from '../graph/model';
import type { DetectedEntity } from '../spotting/types';
import type { PersonHit, PersonSummary, Suggestion } from '../ranking/types';
import type { SiteId } from '../sites/registry';
import type { EffectiveSettings } from '../settings/policy';
import type { SourcesOverview, SyncResult } from './sources';
import type { ColleaguePreferences } from '../ranking/preferences';
import type { OwnProfile } from '../ranking/own-view';
import type { RecurringTopic } from '../ranking/recurring';

/** What a content script reports after (re)scanning its page. */
export type PageReport = z.infer<typeof PageReportSchema>;

/** What the background answers to each message. */
export interface Replies {
  pageHello: PageConfig;
  getDictionary: unknown;
  reportEntities: void;
  stageHoverCard: void;
  getHoverCard: StagedHoverCard | null;
  hoverCardEvent: void;
  getEntityCard: EntityCard;
  openSidePanel: void;
  getTabView: TabView;
  searchPeople: PersonHit[];
  getGraphInfo: GraphMeta | null;
  loadDemoGraph: ImportSummary;
  deleteGraph: void;
  setSitePaused: void;
  dismissSuggestion: void;
  listDismissed: DismissedMark[];
  getMe: MeInfo;
  getEffectiveSettings: EffectiveSettings;
  updateSettings: EffectiveSettings;
  getLookupLog: LookupLogEntry[];
  getDiagnostics: AdapterDiagnostics[];
  listOutlineTabs: OutlineTab[];
  getPageOutline: { host: string; outline: string };
  deleteAllLocalData: void;
  getSourcesOverview: SourcesOverview;
  configureSources: SourcesOverview;
  testSource: { ok: boolean; message?: string };
  syncSource: SyncResult;
  signInSource: SourcesOverview;
  signOutSource: SourcesOverview;
  getOwnView: OwnView;
  setOwnPreferences: ColleaguePreferences;
  getRecurring: RecurringAnswer;
}

/** "What Kenner shows about me" (components/me). */
export interface OwnView {
  /** 'no-me': no "me" chosen; 'missing': the chosen id is not in the graph; 'no-graph': nothing to show yet. */
  status: 'ok' | 'no-me' | 'missing' | 'no-graph';
  source: 'local' | 'remote';
  profile?: OwnProfile;
  /** Topics to choose "ask me about" from (id and label). */
  topics?: Array<{ id: string; name: string }>;
  /** When the view was computed (ISO). */
  at: string;
  /** The service could not be reached: this is the local graph's view instead. */
  stale?: boolean;
}

/** Recurring problems (utils/ranking/recurring.ts) with the topics' names. */
export interface RecurringAnswer {
  status: 'ok' | 'no-graph';
  days: number;
  minGroup: number;
  topics: Array<RecurringTopic & { name: string }>;
}

export type ProtocolMap = { [K in MessageName]: (data: MessageData<K>) => Replies[K] };

/** What a content script learns when it starts on a page. */
export interface PageConfig {
  /** False: the site is not enabled or is paused: do nothing at all. */
  active: boolean;
  siteId?: SiteId | 'custom';
  highlight: boolean;
  hoverCard: boolean;
  kinds: { account: boolean; contact: boolean; topic: boolean };
  /** Revision of the dictionary the background holds (null: no graph). */
  dictionaryRevision: string | null;
}

export type TabStatus = 'ok' | 'no-graph' | 'not-enabled' | 'paused' | 'loading' | 'empty' | 'no-tab' | 'guarded';

/** One "not relevant" mark: this colleague, for this entity (names as shown when it was made; absent for marks of older versions). */
export interface DismissedMark {
  personId: string;
  entityId: string;
  personName?: string;
  entityName?: string;
}

/** "Me" as the graph knows it: `person` null when the chosen id is no longer in the graph. */
export interface MeInfo {
  meId: string | null;
  person: PersonSummary | null;
  /** The signed-in user a CRM or mail page showed last. */
  proposal: { person: PersonSummary; host: string } | null;
}

/** How a colleague is already on the page (utils/sites/types.ts PersonField, without "me"). */
export type InvolvedRole = 'assignee' | 'owner' | 'team' | 'participant' | 'sender' | 'recipient' | 'cc';

/** A colleague already on the page: listed apart ("Already on this"), never ranked as a suggestion. */
export interface InvolvedColleague {
  person: PersonSummary;
  roles: InvolvedRole[];
  /** The record an owner or team role is on ("Owner of Nordlicht Logistik GmbH"), when known. */
  of?: string;
}

export interface TabView {
  tabId: number;
  status: TabStatus;
  /** Host of the tab, shown to the user (never sent anywhere). */
  host?: string;
  siteId?: string;
  entities: DetectedEntity[];
  suggestions: Suggestion[];
  /** The answer is cached and its source could not be reached. */
  stale?: boolean;
  /** Where the answer came from. */
  source?: 'local' | 'remote' | 'cache';
  updatedAt?: string;
  /** More entities were found on the page than are shown (the strongest are). */
  more?: number;
  /** Shown once per site: its adapter read nothing structural here, Kenner reads the page only as text. */
  textOnly?: true;
  /** Colleagues already on the page (owner, assignee, people on the open message), the user excluded. */
  involved?: InvolvedColleague[];
  /** The page's signed-in user, proposed as "me" while the user has not chosen one. */
  proposedMe?: PersonSummary;
  /** Mail: a list without an open message (the answer covers every conversation listed). */
  listView?: true;
}

export interface ImportSummary {
  ok: boolean;
  counts?: GraphMeta['counts'];
  duplicates?: number;
  errors?: string[];
}

export interface LookupLogEntry {
  /** ISO date-time. */
  at: string;
  /** Site id or host the lookup was made for. */
  site: string;
  entities: Array<{ kind: 'account' | 'contact' | 'topic'; id: string; name: string }>;
  /** Where the answer came from. */
  source: 'local' | 'remote' | 'cache';
  /** Ids of the colleagues the answer suggested (counted per month for each of them, never listed per asker). */
  shown?: string[];
}

export interface AdapterDiagnostics {
  adapter: string;
  pagesSeen: number;
  /** Selector name → how many pages it did not match on. */
  misses: Record<string, number>;
  /** Pages from which the adapter read nothing structural (read as text only). */
  textOnly?: number;
  /** The user was told once that a page of this site was read as text only. */
  textOnlyNoticed?: boolean;
}

/** An open tab on an enabled site whose page can be outlined (diagnostics). */
export interface OutlineTab {
  tabId: number;
  host: string;
  siteId?: string;
}

export interface EntityCard {
  entity: DetectedEntity | null;
  suggestions: Suggestion[];
  status: 'ok' | 'no-graph' | 'unknown';
}

/** What the hover card's frame draws: the card staged for its tab. */
export interface StagedHoverCard {
  seq: number;
  kind: DetectedEntity['kind'];
  /** Opened by keyboard: the frame takes focus. */
  focus: boolean;
  card: EntityCard;
}

/** The hover card's page, in the extension's own origin (web-accessible on enabled sites only). */
export const HOVER_FRAME_PAGE = '/hovercard.html';

/**
 * What the background pushes to a tab about its hover card (browser.tabs.sendMessage): to the
 * frame, "a card was staged, fetch it"; to the content script, "the card was drawn, this high"
 * or "the card closed itself". Only sequence numbers and a height: no names, no colleagues.
 */
export type HoverPush = { kennerHover: 'staged'; seq: number } | { kennerHover: 'shown'; seq: number; height: number } | { kennerHover: 'closed'; seq: number };

/** A push from this extension's background (no tab: not a content script or a frame). */
export function asHoverPush(message: unknown, sender: { id?: string; tab?: unknown }, ownId: string): HoverPush | null {
  if (sender.id !== ownId || sender.tab !== undefined || typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (typeof m.seq !== 'number' || !Number.isSafeInteger(m.seq)) return null;
  if (m.kennerHover === 'staged' || m.kennerHover === 'closed') return { kennerHover: m.kennerHover, seq: m.seq };
  if (m.kennerHover === 'shown' && typeof m.height === 'number' && m.height >= 0 && m.height <= 4000) return { kennerHover: 'shown', seq: m.seq, height: m.height };
  return null;
}

export type { EffectiveSettings, PersonHit, ColleaguePreferences, OwnProfile, RecurringTopic };
export type { MessageData, MessageName, SenderKind, ValidData } from './messages';

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
