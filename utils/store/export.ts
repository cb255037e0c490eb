/**
 * The whole local graph as NDJSON (docs/graph-format.md): the header line,
 * then one record per string, each ending in "\n". Read a batch at a time,
 * never the whole graph at once. Background only.
 */
import type { Table } from 'dexie';
import { getGraphMeta, liveTables } from './db';
import { blockItems, fromStoredAccount, fromStoredContact, fromStoredTopic } from './keys';
import { GRAPH_FORMAT, GRAPH_FORMAT_VERSION } from '../graph/model';
import { hiddenInteraction, personWithPreferences, preferencesOf, type PreferenceMap } from '../ranking/preferences';

const BATCH = 5000;

/**
 * `prefs`: colleagues' own preferences (utils/ranking/preferences.ts), applied as the ranking applies them: an
 * opted-out colleague is exported not discoverable, claims as skills, the away date set, and an interaction
 * naming an entity its colleague hid themself for is left out.
 */
export async function* exportGraph(prefs?: PreferenceMap, now = Date.now()): AsyncGenerator<string> {
  const revision = (await getGraphMeta())?.revision ?? null;
  const t = await liveTables();
  yield `${JSON.stringify({ format: GRAPH_FORMAT, version: GRAPH_FORMAT_VERSION })}\n`;
  yield* exportTable('person', t.people, (r) => personWithPreferences(r, preferencesOf(prefs, r.id), { now }));
  yield* exportTable('topic', t.topics, fromStoredTopic);
  yield* exportTable('account', t.accounts, fromStoredAccount);
  yield* exportTable('contact', t.contacts, fromStoredContact);
  for await (const block of readTable(t.interactions, 10)) for (const i of blockItems(block)) if (!hiddenInteraction(i, prefs)) yield `${JSON.stringify({ type: 'interaction', ...i })}\n`;
  if (((await getGraphMeta())?.revision ?? null) !== revision) throw new Error('The graph changed during the export: export it again.');
}

/** One record type, a batch at a time, stripped of the store's derived keys. */
async function* exportTable<T>(type: string, table: Table<T, string>, strip: (r: T) => object): AsyncGenerator<string> {
  for await (const r of readTable(table, BATCH)) yield `${JSON.stringify({ type, ...strip(r) })}\n`;
}

/** Reads a table in primary-key order, `size` records per read. */
async function* readTable<T, K extends string | number>(table: Table<T, K>, size: number): AsyncGenerator<T> {
  let last: K | undefined;
  for (;;) {
    const coll = last === undefined ? table.orderBy(':id') : table.where(':id').above(last);
    const keys = await coll.limit(size).primaryKeys();
    if (!keys.length) return;
    for (const r of await table.bulkGet(keys)) if (r) yield r;
    last = keys[keys.length - 1];
    if (keys.length < size) return;
  }
}
