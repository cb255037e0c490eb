import { beforeEach, describe, expect, it } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import { clearGraph, forEachInteraction, getEdges, liveTables } from '../../../utils/store/db';
import { importGraph, importGraphObject } from '../../../utils/store/importer';
import { BlockBuilder, blockItems, INTERACTION_BLOCK_BYTES, INTERACTION_BLOCK_SIZE, makeBlock } from '../../../utils/store/keys';
import type { Interaction } from '../../../utils/graph/model';
import { textFile, toNdjson } from './helpers';

async function stored(): Promise<Interaction[]> {
  const out: Interaction[] = [];
  await forEachInteraction((items) => void out.push(...items));
  return out;
}

describe('interaction blocks', () => {
  beforeEach(() => clearGraph());

  it('imports store blocks as JSON text that reads back as the same interactions', async () => {
    await importGraphObject(STORY, { source: 'demo' });
    const blocks = await (await liveTables()).interactions.toArray();
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.every((b) => typeof b.json === 'string' && b.items === undefined)).toBe(true);
    expect(await stored()).toEqual(STORY.interactions);
    const b = makeBlock(STORY.interactions.slice(0, 3), 7);
    expect(b.key).toBe(7);
    expect(blockItems(b)).toEqual(STORY.interactions.slice(0, 3));
  });

  it('builds blocks one interaction at a time as the same text as makeBlock, closed by count or bytes', () => {
    const many: Interaction[] = [];
    for (let k = 0; k < 1400; k++) {
      const i = STORY.interactions[k % STORY.interactions.length];
      // Some long titles (and text beyond Latin-1) so that bytes close blocks before the count does.
      many.push(k % 7 === 0 ? { ...i, title: `${'Ω'.repeat(k % 300)} ${'x'.repeat(k)}` } : i);
    }
    const builder = new BlockBuilder();
    const blocks = [];
    for (const i of many) {
      const closed = builder.add(i);
      if (closed) blocks.push(closed);
    }
    const last = builder.close();
    if (last) blocks.push(last);
    expect(builder.close()).toBeNull();
    let at = 0;
    for (const b of blocks) {
      const items = blockItems(b);
      expect(b.json).toBe(makeBlock(many.slice(at, at + items.length)).json);
      expect(items.length).toBeLessThanOrEqual(INTERACTION_BLOCK_SIZE);
      if (items.length > 1) expect(b.json!.length).toBeLessThanOrEqual(INTERACTION_BLOCK_BYTES);
      at += items.length;
    }
    expect(at).toBe(many.length);
    expect(blocks.length).toBeGreaterThan(Math.ceil(many.length / INTERACTION_BLOCK_SIZE));
  });

  it('still reads and merges blocks written as objects (the first form)', async () => {
    await importGraphObject(STORY, { source: 'demo' });
    const t = await liveTables();
    // Rewrite the live blocks in the first form, as an older version left them.
    const blocks = await t.interactions.toArray();
    await t.interactions.bulkPut(blocks.map((b) => ({ key: b.key, items: blockItems(b) })));
    expect(await stored()).toEqual(STORY.interactions);
    const replaced = STORY.interactions.find((i) => i.id !== undefined)!;
    const r = await importGraph(
      [textFile('m.ndjson', toNdjson({ people: [], accounts: [], contacts: [], topics: [], interactions: [{ id: replaced.id, personId: replaced.personId, accountId: 'a-solvik', kind: 'meeting', date: '2026-09-30' }] }))],
      { mode: 'merge' },
    );
    expect(r).toMatchObject({ ok: true, counts: { interactions: STORY.interactions.length } });
    const after = await stored();
    expect(after.filter((i) => i.id === replaced.id)).toEqual([{ id: replaced.id, personId: replaced.personId, accountId: 'a-solvik', kind: 'meeting', date: '2026-09-30' }]);
    expect((await getEdges(['a-solvik']))[0].people[replaced.personId]?.meeting).toBeDefined();
  });
});
