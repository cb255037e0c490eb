import { beforeEach, describe, expect, it } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import { clearGraph, getAccounts, getAllPeople, getContacts, getGraphMeta, getTopics } from '../../../utils/store/db';
import { importGraph, importGraphObject, importGraphRecords } from '../../../utils/store/importer';
import { exportGraph } from '../../../utils/store/export';
import { bytesFile, textFile, toCsv, toCsvFiles, toJson, toNdjson } from './helpers';

const STORY_COUNTS = { people: 8, accounts: 7, contacts: 7, topics: 6, interactions: 28 };

async function exported(): Promise<unknown[]> {
  const lines: string[] = [];
  for await (const l of exportGraph()) lines.push(l);
  return lines
    .slice(1)
    .sort()
    .map((l): unknown => JSON.parse(l));
}

describe('every encoding imports the same graph', () => {
  beforeEach(() => clearGraph());

  it('JSON, NDJSON, CSV (, and ;), and the in-memory graph give the same counts and the same stored records', async () => {
    const ref = await importGraphObject(STORY, { source: 'demo' });
    expect(ref).toMatchObject({ ok: true, counts: STORY_COUNTS, duplicates: 0 });
    const reference = await exported();
    const variants: Array<[string, () => ReturnType<typeof importGraph>]> = [
      [
        'typed records (async)',
        () =>
          importGraphRecords(
            (async function* () {
              for (const line of toNdjson(STORY).trim().split('\n').slice(1)) yield JSON.parse(line) as { type: string };
            })(),
          ),
      ],
      ['json (indented)', () => importGraph([textFile('graph.json', toJson(STORY), 13)])],
      ['json (one line)', () => importGraph([textFile('graph.json', toJson(STORY, 0), 64)])],
      ['ndjson', () => importGraph([textFile('graph.ndjson', toNdjson(STORY), 11)])],
      ['jsonl, CRLF', () => importGraph([textFile('graph.jsonl', toNdjson(STORY).replace(/\n/g, '\r\n'), 9)])],
      ['csv ,', () => importGraph(toCsvFiles(STORY).map(([n, t]) => textFile(n, t, 17)))],
      ['csv ; CRLF', () => importGraph(toCsvFiles(STORY, ';', '\r\n').map(([n, t]) => textFile(n, t, 5)))],
    ];
    for (const [label, run] of variants) {
      await clearGraph();
      const r = await run();
      expect(r, label).toMatchObject({ ok: true, counts: STORY_COUNTS, duplicates: 0 });
      expect(await exported(), label).toEqual(reference);
    }
    const meta = await getGraphMeta();
    expect(meta?.counts).toEqual(STORY_COUNTS);
    expect(meta?.files).toEqual(['people.csv', 'topics.csv', 'accounts.csv', 'contacts.csv', 'interactions.csv']);
  });

  it('keeps names as given and the story records intact', async () => {
    await importGraph([textFile('g.ndjson', toNdjson(STORY))]);
    const [nordlicht] = await getAccounts(['a-nordlicht']);
    expect(nordlicht).toEqual(STORY.accounts.find((a) => a.id === 'a-nordlicht'));
    expect(await getTopics(['t-edi'])).toEqual([STORY.topics.find((t) => t.id === 't-edi')]);
    expect((await getContacts(['c-weber']))[0].name).toBe('Anna Weber');
    const people = await getAllPeople();
    expect(people.find((p) => p.id === 'p-konstantin')?.discoverable).toBe(false);
    expect(people.find((p) => p.id === 'p-sofie')).toEqual(STORY.people.find((p) => p.id === 'p-sofie'));
  });
});

describe('CSV details', () => {
  beforeEach(() => clearGraph());

  it('reads a BOM, ";" delimiters, CRLF, quoted newlines, quoted delimiters, lists, nested columns and booleans, cut at every chunk size', async () => {
    const people =
      '\uFEFFid;name;email;discoverable;languages;chat.teams\r\n' +
      'p-1;"Bäumer; Jörg";J.Baeumer@Example.com;yes;de|en;jb@example.com\r\n' +
      'p-2;"Line one\r\nline two ""quoted""";;false;;\r\n';
    const topics = 'id,label,aliases\nt-1,EDI,"EDI-Anbindung|EDI integration"\n';
    const interactions = 'personId,kind,date,topicIds,count\np-1,meeting,2025-01-02,t-1,3\np-2,email,2025-01-03T10:00:00Z,t-1,\n';
    for (const size of [1, 2, 3, 7, 50, 10_000]) {
      await clearGraph();
      const r = await importGraph([textFile('people.csv', people, size), textFile('topics.csv', topics, size), textFile('interactions.csv', interactions, size)]);
      expect(r, `chunk size ${size}`).toMatchObject({ ok: true, counts: { people: 2, topics: 1, interactions: 2 } });
      const all = (await getAllPeople()).sort((a, b) => a.id.localeCompare(b.id));
      expect(all[0]).toEqual({ id: 'p-1', name: 'Bäumer; Jörg', email: 'j.baeumer@example.com', discoverable: true, languages: ['de', 'en'], chat: { teams: 'jb@example.com' } });
      expect(all[1]).toEqual({ id: 'p-2', name: 'Line one\r\nline two "quoted"', discoverable: false });
      expect((await getTopics(['t-1']))[0].aliases).toEqual(['EDI-Anbindung', 'EDI integration']);
    }
  });

  it('takes the record type from a "type" column when the file name says nothing', async () => {
    const text = toCsv(
      [
        { type: 'person', id: 'p-1', name: 'A' },
        { type: 'topic', id: 't-1', label: 'EDI' },
      ],
      ['type', 'id', 'name', 'label'],
    );
    const r = await importGraph([textFile('export.csv', text)]);
    expect(r).toMatchObject({ ok: true, counts: { people: 1, topics: 1 } });
  });

  it('reports Windows-1252 bytes as not UTF-8, with file and line, and changes nothing', async () => {
    await importGraphObject(STORY);
    const before = await exported();
    // "Müller" in Windows-1252: ü is the single byte 0xFC.
    const head = new TextEncoder().encode('id,name,domains\na-1,Acme,acme.com\na-2,M');
    const bytes = new Uint8Array([...head, 0xfc, ...new TextEncoder().encode('ller AG,mueller.de\n')]);
    const r = await importGraph([bytesFile('accounts.csv', bytes)]);
    expect(r.ok).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]).toMatchObject({ file: 'accounts.csv', line: 3, code: 'not-utf8' });
    expect(r.errors![0].message).toBe('accounts.csv is not UTF-8; it looks like Windows-1252: save it as UTF-8 (first at line 3)');
    expect(await exported()).toEqual(before);
  });

  it('a file that cannot be read to its end fails the import with file and line, and changes nothing', async () => {
    await importGraphObject(STORY);
    const before = await exported();
    const lines = toNdjson(STORY).split('\n');
    const r = await importGraph([
      {
        name: 'graph.ndjson',
        size: 1e6,
        // The first ten lines arrive, then the file is gone (moved or changed while it was read).
        chunks: (async function* () {
          yield lines.slice(0, 10).join('\n') + '\n';
          throw new DOMException('The file could not be read', 'NotReadableError');
        })(),
      },
    ]);
    expect(r.ok).toBe(false);
    // First the read error; what the unread rest would have defined follows as unknown references.
    expect(r.errors![0]).toMatchObject({ file: 'graph.ndjson', line: 11, code: 'unreadable' });
    expect(r.errors![0].message).toBe('graph.ndjson line 11: the file could not be read any further (NotReadableError: The file could not be read)');
    expect(await exported()).toEqual(before);
  });
});
