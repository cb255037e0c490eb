/**
 * Issue 11: the user is never suggested (the chosen "me" or the page's
 * signed-in user), and colleagues already on the page are listed apart with
 * their role, never ranked; the signed-in user is proposed as "me" until one is chosen.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { QueryService } from '../../../utils/background/query-service';
import { memoryRankData } from './memory-data';
import { rankEntities, summarize } from '../../../utils/ranking/rank';
import { DEFAULT_SETTINGS, type Settings } from '../../../utils/settings/items';
import { meProposalItem } from '../../../utils/background/state';
import type { GraphSource } from '../../../utils/sources/types';
import { STORY } from '../../../utils/demo/story';
import type { GraphMeta } from '../../../utils/graph/model';

const NOW = Date.parse('2026-11-01T12:00:00Z');
const meta: GraphMeta = { source: 'demo', loadedAt: '2026-11-01T00:00:00.000Z', counts: { people: 8, accounts: 7, contacts: 7, topics: 6, interactions: 30 }, revision: 'r1' };
const SF = 'https://acme.lightning.force.com/lightning/r/Account/0015g00000NRDLCHAA/view';
const nordlicht = { kind: 'account' as const, id: 'a-nordlicht', name: 'Nordlicht Logistik GmbH', via: 'record' as const, focal: true, count: 1 };
const person = (id: string) => summarize(STORY.people.find((p) => p.id === id)!);

function service(settings: Partial<Settings> = {}) {
  const data = memoryRankData(STORY, NOW);
  const source: GraphSource = {
    kind: 'local',
    meta: async () => meta,
    rank: async (entities, o) => ({ suggestions: await rankEntities(data, entities, o), source: 'local', at: new Date(NOW).toISOString() }),
  };
  return new QueryService({ source: () => source, settings: async () => ({ ...DEFAULT_SETTINGS, ...settings }), tabUrl: async () => SF, now: () => NOW });
}

describe('me and colleagues already on the page', () => {
  beforeEach(() => fakeBrowser.reset());

  it("names the account's owner as owner of that account at the top, never as a suggestion", async () => {
    const plain = await service().onReport(1, SF, { adapter: 'salesforce', entities: [nordlicht], navigation: 0 });
    // The graph says Jörg owns Nordlicht (since 2021): named so, apart from the ranked colleagues.
    expect(plain.involved).toEqual([{ person: person('p-joerg'), roles: ['owner'], of: 'Nordlicht Logistik GmbH' }]);
    expect(plain.suggestions.map((s) => s.person.id)).not.toContain('p-joerg');
    // Without the focal record, an owner is a colleague like any other.
    const mentioned = await service().onReport(3, SF, { adapter: 'salesforce', entities: [{ ...nordlicht, focal: false, via: 'text' }], navigation: 0 });
    expect(mentioned.involved).toBeUndefined();
    expect(mentioned.suggestions.map((s) => s.person.id)).toContain('p-joerg');
  });

  it('lists the colleagues the page names apart, never as suggestions, and never suggests the signed-in user', async () => {
    const plain = await service().onReport(1, SF, { adapter: 'salesforce', entities: [nordlicht], navigation: 0 });
    const ranked = plain.suggestions.map((s) => s.person.id);
    expect(ranked).toContain('p-sofie');

    const view = await service().onReport(2, SF, {
      adapter: 'salesforce',
      entities: [nordlicht],
      navigation: 0,
      involved: [{ person: person('p-joerg'), roles: ['owner'] }],
      pageMe: person('p-sofie'),
    });
    const ids = view.suggestions.map((s) => s.person.id);
    expect(ids).not.toContain('p-joerg');
    expect(ids).not.toContain('p-sofie');
    expect(ids).toEqual(ranked.filter((id) => id !== 'p-joerg' && id !== 'p-sofie'));
    expect(view.involved).toEqual([{ person: person('p-joerg'), roles: ['owner'], of: 'Nordlicht Logistik GmbH' }]);
    // Not chosen yet: the signed-in user is proposed, in the panel and for the options page.
    expect(view.proposedMe?.id).toBe('p-sofie');
    expect((await meProposalItem.getValue())?.person.id).toBe('p-sofie');
  });

  it('the chosen "me" is in neither list, and nothing is proposed once chosen', async () => {
    const view = await service({ meId: 'p-joerg' }).onReport(1, SF, {
      adapter: 'salesforce',
      entities: [nordlicht],
      navigation: 0,
      involved: [{ person: person('p-joerg'), roles: ['owner'] }],
      pageMe: person('p-asa'),
    });
    expect(view.suggestions.map((s) => s.person.id)).not.toContain('p-joerg');
    expect(view.suggestions.map((s) => s.person.id)).not.toContain('p-asa');
    expect(view.involved).toBeUndefined();
    expect(view.proposedMe).toBeUndefined();
    expect(await meProposalItem.getValue()).toBeNull();
  });
});
