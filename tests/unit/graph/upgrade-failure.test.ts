/**
 * An upgrade that fails (here a damaged version-3 record makes schema 4's
 * conversion throw; in the field, a full disk): the stored graph stays as it
 * was, every open says why in the user's words (and tries again after a while), and deleting
 * the local graph (Options → Data) still works and leaves a fresh database.
 */
import Dexie from 'dexie';
import { OLD_STORES } from './helpers';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { dispatch } from '../../../utils/background/router';
import { createLocalSource } from '../../../utils/sources/local';
import { clearGraph, db } from '../../../utils/store/db';
import { GraphUnavailableError } from '../../../utils/store/open-error';
import { setLocale } from '../ui/reasons-i18n';

const DAMAGED = { entityId: 'a-1', entityKind: 'account', refTime: 0, contacts: 5 };

async function storedAsVersion3() {
  const v3 = new Dexie('kenner-graph');
  v3.version(3).stores(OLD_STORES);
  await v3.open();
  await v3.table('edges_a').put(DAMAGED);
  await v3.table('contacts_a').put({ id: 'c-1', name: 'Lena Ahlers', nameKeys: [], accountId: 'a-1' });
  await v3.table('meta').put({ key: 'graph', value: { source: 'import', loadedAt: '2026-01-01T00:00:00Z', counts: { people: 0, accounts: 1, contacts: 1, topics: 0, interactions: 0 }, revision: 'r1' } });
  v3.close();
}

/** Options → Data asks what the graph holds, as the background's router answers it. */
const getGraphInfo = (source: ReturnType<typeof createLocalSource>) =>
  dispatch('getGraphInfo', () => source.meta(), undefined, { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') }).then(
    () => null,
    (e: unknown) => e as Error,
  );

/** The database as stored, read without the app's schema (no upgrade). */
async function asStored() {
  const raw = new Dexie('kenner-graph');
  await raw.open();
  try {
    return { version: raw.verno, edges: await raw.table('edges_a').toArray(), meta: (await raw.table('meta').get('graph')) as { value: { revision: string } } | undefined };
  } finally {
    raw.close();
  }
}

describe('a failed upgrade of the local graph', () => {
  it('leaves the stored graph as it was, says why on every open, and can still be deleted', async () => {
    setLocale('en');
    await storedAsVersion3();
    const source = createLocalSource();
    for (let attempt = 0; attempt < 2; attempt++) {
      // The store says what failed, with the browser's reason...
      const err = await source.meta().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(GraphUnavailableError);
      expect((err as GraphUnavailableError).detail).toMatch(/^TypeError: /);
      // ... and the user reads it in their words.
      expect((await getGraphInfo(source))?.message).toMatch(/^Kenner could not open the graph stored in this browser \(TypeError: .+\)\. It was left as it was\./);
      expect(db.isOpen()).toBe(false);
      const stored = await asStored();
      expect(stored.version).toBe(3);
      expect(stored.edges).toEqual([DAMAGED]);
      expect(stored.meta?.value.revision).toBe('r1');
    }
    // In the UI language.
    setLocale('de');
    expect((await getGraphInfo(source))?.message).toMatch(/^Kenner konnte den in diesem Browser gespeicherten Graphen nicht öffnen \(TypeError: /);

    await clearGraph();
    expect(db.isOpen()).toBe(true);
    expect(db.verno).toBe(4);
    expect(await createLocalSource().meta()).toBeNull();
    expect(await db.tablesOf('a').edges.count()).toBe(0);
  });

  it('tries again only after a while (10 s, doubling with each failure), and opens once the cause is gone', async () => {
    db.close();
    await Dexie.delete('kenner-graph');
    await storedAsVersion3();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const t0 = Date.now();
      const source = createLocalSource();
      const first = await source.meta().catch((e: unknown) => e);
      expect(first).toBeInstanceOf(GraphUnavailableError);
      // After 10 s: tried again (a new error), and failed again.
      vi.setSystemTime(t0 + 10_001);
      const second = await source.meta().catch((e: unknown) => e);
      expect(second).toBeInstanceOf(GraphUnavailableError);
      expect(second).not.toBe(first);
      // The cause goes away (the damaged record deleted) ...
      const v3 = new Dexie('kenner-graph');
      v3.version(3).stores({ edges_a: 'entityId' });
      await v3.open();
      await v3.table('edges_a').delete(DAMAGED.entityId);
      v3.close();
      // ... but within 20 s of the second failure nothing tries: the same error at once.
      vi.setSystemTime(t0 + 10_001 + 19_000);
      expect(await source.meta().catch((e: unknown) => e)).toBe(second);
      expect((await asStored()).version).toBe(3);
      // Then it opens, converted.
      vi.setSystemTime(t0 + 10_001 + 20_001);
      expect((await source.meta())?.revision).toBe('r1');
      expect(db.verno).toBe(4);
    } finally {
      vi.useRealTimers();
    }
  });
});
