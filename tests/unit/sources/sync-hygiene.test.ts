/**
 * Issue 10, data hygiene of a sync: a remote sync (company-graph service or
 * Microsoft 365 directory) replaces person records, but never loosens what
 * the local graph keeps hidden: `discoverable: false` stays, the stricter
 * value wins, and the hidden colleague is not in the service's answers either.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { clearGraph, getPeople } from '../../../utils/store/db';
import { importGraphObject } from '../../../utils/store/importer';
import { clearSourceCache } from '../../../utils/sources/cache';
import { createRemoteSource } from '../../../utils/sources/remote';
import type { Graph } from '../../../utils/graph/model';

const local: Graph = {
  people: [
    { id: 'p-hidden', name: 'Hidden Colleague', discoverable: false },
    { id: 'p-shown', name: 'Shown Colleague' },
  ],
  accounts: [{ id: 'a-1', name: 'Acme' }],
  contacts: [],
  topics: [],
  interactions: [],
};

let server: Server | null = null;
beforeEach(async () => {
  fakeBrowser.reset();
  await clearGraph();
  await clearSourceCache();
  await importGraphObject(local);
});
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = null;
});

describe('a sync never loosens discoverable', () => {
  it('the importer’s sync mode (neverLoosen) keeps the stricter value, and still takes the rest of the record', async () => {
    const incoming = { people: [{ id: 'p-hidden', name: 'Hidden Colleague (new title)', discoverable: true }, { id: 'p-shown', name: 'Shown Colleague', discoverable: false }] };
    expect((await importGraphObject(incoming as Graph, { mode: 'merge', neverLoosen: true })).ok).toBe(true);
    const after = await getPeople(['p-hidden', 'p-shown']);
    expect(after.map((p) => [p.id, p.name, p.discoverable])).toEqual([
      ['p-hidden', 'Hidden Colleague (new title)', false],
      ['p-shown', 'Shown Colleague', false],
    ]);
  });

  it('a remote dictionary sync that says discoverable (or says nothing) leaves the local opt-out in force, and the service’s answers do not show them', async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (req.url?.startsWith('/v1/dictionary'))
        res.end(JSON.stringify({ items: [{ type: 'person', id: 'p-hidden', name: 'Hidden Colleague', discoverable: true }, { type: 'person', id: 'p-shown', name: 'Shown Colleague' }], nextCursor: null, revision: 'r1' }));
      else
        res.end(JSON.stringify({
          suggestions: ['p-hidden', 'p-shown'].map((id, i) => ({ person: { id, name: id }, score: 90 - i, strengths: { 'a-1': 50 }, reasons: [], roles: [] })),
        }));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const source = createRemoteSource({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, auth: 'token' }, { retry: { retries: 0 }, breakerMs: 0 });
    await source.setToken('t-123456');
    await source.ready();
    const sync = await source.sync({ full: true });
    expect(sync).toMatchObject({ ok: true, records: 2 });
    const [hidden] = await getPeople(['p-hidden']);
    expect(hidden.discoverable).toBe(false);
    const answer = await source.rank([{ kind: 'account', id: 'a-1', name: 'Acme', via: 'record', count: 1 }], {});
    expect(answer.suggestions.map((s) => s.person.id)).toEqual(['p-shown']);
  });
});
