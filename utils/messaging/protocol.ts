/**
 * The one typed message protocol between the parts of Kenner. Every message
 * is validated in the background (utils/messaging/schemas.ts) before it is
 * acted on; content scripts are treated as untrusted senders.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { GraphMeta } from '../graph/model';
import type { DetectedEntity } from '../spotting/types';
import type { PersonHit, Suggestion } from '../ranking/types';
import type { SiteId } from '../sites/registry';
import type { Settings } from '../settings/items';
import type { EffectiveSettings } from '../settings/policy';
import type { SourcesConfigureInput, SourcesOverview, SyncResult } from './sources';

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

/** What a content script reports after (re)scanning its page. */
export interface PageReport {
  /** The adapter that read the page ('generic' when none matched). */
  adapter: string;
  entities: DetectedEntity[];
  /** Selectors of the adapter that did not match this time (diagnostics). */
  misses?: string[];
  /** Changes when the page navigated in-app to another record. */
  navigation: number;
}

export type TabStatus =
  | 'ok'
  | 'no-graph'
  | 'not-enabled'
  | 'paused'
  | 'loading'
  | 'empty'
  | 'no-tab';

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
}

export interface ImportSummary {
  ok: boolean;
  counts?: GraphMeta['counts'];
  duplicates?: number;
  errors?: string[];
}

export interface ProtocolMap {
  // content script → background
  pageHello(data: { url?: never }): PageConfig;
  /** The compiled dictionary of the current graph revision (`revision`: the one pageHello named). */
  getDictionary(data: { revision: string | null }): unknown;
  reportEntities(data: PageReport): void;
  // extension pages → background
  getTabView(data: { tabId: number }): TabView;
  searchPeople(data: { query: string; limit?: number }): PersonHit[];
  getGraphInfo(): GraphMeta | null;
  loadDemoGraph(data: { scale?: number }): ImportSummary;
  deleteGraph(): void;
  setSitePaused(data: { tabId: number; paused: boolean }): void;
  /** The hover card's short version: the entity and its top colleagues. */
  getEntityCard(data: { kind: 'account' | 'contact' | 'topic'; id: string; tabId?: number }): EntityCard;
  /** Opens the side panel for the sender's tab (hover card link). */
  openSidePanel(data: { tabId?: number }): void;
  /** "Not relevant": demote a colleague for an entity (undo: restore). */
  dismissSuggestion(data: { personId: string; entityId: string; undo?: boolean }): void;
  /** Settings as in force: stored values overlaid by administrator policy. */
  getEffectiveSettings(): EffectiveSettings;
  /** Validated in the background; locked keys are refused (error). */
  updateSettings(data: Partial<Settings>): EffectiveSettings;
  getLookupLog(): LookupLogEntry[];
  getDiagnostics(): AdapterDiagnostics[];
  /** Deletes graph, caches, log, settings and everything else stored locally. */
  deleteAllLocalData(): void;
  // graph sources beyond the local file (options "Data sources"; utils/sources/handlers.ts)
  getSourcesOverview(): SourcesOverview;
  configureSources(data: SourcesConfigureInput): SourcesOverview;
  testSource(data: { source: 'remote' | 'microsoft365' }): { ok: boolean; message?: string };
  syncSource(data: { source: 'remote' | 'microsoft365'; full?: boolean }): SyncResult;
  signInSource(data: { source: 'remote' | 'microsoft365' }): SourcesOverview;
  signOutSource(data: { source: 'remote' | 'microsoft365' }): SourcesOverview;
}

export interface LookupLogEntry {
  /** ISO date-time. */
  at: string;
  /** Site id or host the lookup was made for. */
  site: string;
  entities: Array<{ kind: 'account' | 'contact' | 'topic'; id: string; name: string }>;
  /** Where the answer came from. */
  source: 'local' | 'remote' | 'cache';
}

export interface AdapterDiagnostics {
  adapter: string;
  pagesSeen: number;
  /** Selector name → how many pages it did not match on. */
  misses: Record<string, number>;
}

export interface EntityCard {
  entity: DetectedEntity | null;
  suggestions: Suggestion[];
  status: 'ok' | 'no-graph' | 'unknown';
}

export type { EffectiveSettings, PersonHit };

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
