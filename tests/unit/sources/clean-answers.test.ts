/**
 * The remote answer path's cleaning (utils/sources/clean-answers.ts): who is
 * never shown, and "not relevant" applied with the ranking's own rule.
 */
import { describe, expect, it } from 'vitest';
import { cleanSearchResults, cleanSuggestions } from '../../../utils/sources/clean-answers';
import type { Suggestion } from '../../../utils/ranking/types';

function suggestion(id: string, score: number, strengths: Record<string, number>, extra: { discoverable?: boolean } = {}): Suggestion & { person: { discoverable?: boolean } } {
  return {
    person: { id, name: id.toUpperCase(), ...extra },
    score,
    strengths,
    reasons: Object.keys(strengths).map((entityId) => ({ kind: 'meeting' as const, count: 1, entityId, entityKind: 'account' as const, entityName: entityId, weight: strengths[entityId] })),
    roles: [],
  };
}

describe('cleanSuggestions', () => {
  const list = [
    suggestion('p-a', 80, { a1: 60, t1: 20 }),
    suggestion('p-b', 70, { a1: 50 }),
    suggestion('p-me', 90, { a1: 90 }),
    suggestion('p-hidden', 85, { a1: 70 }),
    suggestion('p-flagged', 95, { a1: 70 }, { discoverable: false }),
  ];

  it('drops me, the non-discoverable (flagged or known locally) and the discoverable flag', () => {
    const out = cleanSuggestions(list, ['a1', 't1'], { meId: 'p-me' }, new Set(['p-hidden']));
    expect(out.map((s) => s.person.id)).toEqual(['p-a', 'p-b']);
    expect(out.every((s) => !('discoverable' in s.person))).toBe(true);
  });

  it('"not relevant" for one entity removes its share; for every covered entity, the colleague', () => {
    const out = cleanSuggestions(list, ['a1', 't1'], { meId: 'p-me', dismissed: { 'p-a': ['a1'], 'p-b': ['a1'] } }, new Set(['p-hidden']));
    expect(out.map((s) => s.person.id)).toEqual(['p-a']);
    expect(out[0]).toMatchObject({ score: 20, strengths: { t1: 20 } });
    expect(out[0].reasons.map((r) => r.entityId)).toEqual(['t1']);
  });

  it('sorts best first and keeps the limit', () => {
    const out = cleanSuggestions(list, ['a1', 't1'], { limit: 1, dismissed: { 'p-a': ['a1'] } }, new Set(['p-hidden', 'p-me']));
    expect(out.map((s) => s.person.id)).toEqual(['p-b']);
  });
});

describe('cleanSearchResults', () => {
  it('drops non-discoverable hits and hits whose suggestion is dropped', () => {
    const hits = cleanSearchResults(
      [
        { person: { id: 'p-a', name: 'A' } },
        { person: { id: 'p-b', name: 'B', discoverable: false } },
        { person: { id: 'p-c', name: 'C' } },
        { person: { id: 'p-d', name: 'D' }, suggestion: suggestion('p-d', 10, { a1: 10 }) },
      ],
      new Set(['p-c']),
    );
    expect(hits.map((h) => h.person.id)).toEqual(['p-a', 'p-d']);
    expect(hits[1].suggestion?.person).toEqual({ id: 'p-d', name: 'P-D' });
  });
});

describe('a hostile service answer (issue 10)', () => {
  it('photos: kept from the service’s own origin or as data:image, dropped from anywhere else', () => {
    const withPhoto = (id: string, photoUrl: string) => ({ ...suggestion(id, 50, { a1: 50 }), person: { id, name: id, photoUrl } });
    const out = cleanSuggestions(
      [withPhoto('p-own', 'https://graph.example/photos/1.png'), withPhoto('p-data', 'data:image/png;base64,AAAA'), withPhoto('p-tracker', 'https://tracker.example/p.png?u=1')],
      ['a1'],
      {},
      new Set(),
      'https://graph.example',
    );
    expect(Object.fromEntries(out.map((s) => [s.person.id, s.person.photoUrl]))).toEqual({
      'p-own': 'https://graph.example/photos/1.png',
      'p-data': 'data:image/png;base64,AAAA',
      'p-tracker': undefined,
    });
    const hits = cleanSearchResults([{ person: { id: 'p-t', name: 'T', photoUrl: 'http://tracker.example/x' } }], new Set(), 'https://graph.example');
    expect('photoUrl' in hits[0].person).toBe(false);
  });

  it('names come out of the contract schema without bidi controls, and an over-long name makes the answer invalid', async () => {
    const { RankResponseSchema } = await import('../../../utils/contract/graph-api');
    const answer = {
      suggestions: [{ person: { id: 'p', name: 'Ann\u202Ea', title: '\u2066CEO\u2069' }, score: 1, strengths: {}, reasons: [{ kind: 'meeting', count: 1, entityId: 'a', entityKind: 'account', entityName: 'Acme\u200F', weight: 1 }], roles: [] }],
    };
    const parsed = RankResponseSchema.parse(answer);
    expect([parsed.suggestions[0].person.name, parsed.suggestions[0].person.title, parsed.suggestions[0].reasons[0].entityName]).toEqual(['Anna', 'CEO', 'Acme']);
    const long = structuredClone(answer);
    long.suggestions[0].person.name = 'x'.repeat(301);
    expect(RankResponseSchema.safeParse(long).success).toBe(false);
  });
});
