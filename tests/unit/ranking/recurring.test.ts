/**
 * Recurring problems on the demo graph: the view's order is the one a hand
 * count gives (counted here from the demo graph's interactions, independently
 * of utils/ranking/recurring.ts), and nothing in it is about a person.
 */
import { describe, expect, it } from 'vitest';
import { generateDemoGraph } from '../../../utils/demo/generate';
import { DEMO_REFERENCE_DATE } from '../../../utils/demo/story';
import { caseFact, recurringProblems } from '../../../utils/ranking/recurring';

const graph = generateDemoGraph();
const NOW = Date.parse(`${DEMO_REFERENCE_DATE}T00:00:00Z`);

/** By hand: distinct accounts per topic with a case-open or case-resolved dated within the 90 days up to NOW. */
function handCount(days: number) {
  const from = NOW - days * 86_400_000;
  const prevFrom = from - days * 86_400_000;
  const cur: Record<string, Set<string>> = {};
  const solved: Record<string, Set<string>> = {};
  const prev: Record<string, Set<string>> = {};
  for (const i of graph.interactions) {
    if (i.kind !== 'case-open' && i.kind !== 'case-resolved') continue;
    if (!i.accountId) continue;
    const t = new Date(i.date.length === 10 ? i.date + 'T00:00:00Z' : i.date).getTime();
    for (const topic of i.topicIds ?? []) {
      if (t > from && t <= NOW) {
        (cur[topic] ??= new Set()).add(i.accountId);
        if (i.kind === 'case-resolved') (solved[topic] ??= new Set()).add(i.accountId);
      } else if (t > prevFrom && t <= from) (prev[topic] ??= new Set()).add(i.accountId);
    }
  }
  return Object.keys(cur).map((topic) => ({ topic, customers: cur[topic].size, solved: solved[topic]?.size ?? 0, rise: cur[topic].size - (prev[topic]?.size ?? 0) }));
}

describe('recurring problems on the demo graph', () => {
  const facts = graph.interactions.map(caseFact).filter((f) => f !== null);

  it('ranks topics by distinct customers, then rise, as the hand count says (minimum group respected)', () => {
    const hand = handCount(90).filter((x) => x.customers >= 5);
    hand.sort((a, b) => b.customers - a.customers || b.rise - a.rise || (a.topic < b.topic ? -1 : 1));
    const out = recurringProblems(facts, { now: NOW, days: 90, minGroup: 5 });
    expect(hand.length).toBeGreaterThan(3);
    expect(out.map((x) => [x.topicId, x.customers, x.solved, x.rise])).toEqual(hand.map((x) => [x.topic, x.customers, x.solved, x.rise]));
  });

  it('a group below the minimum shows no aggregate', () => {
    const all = handCount(90);
    const small = all.filter((x) => x.customers < 8).map((x) => x.topic);
    expect(small.length).toBeGreaterThan(0);
    const shown = recurringProblems(facts, { now: NOW, minGroup: 8 }).map((x) => x.topicId);
    expect(shown.filter((id) => small.includes(id))).toEqual([]);
  });

  it('never carries a person: not in what it counts, not in what it answers', () => {
    expect(facts.some((f) => 'personId' in f)).toBe(false);
    const out = recurringProblems(facts, { now: NOW });
    const people = new Set(graph.people.map((p) => p.id));
    const json = JSON.stringify(out);
    expect(out.length).toBeGreaterThan(0);
    expect(Object.keys(out[0]).sort()).toEqual(['customers', 'previous', 'rise', 'solved', 'topicId']);
    expect([...people].some((id) => json.includes(`"${id}"`))).toBe(false);
  });
});
