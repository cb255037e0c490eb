import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { STORY } from '../../../utils/demo/story';
import { clearGraph, getAllPeople, getGraphMeta } from '../../../utils/store/db';
import { importGraphObject } from '../../../utils/store/importer';
import { CHUNK_CHARS, IMPORT_PORT_NAME, startImport } from '../../../utils/messaging/import-port';
import { serveImport } from '../../../utils/background/import-port';
import { snapshot, toCsv, toNdjson } from './helpers';

type Listener = (m: unknown) => void;
type ServedPort = Parameters<typeof serveImport>[0];
interface FakePort {
  name: string;
  sender?: unknown;
  onMessage: { addListener(l: Listener): void };
  onDisconnect: { addListener(l: () => void): void };
  postMessage(m: unknown): void;
  disconnect(): void;
}

/** Two connected ports; messages are cloned and delivered asynchronously, as between extension contexts. */
function portPair(log: unknown[]): [FakePort, FakePort] {
  type End = FakePort & { msg: Listener[]; disc: Array<() => void>; other?: End };
  const make = (): End => {
    const p: End = {
      name: IMPORT_PORT_NAME,
      msg: [],
      disc: [],
      other: undefined,
      onMessage: { addListener: (l: Listener) => void p.msg.push(l) },
      onDisconnect: { addListener: (l: () => void) => void p.disc.push(l) },
      postMessage(m: unknown) {
        const copy = structuredClone(m);
        log.push(copy);
        setTimeout(() => p.other?.msg.forEach((l) => l(copy)), 0);
      },
      disconnect() {
        setTimeout(() => p.other?.disc.forEach((l) => l()), 0);
      },
    };
    return p;
  };
  const a = make();
  const b = make();
  a.other = b;
  b.other = a;
  return [a, b];
}

function connectTo(log: unknown[]) {
  return vi.spyOn(browser.runtime, 'connect').mockImplementation(() => {
    const [page, bg] = portPair(log);
    serveImport(bg as unknown as ServedPort);
    return page as unknown as ReturnType<typeof browser.runtime.connect>;
  });
}

describe('import port: options page → background', () => {
  beforeEach(async () => {
    await clearGraph();
  });
  afterEach(() => vi.restoreAllMocks());

  it('streams several files in ≈1 MB chunks, one at a time, and reports progress and the result', async () => {
    const log: unknown[] = [];
    connectTo(log);
    // ~2.5 MB of interactions so that the file needs three chunks.
    const interactions = Array.from({ length: 24_000 }, (_, i) => ({ id: `i-${i}`, personId: 'p-sofie', accountId: 'a-nordlicht', kind: 'email', date: '2025-03-01', title: `Message ${i} `.padEnd(60, 'x') }));
    const files = [
      new File([toNdjson({ ...STORY, interactions: [] })], 'story.ndjson'),
      new File([toCsv(interactions, ['id', 'personId', 'accountId', 'kind', 'date', 'title'])], 'interactions.csv'),
    ];
    const progress: Array<{ records: number; fraction?: number }> = [];
    const h = startImport(files, { mode: 'replace', onProgress: (p) => progress.push(p) });
    const r = await h.done;
    expect(r).toMatchObject({ ok: true, counts: { people: 8, accounts: 7, interactions: 24_000 } });
    const chunks = (log as Array<{ t: string; file: number; data: string }>).filter((m) => m.t === 'chunk');
    expect(chunks.filter((c) => c.file === 1).length).toBe(Math.ceil(files[1].size / CHUNK_CHARS));
    expect(Math.max(...chunks.map((c) => c.data.length))).toBeLessThanOrEqual(CHUNK_CHARS);
    // Back-pressure: never a chunk that was not asked for.
    let asked = 0;
    for (const m of log as Array<{ t: string }>) {
      if (m.t === 'pull') asked++;
      if (m.t === 'chunk' || m.t === 'eof') asked--;
      expect(asked).toBeGreaterThanOrEqual(0);
    }
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatchObject({ fraction: 1, records: 24_000 + 28 });
    const fractions = progress.map((p) => p.fraction ?? 0);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect((await getGraphMeta())?.files).toEqual(['story.ndjson', 'interactions.csv']);
  });

  it('cancel() leaves the graph as it was', async () => {
    await importGraphObject(STORY, { source: 'demo' });
    const before = await snapshot();
    const log: unknown[] = [];
    connectTo(log);
    const big = 'id,name\n' + Array.from({ length: 60_000 }, (_, i) => `x-${i},Person ${i} ${'y'.repeat(20)}`).join('\n');
    const h = startImport([new File([big], 'people.csv')], {});
    await new Promise((r) => setTimeout(r, 30));
    h.cancel();
    expect(await h.done).toMatchObject({ ok: false, cancelled: true });
    expect(await snapshot()).toEqual(before);
    expect(await getAllPeople()).toHaveLength(8);
  });

  it('reports text that is not UTF-8 (decoded by the page, found by the importer)', async () => {
    connectTo([]);
    const bytes = new Uint8Array([...new TextEncoder().encode('id,name\np-1,J'), 0xf6, ...new TextEncoder().encode('rg\n')]);
    const r = await startImport([new File([bytes], 'people.csv')], {}).done;
    expect(r.errors?.[0]).toMatchObject({ code: 'not-utf8', file: 'people.csv', line: 2 });
  });

  it('pulls over the port when the files a start names never come', async () => {
    const [page, bg] = portPair([]);
    serveImport(bg as unknown as ServedPort);
    const text = toNdjson({ ...STORY, interactions: STORY.interactions.slice(0, 5) });
    const result = new Promise<{ ok: boolean }>((resolve) => {
      let sent = false;
      page.onMessage.addListener((raw) => {
        const m = raw as { t: string; file?: number; result?: { ok: boolean } };
        if (m.t === 'pull') {
          page.postMessage(sent ? { t: 'eof', file: m.file } : { t: 'chunk', file: m.file, data: text });
          sent = true;
        } else if (m.t === 'done' && m.result) resolve(m.result);
      });
    });
    page.postMessage({ t: 'start', files: [{ name: 'g.ndjson', size: text.length }], offer: 'ab'.repeat(8) });
    expect(await result).toMatchObject({ ok: true, counts: { people: 8, interactions: 5 } });
  });

  it('closes the port on a malformed start', async () => {
    const [page, bg] = portPair([]);
    let closed = false;
    page.onDisconnect.addListener(() => (closed = true));
    serveImport(bg as unknown as ServedPort);
    page.postMessage({ t: 'start', files: 'nope' });
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(true);
  });
});
