/**
 * The background's own local state (not settings): "not relevant" choices,
 * the lookup log, adapter diagnostics and what each tab last reported.
 * Only the background reads or writes these.
 */
import { privateItem } from '../store/private-items';
import { storage } from '#imports';
import type { AdapterDiagnostics, InvolvedColleague, LookupLogEntry } from '../messaging/protocol';
import type { PersonSummary } from '../ranking/types';
import type { PreferenceMap } from '../ranking/preferences';
import type { DetectedEntity } from '../spotting/types';

/** "Not relevant": person id → entity ids the user demoted them for. */
export const dismissedItem = storage.defineItem<Record<string, string[]>>('local:dismissed', { fallback: {}, version: 1 });
/** The names shown when a "not relevant" mark was made (id → name), for the options page's list; private (content scripts cannot read it). */
export const dismissedNamesItem = privateItem<Record<string, string>>('dismissedNames', {});

/** What Kenner looked up (kept `logRetentionDays` days). */
/** The lookup log lives in the extension's own IndexedDB (store/private-items.ts): content scripts cannot read it. */
export const lookupLogItem = privateItem<LookupLogEntry[]>('lookupLog', []);

/** Colleagues' own preferences on the local graph (person id → preferences; utils/ranking/preferences.ts); private. */
export const preferencesItem = privateItem<PreferenceMap>('colleaguePreferences', {});

/** Per adapter: pages seen and selector misses. */
export const diagnosticsItem = storage.defineItem<Record<string, AdapterDiagnostics>>('local:diagnostics', { fallback: {}, version: 1 });

/** What a tab's content script last reported (session: survives a service-worker restart, not a browser restart). */
export interface TabContext {
  entities: DetectedEntity[];
  adapter: string;
  navigation: number;
  host: string;
  siteId?: string;
  updatedAt: string;
  /** Entities found beyond the report's cap. */
  more?: number;
  /** The content script stopped on this page (probing guard). */
  guarded?: true;
  /** Tell the user that this page was read as text only (the first such page of its site). */
  textOnlyNotice?: true;
  /** Colleagues already on the page (resolved from its structured fields). */
  involved?: InvolvedColleague[];
  /** The page's signed-in user, when the graph knows them. */
  pageMe?: PersonSummary;
  /** Mail: a list without an open message. */
  listView?: true;
}

/** The signed-in user a page showed last, proposed as "me" in the options while none is chosen. */
export interface MeProposal {
  person: PersonSummary;
  /** Host of the page that showed them (shown to the user, never sent anywhere). */
  host: string;
  at: string;
}
export const meProposalItem = storage.defineItem<MeProposal | null>('local:meProposal', { fallback: null, version: 1 });
export const tabContextKey = (tabId: number) => `session:tabctx:${tabId}` as const;

