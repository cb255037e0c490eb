/**
 * Works-council mode (utils/governance/works-council.ts) shows strength as
 * three words, never as a number: "knows well / has worked with / has met".
 * Every screen that shows a strength (side panel and popup through
 * PersonCard and strength.ts, the hover card through card-view.ts) asks
 * here. The mode is read from the administrator's managed storage directly
 * (the key `worksCouncil`, without zod: light entry points), and followed
 * when the policy changes. Until it is known, no strength is shown at all.
 */
import { t } from '@/utils/i18n';
import { worksCouncilFromRaw } from '@/utils/governance/works-council';

export type WordBand = 'well' | 'worked' | 'met';

/** The bands of strength.ts (strong / good / some) in the mode's words. */
export const WORD_OF_BAND = { strong: 'well', good: 'worked', some: 'met' } as const satisfies Record<string, WordBand>;
const KEY = { well: 'band_well', worked: 'band_worked', met: 'band_met' } as const;

export function bandWord(band: WordBand): string {
  return t(KEY[band]);
}

interface ExtensionApi {
  storage?: {
    managed?: { get(k: string): Promise<Record<string, unknown>> };
    onChanged?: { addListener(l: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void };
  };
}

let known: boolean | undefined;
const listeners = new Set<() => void>();
let started = false;

function set(v: boolean) {
  if (v === known) return;
  known = v;
  for (const l of listeners) l();
}

function start() {
  if (started) return;
  started = true;
  // The extension API as the page has it (no wxt/browser: the hover card's frame stays light and loads in jsdom tests).
  const g = globalThis as { browser?: ExtensionApi; chrome?: ExtensionApi };
  const api = g.browser?.storage ? g.browser : g.chrome;
  const managed = api?.storage?.managed;
  if (!managed) return set(false);
  managed.get('worksCouncil').then(
    (r) => set(worksCouncilFromRaw(r?.worksCouncil).enabled),
    // No managed storage (Firefox without a policy manifest): no policy, so no mode.
    () => set(false),
  );
  api.storage?.onChanged?.addListener((changes, area) => {
    if (area === 'managed' && 'worksCouncil' in changes) set(worksCouncilFromRaw(changes.worksCouncil.newValue).enabled);
  });
}

/** Whether strength is words only: true, false, or undefined while the policy is read. */
export function wordsOnlyNow(): boolean | undefined {
  start();
  return known;
}

/** The same, resolved (for code that renders once, such as the hover card). */
export function wordsOnly(): Promise<boolean> {
  start();
  if (known !== undefined) return Promise.resolve(known);
  return new Promise((resolve) => {
    const l = () => {
      listeners.delete(l);
      resolve(known!);
    };
    listeners.add(l);
  });
}

/** Calls `l` whenever the mode changes; returns the unsubscribe. */
export function subscribeWordsOnly(l: () => void): () => void {
  start();
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Tests: forget what was read. */
export function resetWordsOnly(v?: boolean) {
  known = v;
  started = v !== undefined;
}
