/**
 * The demo graph generator: the hand-written story (utils/demo/story.ts) plus
 * a deterministic, realistic-looking company around it (colleagues in seven
 * offices, European and other customers, their contacts, a topic catalogue
 * and six years of interactions ending at DEMO_REFERENCE_DATE).
 *
 * - Deterministic: the same seed and scale give the same records in the same
 *   order; every phase draws from its own random stream.
 * - Streaming: `generateDemoRecords` yields interchange-format records
 *   (docs/graph-format.md) — topics, people, accounts, contacts, then
 *   interactions — and keeps only compact per-entity arrays, so scale 10
 *   (1.5 million interactions) runs in little memory.
 * - The bulk never touches the story: no bulk interaction names a story
 *   account, contact, topic or colleague, and no bulk name, alias, e-mail or
 *   domain collides with a story one, so what the story says stays true.
 * See utils/demo/demo.design.md.
 */
import { addRecord, type Graph, type GraphCounts } from '../graph/model';
import { generateAccounts } from './accounts';
import { generateContacts } from './contacts';
import { generateInteractions } from './interactions';
import { generatePeople } from './people';
import { withType, type DemoRecord } from './records';
import { STORY } from './story';
import { CATALOGUE_TOPICS } from './topics';

export type { DemoRecord } from './records';
export { salesforceId18 } from './primitives';

export interface DemoOptions {
  /** Any finite number; default DEFAULT_DEMO_SEED (what "Load demo graph" uses). */
  seed?: number;
  /** 1 ≈ 1,200 people, 4,000 accounts, 8,000 contacts, 150,000 interactions; 10 is ten times that. */
  scale?: number;
  /** Exact totals instead of a scale (benchmarks: e.g. 100,000 people, 400,000 accounts, 1 million contacts, 10 million interactions). */
  targets?: Partial<Pick<GraphCounts, 'people' | 'accounts' | 'contacts' | 'interactions'>>;
}

export const DEFAULT_DEMO_SEED = 1;
const MAX_DEMO_SCALE = 50;
/** Largest scale `generateDemoGraph` builds in memory (use the streaming generator above it). */
const MAX_IN_MEMORY_SCALE = 1;

const BASE = { people: 1200, accounts: 4000, contacts: 8000, interactions: 150_000 };

/** The approximate totals (story included) a scale aims at. */
export function demoTargets(scale = 1): GraphCounts {
  return {
    people: Math.max(STORY.people.length + 20, Math.round(BASE.people * scale)),
    accounts: Math.max(STORY.accounts.length + 10, Math.round(BASE.accounts * scale)),
    contacts: Math.max(STORY.contacts.length + 20, Math.round(BASE.contacts * scale)),
    topics: STORY.topics.length + CATALOGUE_TOPICS.length,
    interactions: Math.max(STORY.interactions.length + 200, Math.round(BASE.interactions * scale)),
  };
}

function checkOptions(opts: DemoOptions): { seed: number; scale: number } {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const scale = opts.scale ?? 1;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new RangeError(`Demo seed must be a finite number, got ${String(seed)}.`);
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0 || scale > MAX_DEMO_SCALE) {
    throw new RangeError(`Demo scale must be a number above 0 and at most ${MAX_DEMO_SCALE}, got ${String(scale)}.`);
  }
  return { seed, scale };
}

/**
 * The demo graph as a stream of interchange-format records: topics, people,
 * accounts, contacts, then interactions (story records first in each group).
 * Each phase draws from its own random stream and hands the next phases only
 * the compact arrays they need.
 */
export function* generateDemoRecords(opts: DemoOptions = {}): Generator<DemoRecord> {
  const { seed, scale } = checkOptions(opts);
  const target = { ...demoTargets(scale), ...opts.targets };
  for (const t of STORY.topics) yield withType('topic', t);
  for (const t of CATALOGUE_TOPICS) yield withType('topic', t);
  const people = yield* generatePeople(seed, target.people);
  const accounts = yield* generateAccounts(seed, target.accounts, people);
  const contacts = yield* generateContacts(seed, target.contacts, accounts);
  yield* generateInteractions(seed, target.interactions, people, accounts, contacts);
}

/** The whole demo graph in memory (scale ≤ MAX_IN_MEMORY_SCALE). */
export function generateDemoGraph(opts: DemoOptions = {}): Graph {
  const { scale } = checkOptions(opts);
  if (scale > MAX_IN_MEMORY_SCALE) {
    throw new RangeError(`generateDemoGraph builds scales up to ${MAX_IN_MEMORY_SCALE} in memory; use generateDemoRecords to stream scale ${scale}.`);
  }
  const g: Graph = { people: [], accounts: [], contacts: [], topics: [], interactions: [] };
  for (const r of generateDemoRecords(opts)) addRecord(g, r);
  return g;
}
