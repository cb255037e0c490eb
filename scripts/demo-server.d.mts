/** Types for scripts/demo-server.mjs (plain Node ESM, no build step). */
export interface DemoPageExpectation {
  name: string;
  /** Path (and hash) the demo server serves the page at. */
  url: string;
  /** The same page on its real site's URL (HTTPS mode + --host-resolver-rules). */
  realUrl: string;
  /** Site id from utils/sites/registry.ts, or null for a site Kenner does not know. */
  site: string | null;
  enabled: boolean;
  focal: { kind: 'account' | 'contact' | 'topic'; id: string } | null;
  /** Exactly the entities that must be found. */
  entities: { kind: 'account' | 'contact' | 'topic'; id: string }[];
  /** Visible text that must be highlighted as the given entity. */
  mustMatch: { text: string; kind: 'account' | 'contact' | 'topic'; id: string }[];
  /** Visible text that must not be highlighted at all. */
  mustNotMatch: string[];
  /** Entities that only occur inside a same-origin iframe. */
  inFrameOnly?: { kind: 'account' | 'contact' | 'topic'; id: string }[];
  notes?: string;
  /** In-app navigation steps: click the selector, then the page shows another record. */
  navigation?: {
    click: string;
    url: string;
    focal: { kind: 'account' | 'contact' | 'topic'; id: string } | null;
    entities: { kind: 'account' | 'contact' | 'topic'; id: string }[];
    mustMatch: { text: string; kind: 'account' | 'contact' | 'topic'; id: string }[];
    mustNotMatch: string[];
  }[];
}

export interface DemoPage {
  /** `<site>/<page>`, e.g. `salesforce/account`. */
  name: string;
  title: string;
  /** Raw file, e.g. `/__pages/salesforce/account.html`. */
  file: string;
  url: string;
  /** Expectation file, e.g. `/__pages/salesforce/account.expected.json`. */
  expected: string;
  expectation: DemoPageExpectation;
}

export const PAGES_DIR: string;
export const GMAIL_THREAD_ID: string;
/** English pages; `localised: true` adds the German and Dutch copies (tests/pages/i18n). */
export function listDemoPages(opts?: { localised?: boolean }): DemoPage[];
export function startDemoServer(opts?: {
  port?: number;
  host?: string;
  https?: boolean;
  key?: string | Buffer;
  cert?: string | Buffer;
}): Promise<{ url: string; port: number; close: () => Promise<void> }>;
