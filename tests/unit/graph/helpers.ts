/** Test helpers: files as chunk streams, whole-store snapshots, a small graph in every encoding. */
import { db, SLOT_TABLE_NAMES, SLOTS } from '../../../utils/store/db';
import type { Graph } from '../../../utils/graph/model';
import type { ImportFile } from '../../../utils/graph/import';

/** A file whose text arrives in chunks of `size` characters (cut anywhere, also inside quotes and CRLF). */
export function textFile(name: string, text: string, size = 7): ImportFile {
  return {
    name,
    size: new TextEncoder().encode(text).length,
    chunks: (async function* () {
      for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
    })(),
  };
}

/** Bytes decoded the way the options page does (TextDecoderStream, not fatal). */
export function bytesFile(name: string, bytes: Uint8Array, size = 5): ImportFile {
  return {
    name,
    size: bytes.length,
    chunks: (async function* () {
      const dec = new TextDecoder('utf-8');
      for (let i = 0; i < bytes.length; i += size) yield dec.decode(bytes.slice(i, i + size), { stream: true });
      const tail = dec.decode();
      if (tail) yield tail;
    })(),
  };
}

/** Every record of every table (both slots) and meta: equal snapshots mean nothing changed. */
export async function snapshot(): Promise<Record<string, unknown[]>> {
  if (!db.isOpen()) await db.open();
  const out: Record<string, unknown[]> = {};
  for (const s of SLOTS) {
    const tables = db.tablesOf(s);
    for (const name of SLOT_TABLE_NAMES) {
      // The tables hold different record types; a snapshot only needs their rows.
      const table: { toArray(): Promise<unknown[]> } = tables[name];
      out[`${name}_${s}`] = await table.toArray();
    }
  }
  out.meta = await db.meta.toArray();
  return out;
}

export function toNdjson(g: Graph): string {
  const lines = [JSON.stringify({ format: 'kenner-graph', version: 1 })];
  for (const p of g.people) lines.push(JSON.stringify({ type: 'person', ...p }));
  for (const t of g.topics) lines.push(JSON.stringify({ type: 'topic', ...t }));
  for (const a of g.accounts) lines.push(JSON.stringify({ type: 'account', ...a }));
  for (const c of g.contacts) lines.push(JSON.stringify({ type: 'contact', ...c }));
  for (const i of g.interactions) lines.push(JSON.stringify({ type: 'interaction', ...i }));
  return lines.join('\n') + '\n';
}

export function toJson(g: Graph, indent = 2): string {
  return JSON.stringify({ format: 'kenner-graph', version: 1, ...g }, null, indent);
}

function csvCell(v: unknown, delim: string): string {
  if (v === undefined || v === null) return '';
  const s = Array.isArray(v) ? v.join('|') : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  return /["\r\n]/.test(s) || s.includes(delim) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV text of records, with the given columns (dotted for nested fields). */
export function toCsv(records: object[], columns: string[], delim = ',', eol = '\n'): string {
  const get = (r: object, path: string) => path.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? Reflect.get(o, k) : undefined), r);
  return [columns.join(delim), ...records.map((r) => columns.map((c) => csvCell(get(r, c), delim)).join(delim))].join(eol) + eol;
}

export const CSV_COLUMNS = {
  person: ['id', 'name', 'email', 'title', 'department', 'location', 'country', 'timezone', 'languages', 'managerId', 'skills', 'chat.teams', 'chat.slack', 'photoUrl', 'discoverable'],
  account: ['id', 'name', 'aliases', 'domains', 'industry', 'country', 'ownerId', 'externalIds.salesforce', 'externalIds.hubspot', 'externalIds.dynamics', 'externalIds.zendesk', 'externalIds.freshdesk', 'url'],
  contact: ['id', 'name', 'email', 'accountId', 'title'],
  topic: ['id', 'label', 'aliases', 'kind'],
  interaction: ['id', 'personId', 'kind', 'date', 'accountId', 'contactId', 'topicIds', 'direction', 'count', 'title', 'url', 'source'],
};

export function toCsvFiles(g: Graph, delim = ',', eol = '\n'): Array<[string, string]> {
  return [
    ['people.csv', toCsv(g.people, CSV_COLUMNS.person, delim, eol)],
    ['topics.csv', toCsv(g.topics, CSV_COLUMNS.topic, delim, eol)],
    ['accounts.csv', toCsv(g.accounts, CSV_COLUMNS.account, delim, eol)],
    ['contacts.csv', toCsv(g.contacts, CSV_COLUMNS.contact, delim, eol)],
    ['interactions.csv', toCsv(g.interactions, CSV_COLUMNS.interaction, delim, eol)],
  ];
}

/**
 * The stores of the graph database as versions 2 and 3 declared them (both slots and meta; the
 * tables did not change between them), for tests that write an old database and let the app upgrade it.
 */
export const OLD_STORES: Record<string, string> = {
  ...Object.fromEntries(
    ['a', 'b'].flatMap((s) => [
      [`people_${s}`, 'id, email, *skills'],
      [`accounts_${s}`, 'id, *nameKeys, *domains, *extKeys'],
      [`contacts_${s}`, 'id, email, accountId, *nameKeys'],
      [`topics_${s}`, 'id, *nameKeys'],
      [`interactions_${s}`, '++key'],
      [`edges_${s}`, 'entityId'],
    ]),
  ),
  meta: 'key',
};
