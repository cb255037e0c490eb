/**
 * The whole local graph as NDJSON (docs/graph-format.md): the header line,
 * then one record per string, each ending in "\n". Read a batch at a time,
 * never the whole graph at once. Background only.
 */
import type { Table } from 'dexie';
import { getGraphMeta, liveTables } from './db';
import { fromStoredAccount, fromStoredContact, fromStoredTopic, type InteractionBlock, blockItems } from './keys';
import { GRAPH_FORMAT, GRAPH_FORMAT_VERSION } from '../graph/model';

const BATCH = 5000;

export async function* exportGraph(): AsyncGenerator<string> {
  const revision = (await getGraphMeta())?.revision ?? null;
  const t = await liveTables();
  yield `${JSON.stringify({ format: GRAPH_FORMAT, version: GRAPH_FORMAT_VERSION })}\n`;
  const parts: Array<[string, Table<any, any>, (r: any) => object]> = [
    ['person', t.people, (r) => r],
    ['topic', t.topics, fromStoredTopic],
    ['account', t.accounts, fromStoredAccount],
    ['contact', t.contacts, fromStoredContact],
    ['interaction', t.interactions, (r) => r],
  ];
  for (const [type, table, strip] of parts) {
    const blocks = type === 'interaction';
    const size = blocks ? 10 : BATCH;
    let last: unknown;
    for (;;) {
      const coll = last === undefined ? table.orderBy(':id') : table.where(':id').above(last);
      const keys = await coll.limit(size).primaryKeys();
      if (!keys.length) break;
      const recs = await table.bulkGet(keys);
      for (const r of recs) {
        if (!r) continue;
        if (blocks) for (const i of blockItems(r as InteractionBlock)) yield `${JSON.stringify({ type, ...i })}\n`;
        else yield `${JSON.stringify({ type, ...strip(r) })}\n`;
      }
      last = keys[keys.length - 1];
      if (keys.length < size) break;
    }
  }
  if (((await getGraphMeta())?.revision ?? null) !== revision) throw new Error('The graph changed during the export: export it again.');
}
