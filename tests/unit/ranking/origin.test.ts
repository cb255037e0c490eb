/**
 * A reason names the system its latest evidence came from and links to that
 * record (ranking.design.md, "Reasons"): the latest interaction's `source` and
 * `url`, the same day's later one in input order, kept through the columns the
 * store holds and the fold the ranker reads.
 */
import { describe, expect, it } from 'vitest';
import type { Interaction } from '../../../utils/graph/model';
import { EdgeAccumulator } from '../../../utils/ranking/aggregate';
import { columnsToEdges, edgesToColumns } from '../../../utils/ranking/columns';
import { rankEntities } from '../../../utils/ranking/rank';
import { STORY } from '../../../utils/demo/story';
import { memoryRankData } from './memory-data';

const REF = Date.parse('2026-11-01T00:00:00Z');
const ix = (over: Partial<Interaction>): Interaction => ({ personId: 'p1', kind: 'case-resolved', date: '2026-01-01', accountId: 'a1', ...over });

describe('the origin of evidence', () => {
  it('is the latest interaction; on the same day the later one in input order; older ones never replace it', () => {
    const acc = new EdgeAccumulator(REF).addAll([
      ix({ date: '2026-03-01', source: 'zendesk', url: 'https://x.zendesk.com/agent/tickets/1' }),
      ix({ date: '2026-02-01', source: 'freshdesk', url: 'https://x.freshdesk.com/a/tickets/9' }),
      ix({ date: '2026-03-01', source: 'salesforce' }),
      ix({ kind: 'meeting', date: '2026-04-01', source: 'microsoft365' }),
      ix({ kind: 'meeting', date: '2026-05-01' }),
    ]);
    const [rec] = acc.records();
    expect(rec.people.p1['case-resolved']).toMatchObject({ n: 3, last: '2026-03-01', source: 'salesforce' });
    // The latest has no link: the reason has none (never an older record's link as if it were the latest).
    expect(rec.people.p1['case-resolved']?.url).toBeUndefined();
    // The latest meeting came from nowhere named: no source, although an older one had one.
    expect(rec.people.p1.meeting?.source).toBeUndefined();
    const [cols] = acc.columns();
    expect(columnsToEdges(cols)).toEqual(rec);
    expect(columnsToEdges(edgesToColumns(rec))).toEqual(rec);
  });

  it('keeps links per row through the columns', () => {
    const acc = new EdgeAccumulator(REF).addAll([
      ix({ personId: 'p1', source: 'zendesk', url: 'https://x.zendesk.com/agent/tickets/1' }),
      ix({ personId: 'p2', source: 'zendesk' }),
      ix({ personId: 'p3', kind: 'deal-won', source: 'hubspot', url: 'https://app.hubspot.com/contacts/1/deal/2' }),
    ]);
    const [cols] = acc.columns();
    expect(cols.sources).toEqual(['zendesk', 'hubspot']);
    const back = columnsToEdges(cols);
    expect(back.people.p1['case-resolved']).toMatchObject({ source: 'zendesk', url: 'https://x.zendesk.com/agent/tickets/1' });
    expect(back.people.p2['case-resolved']).toMatchObject({ source: 'zendesk' });
    expect(back.people.p2['case-resolved']?.url).toBeUndefined();
    expect(back.people.p3['deal-won']).toMatchObject({ source: 'hubspot', url: 'https://app.hubspot.com/contacts/1/deal/2' });
  });

  it('reaches the reasons: Lars resolved Havbryggen’s EDI cases in Zendesk, with the ticket linked', async () => {
    const [lars] = await rankEntities(memoryRankData(STORY, REF), [{ kind: 'account', id: 'a-havbryggen', name: 'Havbryggen Shipping A/S', via: 'record', focal: true, count: 1 }], { now: REF, limit: 1 });
    expect(lars.person.id).toBe('p-lars');
    const cases = lars.reasons.find((r) => r.kind === 'case-resolved');
    expect(cases).toMatchObject({ count: 3, last: '2026-07-01', source: 'zendesk', url: 'https://kennerdemo.zendesk.com/agent/tickets/47311' });
    expect(lars.reasons.find((r) => r.kind === 'meeting')).toMatchObject({ source: 'microsoft365' });
  });
});
