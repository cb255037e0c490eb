/**
 * The local source folds a page's topics as soon as their record and skilled
 * colleagues are read, while the rest of the page is read (prefix.design.md).
 * A topic folded early is used only if its inputs are still the same when
 * everything is in: here a colleague's "ask me about" claim appears between
 * the early fold and the end of the read, and the answer must be the one
 * with the claim (as a source that saw the claim all along gives it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import type { PreferenceMap } from '../../../utils/ranking/preferences';
import { createLocalSource } from '../../../utils/sources/local';
import { clearGraph } from '../../../utils/store/db';
import { importGraphObject } from '../../../utils/store/importer';
import type { DetectedEntity } from '../../../utils/spotting/types';

const NOW = Date.parse('2026-11-01T10:30:00Z');

describe('topics folded while the page is read', () => {
  beforeAll(async () => {
    await clearGraph();
    const r = await importGraphObject(STORY);
    expect(r.ok, JSON.stringify(r.errors)).toBe(true);
  });

  it('a claim that appears during the read is in the answer', async () => {
    const topic = STORY.topics[0];
    const claimant = STORY.people.find((p) => p.discoverable !== false && !(p.skills ?? []).includes(topic.id))!;
    const claimed: PreferenceMap = { [claimant.id]: { askMeAbout: [topic.id] } };
    const page: DetectedEntity[] = [
      { kind: 'topic', id: topic.id, name: topic.label, via: 'text', count: 1, focal: true },
      ...STORY.accounts.slice(0, 3).map((a) => ({ kind: 'account' as const, id: a.id, name: a.name, via: 'record' as const, count: 1 })),
    ];
    const without = (await createLocalSource().rank(page, { now: NOW, limit: 50 })).suggestions;
    const expected = (await createLocalSource(() => claimed).rank(page, { now: NOW, limit: 50 })).suggestions;
    expect(expected).not.toEqual(without);
    // The first look at the claims (the early fold) sees none; every later one sees the claim.
    let calls = 0;
    const local = createLocalSource(() => (calls++ === 0 ? {} : claimed));
    expect((await local.rank(page, { now: NOW, limit: 50 })).suggestions).toEqual(expected);
    expect(calls).toBeGreaterThan(1);
  });
});
