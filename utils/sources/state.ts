/**
 * Stored state of the graph sources beyond the local file (remote service,
 * Microsoft 365). Background only.
 */
import { storage } from '#imports';
import type { SourceFailure, SourcesConfig, SyncState, TokenSet } from '../messaging/sources';

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

