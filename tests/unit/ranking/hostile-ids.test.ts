/**
 * Issue 10, "ids are safe map keys": a colleague, account or topic whose id
 * is a name of Object.prototype (`constructor`, `__proto__`, `toString`, …)
 * goes through import → local ranking → answer → "not relevant" like any
 * other id, and a photo in the local graph is shown only when the graph
 * carries it.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Graph } from '../../../utils/graph/model';
import { clearGraph } from '../../../utils/store/db';
import { importGraphObject } from '../../../utils/store/importer';
import { createLocalSource } from '../../../utils/sources/local';
import { cleanSuggestions } from '../../../utils/sources/clean-answers';
import { isDismissed, withoutDismissed } from '../../../utils/ranking/dismissals';
import type { DetectedEntity } from '../../../utils/spotting/types';

const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype);
const NOW = Date.parse('2026-01-01T00:00:00Z');

/** One colleague, one account and one topic per Object.prototype name, each colleague with a meeting on "their" account and topic. */
function hostileGraph(): Graph {
  return {
    people: [...PROTO_NAMES.map((id) => ({ id, name: `Person ${id}`, photoUrl: 'https://tracker.example/p.png' })), { id: 'p-ok', name: 'Okay', photoUrl: 'data:image/png;base64,AAAA' }],
    accounts: PROTO_NAMES.map((id) => ({ id, name: `Account ${id}` })),
    contacts: [],
    topics: PROTO_NAMES.map((id) => ({ id, label: `Topic ${id}` })),
    interactions: [
      ...PROTO_NAMES.map((id) => ({ personId: id, accountId: id, topicIds: [id], kind: 'deal-won' as const, date: '2025-10-01' })),
      ...PROTO_NAMES.map((id) => ({ personId: 'p-ok', accountId: id, kind: 'meeting' as const, date: '2025-06-01' })),
    ],
  };
}

const entity = (kind: 'account' | 'topic', id: string): DetectedEntity => ({ kind, id, name: `${kind} ${id}`, via: 'record', count: 1 });

describe('ids named like Object.prototype members', () => {
  beforeEach(async () => {
    await clearGraph();
  });

  it('import, rank and answer: every such colleague is found with the right strength, on each such entity', async () => {
    expect(PROTO_NAMES).toEqual(expect.arrayContaining(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']));
    const r = await importGraphObject(hostileGraph());
    expect(r.ok, JSON.stringify(r.errors)).toBe(true);
    expect(r.counts).toMatchObject({ people: PROTO_NAMES.length + 1, accounts: PROTO_NAMES.length, topics: PROTO_NAMES.length });
    const local = createLocalSource();
    for (const id of PROTO_NAMES) {
      const answer = await local.rank([entity('account', id), entity('topic', id)], { now: NOW, dismissed: {} });
      const ids = answer.suggestions.map((s) => s.person.id);
      expect(ids, id).toEqual([id, 'p-ok']);
      const [top] = answer.suggestions;
      expect(Object.hasOwn(top.strengths, id), id).toBe(true);
      expect(typeof top.strengths[id], id).toBe('number');
      expect(top.strengths[id]).toBeGreaterThan(0);
      expect(top.reasons.map((x) => x.entityId)).toContain(id);
      // The JSON a message carries keeps the key.
      expect(JSON.parse(JSON.stringify(top.strengths))).toHaveProperty([id]);
      // Photos: the local graph shows only what it carries itself (data:image), never an address.
      expect(top.person.photoUrl).toBeUndefined();
      expect(answer.suggestions[1].person.photoUrl).toBe('data:image/png;base64,AAAA');
    }
  });

  it('"not relevant" for such a colleague and such an entity hides exactly that, locally and in a remote answer', async () => {
    await importGraphObject(hostileGraph());
    const local = createLocalSource();
    for (const id of PROTO_NAMES) {
      // As stored (JSON): `__proto__` is an own key there too.
      const dismissed = JSON.parse(`{${JSON.stringify(id)}: [${JSON.stringify(id)}]}`) as Record<string, string[]>;
      const answer = await local.rank([entity('account', id)], { now: NOW, dismissed });
      expect(answer.suggestions.map((s) => s.person.id), id).toEqual(['p-ok']);
      const plain = await local.rank([entity('account', id)], { now: NOW, dismissed: {} });
      expect(plain.suggestions.map((s) => s.person.id), id).toEqual([id, 'p-ok']);
      expect(cleanSuggestions(plain.suggestions, [id], { dismissed }, new Set()).map((s) => s.person.id), id).toEqual(['p-ok']);
    }
  });

  it('no dismissal is read off Object.prototype (property test)', () => {
    const idArb = fc.oneof(fc.constantFrom(...PROTO_NAMES), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(idArb, idArb, fc.dictionary(fc.string({ maxLength: 8 }), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 })), (personId, entityId, stored) => {
        const dismissed = JSON.parse(JSON.stringify(stored)) as Record<string, string[]>;
        const expected = Object.hasOwn(dismissed, personId) && dismissed[personId].includes(entityId);
        expect(isDismissed(dismissed, personId, entityId)).toBe(expected);
        const s = { person: { id: personId, name: 'X' }, score: 50, strengths: Object.fromEntries([[entityId, 50]]), reasons: [], roles: [] };
        const out = withoutDismissed(s, [entityId], dismissed);
        expect(out === null).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
