/** The own view's pure parts (utils/ranking/own-view.ts): evidence per customer and topic, monthly counts, decay. */
import { describe, expect, it } from 'vitest';
import { countByMonth, decayShare, ownEntries, OwnEvidenceCollector } from '../../../utils/ranking/own-view';
import type { Suggestion } from '../../../utils/ranking/types';

describe('own evidence', () => {
  it('counts one colleague\u2019s interactions per customer and topic, contacts for their account, with sources and last dates', () => {
    const c = new OwnEvidenceCollector('p-1');
    c.add({ personId: 'p-1', kind: 'deal-won', date: '2026-05-01', accountId: 'a-1', topicIds: ['t-1'], source: 'salesforce' });
    c.add({ personId: 'p-1', kind: 'email', date: '2026-06-01', contactId: 'c-1', count: 24, source: 'email' });
    c.add({ personId: 'p-1', kind: 'email', date: '2026-04-01', accountId: 'a-1', count: 2 });
    c.add({ personId: 'p-2', kind: 'deal-won', date: '2026-05-01', accountId: 'a-9' });
    c.add({ personId: 'p-1', kind: 'meeting', date: '2026-05-01', contactId: 'c-orphan' });
    expect(c.contactIds().sort()).toEqual(['c-1', 'c-orphan']);
    c.mergeContacts(new Map([['c-1', 'a-1']]));
    expect(c.entities()).toEqual([
      {
        kind: 'account',
        id: 'a-1',
        evidence: [
          { kind: 'email', count: 26, last: '2026-06-01', sources: ['email'] },
          { kind: 'deal-won', count: 1, last: '2026-05-01', sources: ['salesforce'] },
        ],
      },
      { kind: 'topic', id: 't-1', evidence: [{ kind: 'deal-won', count: 1, last: '2026-05-01', sources: ['salesforce'] }] },
    ]);
  });

  it('places the colleague as the ranking does, and marks what they hid or claim', async () => {
    const s = (id: string): Suggestion => ({ person: { id, name: id }, score: 50, strengths: {}, reasons: [], roles: [] });
    const entries = await ownEntries('p-1', [{ kind: 'account', id: 'a-1', name: 'Acme', evidence: [] }, { kind: 'topic', id: 't-1', name: 'EDI', evidence: [] }], { hidden: ['a-1'], askMeAbout: ['t-1'] }, async (e) =>
      e.id === 'a-1' ? [s('p-2'), s('p-1')] : [s('p-2')],
    );
    expect(entries.map((e) => [e.entity.id, e.position, e.suggestion?.person.id, e.hidden, e.claimed])).toEqual([
      ['a-1', 2, 'p-1', true, false],
      ['t-1', undefined, undefined, false, true],
    ]);
  });
});

describe('monthly counts and decay', () => {
  it('counts months that showed the colleague, never who asked', () => {
    const log = [
      { at: '2026-10-03T10:00:00Z', shown: ['p-1', 'p-2'] },
      { at: '2026-11-01T10:00:00Z', shown: ['p-1'] },
      { at: '2026-11-02T10:00:00Z', shown: ['p-1'] },
      { at: '2026-11-03T10:00:00Z', shown: ['p-2'] },
      { at: '2026-11-04T10:00:00Z' },
    ];
    const out = countByMonth(log, 'p-1');
    expect(out).toEqual([
      { month: '2026-10', count: 1 },
      { month: '2026-11', count: 2 },
    ]);
    expect(Object.keys(out[0]).sort()).toEqual(['count', 'month']);
  });

  it('roles do not fade; other evidence fades at two speeds', () => {
    const now = Date.parse('2026-11-01T00:00:00Z');
    expect(decayShare('account-owner', '2019-01-01', now)).toBe(1);
    expect(decayShare('meeting', '2026-11-01', now)).toBeCloseTo(1, 10);
    expect(decayShare('meeting', '2025-11-01', now)).toBeCloseTo(0.75 * Math.exp(-365 / 365.25) + 0.25 * Math.exp(-365 / (5 * 365.25)), 10);
  });
});
