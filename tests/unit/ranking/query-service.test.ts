import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { QueryService } from '../../../utils/background/query-service';
import { memoryRankData } from './memory-data';
import { rankEntities } from '../../../utils/ranking/rank';
import { DEFAULT_SETTINGS, type Settings } from '../../../utils/settings/items';
import { lookupLogItem, diagnosticsItem } from '../../../utils/background/state';
import type { GraphSource } from '../../../utils/sources/types';
import { STORY } from '../../../utils/demo/story';
import type { GraphMeta } from '../../../utils/graph/model';

const NOW = Date.parse('2026-11-01T12:00:00Z');
const meta: GraphMeta = { source: 'demo', loadedAt: '2026-11-01T00:00:00.000Z', counts: { people: 8, accounts: 7, contacts: 7, topics: 6, interactions: 30 }, revision: 'r1' };
const SF = 'https://acme.lightning.force.com/lightning/r/Account/0015g00000NRDLCHAA/view';
const nordlicht = { kind: 'account' as const, id: 'a-nordlicht', name: 'Nordlicht Logistik GmbH', via: 'record' as const, focal: true, count: 1 };

function setup(opts: { settings?: Partial<Settings>; url?: string; graph?: GraphMeta | null } = {}) {
  let rankCalls = 0;
  const data = memoryRankData(STORY, NOW);
  const source: GraphSource = {
    kind: 'local',
    meta: async () => (opts.graph === undefined ? meta : opts.graph),
    rank: async (entities, o) => {
      rankCalls++;
      return { suggestions: await rankEntities(data, entities, o), source: 'local', at: new Date(NOW).toISOString() };
    },
  };
  const settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  const service = new QueryService({ source: () => source, settings: async () => settings, tabUrl: async () => opts.url ?? SF, now: () => NOW });
  return { service, rankCalls: () => rankCalls };
}

describe('query service', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await lookupLogItem.clear();
  });

  it('answers a tab from its report, keeps the answer in session storage, and reuses it', async () => {
    const { service, rankCalls } = setup();
    const view = await service.onReport(1, SF, { adapter: 'salesforce', entities: [nordlicht], navigation: 0 });
    expect(view.status).toBe('ok');
    expect(view.suggestions[0].person.id).toBe('p-sofie');
    const stored = (await fakeBrowser.storage.session.get('tabview:1'))['tabview:1'] as { suggestions: Array<{ person: { id: string } }> };
    expect(stored.suggestions[0].person.id).toBe('p-sofie');
    // A restarted worker (new service) answers from session storage without ranking again.
    const { service: restarted, rankCalls: calls2 } = setup();
    expect((await restarted.view(1)).suggestions[0].person.id).toBe('p-sofie');
    expect(calls2()).toBe(0);
    expect(rankCalls()).toBe(1);
  });

  it('a report still being answered when its tab closes leaves nothing of the tab behind', async () => {
    const { service } = setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const answered = service.report(7, SF, { adapter: 'salesforce', entities: [nordlicht], navigation: 0 }, async (r) => {
      await gate;
      return r;
    });
    await service.onTabClosed(7);
    release();
    await answered;
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('says when the site is not enabled, paused, or has no graph', async () => {
    expect((await setup({ url: 'https://example.org/' }).service.view(1)).status).toBe('not-enabled');
    expect((await setup({ settings: { sites: { salesforce: false } } }).service.view(1)).status).toBe('not-enabled');
    expect((await setup({ settings: { pausedHosts: ['acme.lightning.force.com'] } }).service.view(1)).status).toBe('paused');
    expect((await setup({ graph: null }).service.view(1)).status).toBe('no-graph');
    expect((await setup().service.view(1)).status).toBe('loading');
  });

  it('forgets the previous record when the tab navigates', async () => {
    const { service } = setup();
    await service.onReport(1, SF, { adapter: 'salesforce', entities: [nordlicht], navigation: 0 });
    await service.onTabNavigated(1);
    const view = await service.view(1);
    expect(view.status).toBe('loading');
    expect(view.entities).toEqual([]);
  });

  it('drops kinds the user switched off', async () => {
    const { service } = setup({ settings: { kinds: { account: false, contact: true, topic: true } } });
    const view = await service.onReport(1, SF, { adapter: 'salesforce', entities: [nordlicht], navigation: 0 });
    expect(view.status).toBe('empty');
  });

  it('logs each lookup once with its site and entities, and counts selector misses', async () => {
    const { service } = setup();
    await service.onReport(1, SF, { adapter: 'salesforce', entities: [nordlicht], navigation: 0, misses: ['highlightsName'] });
    await service.onReport(1, SF, { adapter: 'salesforce', entities: [nordlicht], navigation: 0 });
    const log = await lookupLogItem.getValue();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ site: 'salesforce', source: 'local', entities: [{ kind: 'account', id: 'a-nordlicht', name: 'Nordlicht Logistik GmbH' }] });
    expect((await diagnosticsItem.getValue()).salesforce).toEqual({ adapter: 'salesforce', pagesSeen: 1, misses: { highlightsName: 1 } });
  });

  it('keeps no log when retention is 0 days', async () => {
    const { service } = setup({ settings: { logRetentionDays: 0 } });
    await service.onReport(1, SF, { adapter: 'salesforce', entities: [nordlicht], navigation: 0 });
    expect(await lookupLogItem.getValue()).toEqual([]);
  });

  it('prunes exactly the entries older than the retention window and keeps the others, in order', async () => {
    const { service } = setup({ settings: { logRetentionDays: 30 } });
    const DAY = 86_400_000;
    const entry = (at: number, site: string) => ({ at: new Date(at).toISOString(), site, entities: [], source: 'local' as const });
    const ancient = entry(Date.parse('2020-01-01T00:00:00Z'), 'gmail');
    const justTooOld = entry(NOW - 30 * DAY - 1, 'zendesk');
    const atCutoff = entry(NOW - 30 * DAY, 'salesforce');
    const recent = entry(NOW - 2 * DAY, 'hubspot');
    const now = entry(NOW, 'outlook');
    await lookupLogItem.setValue([ancient, atCutoff, justTooOld, recent, now]);
    await service.pruneLog();
    expect(await lookupLogItem.getValue()).toEqual([atCutoff, recent, now]);
  });
});

describe('the lookup log is out of the content script\'s reach', () => {
  it('is kept in the extension\'s IndexedDB, not in storage.local (which content scripts can read); an older log there is moved', async () => {
    fakeBrowser.reset();
    await lookupLogItem.clear();
    const entry = { at: '2026-11-30T10:00:00.000Z', site: 'salesforce', entities: [{ kind: 'account' as const, id: 'a-1', name: 'A' }], source: 'local' as const };
    await fakeBrowser.storage.local.set({ lookupLog: [entry] });
    expect(await lookupLogItem.getValue()).toEqual([entry]);
    expect(await fakeBrowser.storage.local.get('lookupLog')).toEqual({});
    await lookupLogItem.setValue([entry, entry]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await lookupLogItem.getValue()).toHaveLength(2);
  });
});
