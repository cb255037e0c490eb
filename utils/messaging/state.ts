/**
 * Storage keys read across contexts: the background writes them, content
 * scripts and extension pages watch them.
 */
import { storage } from '#imports';

/** The graph's current revision, written by the background after every change; content scripts watch it to reload their dictionary and rescan. */
export const graphRevisionItem = storage.defineItem<string | null>('local:graphRevision', { fallback: null });

/** The tab's current answer, watched by the side panel (`tabview:<tabId>` in storage.session). */
export const tabViewKey = (tabId: number) => `session:tabview:${tabId}` as const;
