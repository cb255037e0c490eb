/**
 * Issue 10, bounds and hygiene of graph data: a line, a record and a field
 * have limits, a refused import leaves the old graph as it was, and display
 * text comes in without bidirectional-text controls.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import { clearGraph, getAccounts, getAllPeople } from '../../../utils/store/db';
import { importGraph, importGraphObject } from '../../../utils/store/importer';
import { LIMITS, personSchema, topicSchema } from '../../../utils/graph/schema';
import { MAX_RECORD_CHARS } from '../../../utils/graph/import/errors';
import { shownPhotoUrl } from '../../../utils/graph/display';
import type { ImportFile } from '../../../utils/graph/import';
import { snapshot, textFile } from './helpers';

const HEADER = '{"format":"kenner-graph","version":1}\n';

/** A file of one endless line, produced as it is read (never held whole): `total` characters in 256 KB chunks. */
function endlessLine(name: string, total: number, head = HEADER): ImportFile & { produced: () => number } {
  let produced = 0;
  const chunk = 'x'.repeat(1 << 18);
  return {
    name,
    size: total,
    produced: () => produced,
    chunks: (async function* () {
      yield head;
      while (produced < total) {
        produced += chunk.length;
        yield chunk;
      }
    })(),
  };
}

describe('import bounds: a clear message, and nothing lost', () => {
  beforeEach(async () => {
    await clearGraph();
    await importGraphObject(STORY, { source: 'demo' });
  });

  it('an NDJSON line longer than 1 MB is refused, reading stops there, and the old graph stays', async () => {
    const before = await snapshot();
    const file = endlessLine('huge.ndjson', 64 << 20);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const r = await importGraph([file]);
    const ms = performance.now() - started;
    expect(r.ok).toBe(false);
    expect(r.errors?.map((e) => [e.code, e.line])).toEqual([['line-too-long', 2]]);
    expect(r.errors?.[0].message).toBe('huge.ndjson line 2: a line (one record) is longer than 1 MB; the rest of this file was not read');
    // It stopped at the limit, not at the end of the 64 MB.
    expect(file.produced()).toBeLessThan(MAX_RECORD_CHARS + (1 << 19));
    expect(await snapshot()).toEqual(before);
    console.info(`refused endless NDJSON line: ${Math.round(ms)} ms, read ${(file.produced() / 2 ** 20).toFixed(2)} MB of 64, heap +${((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(1)} MB`);
  });

  it('a JSON record and a CSV row longer than 1 MB are refused the same way', async () => {
    const before = await snapshot();
    const json = endlessLine('huge.json', 8 << 20, '{"format":"kenner-graph","version":1,"people":[{"id":"p","name":"');
    const csv = endlessLine('people.csv', 8 << 20, 'id,name\np-1,"');
    const r = await importGraph([json, csv]);
    expect(r.ok).toBe(false);
    expect(r.errors?.map((e) => [e.file, e.code])).toEqual([
      ['huge.json', 'line-too-long'],
      ['people.csv', 'line-too-long'],
    ]);
    expect(json.produced()).toBeLessThan(MAX_RECORD_CHARS + (1 << 19));
    expect(csv.produced()).toBeLessThan(MAX_RECORD_CHARS + (1 << 19));
    expect(await snapshot()).toEqual(before);
  });

  it('a name longer than 300 characters is refused with the limit in words; the old graph stays', async () => {
    const before = await snapshot();
    const text = HEADER + JSON.stringify({ type: 'account', id: 'a-long', name: 'N'.repeat(LIMITS.name + 1) }) + '\n';
    const r = await importGraph([textFile('g.ndjson', text, 4096)]);
    expect(r.ok).toBe(false);
    expect(r.errors?.map((e) => [e.line, e.code, e.field, e.params.max])).toEqual([[2, 'invalid-length', 'name', 300]]);
    expect(r.errors?.[0].message).toMatch(/^g\.ndjson line 2: "name" holds "N{77}…", which is too long: at most 300 characters/);
    expect(await snapshot()).toEqual(before);
  });

  it('other fields have their limits too: text, ids, lists, photos', () => {
    const ok = { id: 'p', name: 'P' };
    const code = (v: Record<string, unknown>) => {
      const r = personSchema.safeParse({ ...ok, ...v });
      return r.success ? 'ok' : r.error.issues[0].message;
    };
    expect(code({ title: 't'.repeat(LIMITS.text) })).toBe('ok');
    expect(code({ title: 't'.repeat(LIMITS.text + 1) })).toBe('length');
    expect(code({ id: 'i'.repeat(LIMITS.id + 1) })).toBe('length');
    expect(code({ skills: Array.from({ length: LIMITS.idList + 1 }, (_, i) => `t${i}`) })).toBe('length');
    expect(code({ languages: Array.from({ length: LIMITS.list + 1 }, () => 'en') })).toBe('length');
    expect(code({ photoUrl: `data:image/png;base64,${'A'.repeat(LIMITS.photoUrl)}` })).toBe('length');
    expect(topicSchema.safeParse({ id: 't', label: 'T', aliases: ['a'.repeat(LIMITS.name + 1)] }).success).toBe(false);
  });
});

describe('display text is clean where it enters', () => {
  const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];

  it('every bidi control is removed from names, titles and aliases by the record schemas', () => {
    for (const c of BIDI) {
      const p = personSchema.parse({ id: 'p', name: `Ann${c}a Berg`, title: `${c}Sales` });
      expect([p.name, p.title]).toEqual(['Anna Berg', 'Sales']);
    }
    expect(topicSchema.parse({ id: 't', label: '\u202Egnissecorp', aliases: ['\u2067x\u2069'] })).toEqual({ id: 't', label: 'gnissecorp', aliases: ['x'] });
  });

  it('an import stores and shows the clean name', async () => {
    await clearGraph();
    const text = HEADER + [
      { type: 'person', id: 'p-1', name: 'Evil \u202Eresu', title: 'Head\u200F of \u2066sales' },
      { type: 'account', id: 'a-1', name: '\u202DNordlicht\u202C', aliases: ['\u061CNL'] },
    ].map((r) => JSON.stringify(r)).join('\n');
    const r = await importGraph([textFile('g.ndjson', text)]);
    expect(r.ok).toBe(true);
    const [p] = await getAllPeople();
    expect([p.name, p.title]).toEqual(['Evil resu', 'Head of sales']);
    const [a] = await getAccounts(['a-1']);
    expect([a.name, a.aliases]).toEqual(['Nordlicht', ['NL']]);
  });
});

describe('photos', () => {
  it('a data:image URL is shown; any other address only when it is on the service’s own origin', () => {
    const data = 'data:image/png;base64,iVBORw0KGgo=';
    expect(shownPhotoUrl(data)).toBe(data);
    expect(shownPhotoUrl('https://tracker.example/p.png')).toBeUndefined();
    expect(shownPhotoUrl('https://tracker.example/p.png', 'https://graph.example')).toBeUndefined();
    expect(shownPhotoUrl('https://graph.example/photos/1.png', 'https://graph.example')).toBe('https://graph.example/photos/1.png');
    expect(shownPhotoUrl('data:text/html,<script>alert(1)</script>')).toBeUndefined();
  });

  it('the schema takes data:image but no other data: URL', () => {
    expect(personSchema.safeParse({ id: 'p', name: 'P', photoUrl: 'data:image/jpeg;base64,/9j/' }).success).toBe(true);
    expect(personSchema.safeParse({ id: 'p', name: 'P', photoUrl: 'data:text/html,<b>x</b>' }).success).toBe(false);
  });
});
