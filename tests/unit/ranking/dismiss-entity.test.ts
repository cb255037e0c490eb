/**
 * Issue 11: "Not relevant" is per colleague and entity: it hides that
 * entity's contribution only; the colleague's evidence on the page's other
 * entities stays, with its strength and reasons (local ranking and answers
 * computed elsewhere alike).
 */
import { describe, expect, it } from 'vitest';
import { rankEntities } from '../../../utils/ranking/rank';
import { withoutDismissed } from '../../../utils/ranking/dismissals';
import { STORY } from '../../../utils/demo/story';
import type { DetectedEntity } from '../../../utils/spotting/types';
import { memoryRankData } from './memory-data';

const NOW = Date.parse('2026-11-01T12:00:00Z');
const page: DetectedEntity[] = [
  { kind: 'account', id: 'a-nordlicht', name: 'Nordlicht Logistik GmbH', via: 'record', focal: true, count: 1 },
  { kind: 'topic', id: 't-s4', name: 'SAP S/4HANA migration', via: 'text', count: 3 },
];

describe('"Not relevant" for one entity', () => {
  it('hides only that entity’s contribution', async () => {
    const data = memoryRankData(STORY, NOW);
    const before = (await rankEntities(data, page, { now: NOW })).find((s) => s.person.id === 'p-sofie')!;
    expect(Object.keys(before.strengths).sort()).toEqual(['a-nordlicht', 't-s4']);

    const after = (await rankEntities(data, page, { now: NOW, dismissed: { 'p-sofie': ['t-s4'] } })).find((s) => s.person.id === 'p-sofie')!;
    expect(after).toBeDefined();
    expect(Object.keys(after.strengths)).toEqual(['a-nordlicht']);
    expect(after.strengths['a-nordlicht']).toBe(before.strengths['a-nordlicht']);
    expect(after.reasons.length).toBeGreaterThan(0);
    expect(after.reasons.every((r) => r.entityId === 'a-nordlicht')).toBe(true);
    expect(after.score).toBeLessThan(before.score);
    // Other colleagues are untouched.
    const others = async (dismissed?: Record<string, string[]>) =>
      (await rankEntities(data, page, { now: NOW, dismissed })).filter((s) => s.person.id !== 'p-sofie').map((s) => [s.person.id, s.score]);
    expect(await others({ 'p-sofie': ['t-s4'] })).toEqual(await others());

    // The same rule for an answer computed elsewhere (remote service, cache).
    const remote = withoutDismissed(before, page.map((e) => e.id), { 'p-sofie': ['t-s4'] })!;
    expect(Object.keys(remote.strengths)).toEqual(['a-nordlicht']);
    expect(remote.reasons.every((r) => r.entityId === 'a-nordlicht')).toBe(true);
  });
});
