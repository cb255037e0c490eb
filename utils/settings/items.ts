/**
 * Every stored setting, declared once with its default and migrations.
 * The effective settings are these, overlaid by what an administrator fixed
 * in policy (chrome.storage.managed, see public/managed_schema.json).
 */
import { storage } from '#imports';

export interface CustomSite {
  /** Match pattern, e.g. https://crm.example.com/* */
  pattern: string;
  label?: string;
}

export interface Settings {
  /** Built-in site id → enabled. Missing means enabled. */
  sites: Record<string, boolean>;
  /** Hosts the user paused (e.g. "acme.lightning.force.com"). */
  pausedHosts: string[];
  customSites: CustomSite[];
  highlight: boolean;
  hoverCard: boolean;
  kinds: { account: boolean; contact: boolean; topic: boolean };
  /** The user's own person id in the graph ("me"). */
  meId: string | null;
  /** Days the lookup log is kept. */
  logRetentionDays: number;
}

export const DEFAULT_SETTINGS: Settings = {
  sites: {},
  pausedHosts: [],
  customSites: [],
  highlight: true,
  hoverCard: true,
  kinds: { account: true, contact: true, topic: true },
  meId: null,
  logRetentionDays: 30,
};

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

export async function getSettings(): Promise<Settings> {
  const stored = await settingsItem.getValue();
  return { ...DEFAULT_SETTINGS, ...stored, kinds: { ...DEFAULT_SETTINGS.kinds, ...stored.kinds } };
}

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = { ...(await getSettings()), ...patch };
  await settingsItem.setValue(next);
  return next;
}

// ---- Other local state (not settings), declared here so that every stored key is in one place ----

import type { AdapterDiagnostics, LookupLogEntry, TabView } from '../messaging/protocol';
import type { DetectedEntity } from '../spotting/types';

/** "Not relevant": person id → entity ids the user demoted them for. */
export const dismissedItem = storage.defineItem<Record<string, string[]>>('local:dismissed', { fallback: {}, version: 1 });

/** What Kenner looked up (kept `logRetentionDays` days). */
export const lookupLogItem = storage.defineItem<LookupLogEntry[]>('local:lookupLog', { fallback: [], version: 1 });

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
}
export const tabContextKey = (tabId: number) => `session:tabctx:${tabId}` as const;
/** The tab's current answer, watched by the side panel (`tabview:<tabId>` in storage.session). */
export const tabViewKey = (tabId: number) => `session:tabview:${tabId}` as const;
export type { TabView };

// ---- Graph sources beyond the local file (utils/sources: remote service, Microsoft 365) ----

import type { SourceFailure, SourcesConfig, SyncState, TokenSet } from '../sources/types';

/** Non-secret configuration of the remote company-graph service and Microsoft 365 (what the user set; policy overlays it). */
export const sourcesConfigItem = storage.defineItem<SourcesConfig>('local:sources', { fallback: { remote: null, microsoft365: null }, version: 1 });
/** Dictionary sync of the remote service: last revision, resumable cursor, pending deletions. */
export const remoteSyncItem = storage.defineItem<SyncState>('local:sourceSync', { fallback: {}, version: 1 });
/** Directory sync of Microsoft 365: paging cursor (@odata.nextLink), last completed time. */
export const m365SyncItem = storage.defineItem<SyncState>('local:m365Sync', { fallback: {}, version: 1 });
/** The last failed requests to a source (no query, no body, no token), newest first. */
export const sourceFailuresItem = storage.defineItem<SourceFailure[]>('local:sourceFailures', { fallback: [], version: 1 });
/** OAuth and pasted tokens: session storage only (never local, never logged). */
// Session data needs no version: it never outlives the browser session. (Defining an item does not
// touch storage unless it has migrations, so content scripts, which load this module for
// `settingsItem` and may not read storage.session, are unaffected either way.)
export const sourceTokensItem = storage.defineItem<{ remote?: TokenSet; microsoft365?: TokenSet }>('session:sourceTokens', { fallback: {} });

/** The graph's current revision, written by the background after every change; content scripts watch it to reload their dictionary and rescan. */
export const graphRevisionItem = storage.defineItem<string | null>('local:graphRevision', { fallback: null });

/** Every local key Kenner writes, for "export all local data" and "delete all local data". */
export const LOCAL_KEYS = ['local:settings', 'local:dismissed', 'local:lookupLog', 'local:diagnostics', 'local:graphRevision', 'local:sources', 'local:sourceSync', 'local:m365Sync', 'local:sourceFailures'] as const;
