/**
 * The engine's options and their defaults (engine.ts).
 */
import type { SiteAdapter } from '../sites/types';
import type { Matcher } from '../spotting/matcher';
import type { EngineReport } from './entity-report';
import type { KindSwitches } from './match-state';

/**
 * Mutation batches on a page that keeps changing: records that come within BUSY_WINDOW_MS of the last
 * batch wait BUSY_FLUSH_MS (three frames) instead of flushDelayMs (issue 14: a list re-rendered every
 * frame cost a batch every other frame, each walking and matching the whole list).
 */
export const BUSY_WINDOW_MS = 50;
const BUSY_FLUSH_MS = 48;
/** Without text changes, the adapter's structured fields are read again at most this often (ms). */
export const FIELDS_RECHECK_MS = 1500;

export interface EngineConfig {
  highlight: boolean;
  kinds: KindSwitches;
}

export interface EngineOptions {
  doc?: Document;
  matcher: Matcher | null;
  adapter: SiteAdapter;
  config: EngineConfig;
  onReport?: (report: EngineReport) => void;
  /** Debounce of reports after changes (ms). */
  reportDelayMs?: number;
  /** Batching of mutations (ms). */
  flushDelayMs?: number;
  /** Batching of mutations while the page keeps changing (ms; see BUSY_WINDOW_MS). */
  busyFlushDelayMs?: number;
  /** Work per chunk before yielding to the page (ms). */
  budgetMs?: number;
  /** After an in-app navigation, wait this long for the new record to render (ms). */
  navigationSettleMs?: number;
  /** Also register highlights in CSS.highlights (e2e/demo build only: contract build:e2e; see highlights.ts). */
  exposeHighlights?: boolean;
}

export type Timings = Required<Pick<EngineOptions, 'reportDelayMs' | 'flushDelayMs' | 'busyFlushDelayMs' | 'budgetMs' | 'navigationSettleMs'>>;

/** The timings with their defaults. */
export function timings(o: EngineOptions): Timings {
  return {
    reportDelayMs: o.reportDelayMs ?? 250,
    flushDelayMs: o.flushDelayMs ?? 16,
    busyFlushDelayMs: Math.max(o.flushDelayMs ?? 16, o.busyFlushDelayMs ?? BUSY_FLUSH_MS),
    budgetMs: o.budgetMs ?? 6,
    navigationSettleMs: o.navigationSettleMs ?? 120,
  };
}
