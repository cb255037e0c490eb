/**
 * "When a site changes": a page of an enabled site from which the adapter
 * reads nothing structural is reported as read only as text, counted in the
 * diagnostics, and told to the user once (the first such page of the site).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { QueryService } from '../../../utils/background/query-service';
import { diagnosticsItem } from '../../../utils/background/state';
import { STORY } from '../../../utils/demo/story';
import type { GraphMeta } from '../../../utils/graph/model';
import { rankEntities } from '../../../utils/ranking/rank';
import { DEFAULT_SETTINGS } from '../../../utils/settings/items';
import { readsOnlyText } from '../../../utils/sites/types';
import type { GraphSource } from '../../../utils/sources/types';
import { memoryRankData } from '../ranking/memory-data';
import { loadPage } from './harness';

const NOW = Date.parse('2026-11-01T12:00:00Z');
const meta: GraphMeta = { source: 'demo', loadedAt: '2026-11-01T00:00:00.000Z', counts: { people: 8, accounts: 7, contacts: 7, topics: 6, interactions: 30 }, revision: 'r1' };
const OUTLOOK = 'https://outlook.cloud.microsoft/mail/inbox/id/AAQkAGI2';
const solvik = { kind: 'account' as const, id: 'a-solvik', name: 'Solvik Energi AB', via: 'text' as const, count: 2 };

function service() {
  const data = memoryRankData(STORY, NOW);
  const source: GraphSource = {
    kind: 'local',
    meta: async () => meta,
    rank: async (entities, o) => ({ suggestions: await rankEntities(data, entities, o), source: 'local', at: new Date(NOW).toISOString() }),
  };
  return new QueryService({ source: () => source, settings: async () => DEFAULT_SETTINGS, tabUrl: async () => OUTLOOK, now: () => NOW });
}

describe('pages read only as text', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a site adapter that read no field and missed what it expected: text only; generic pages and read pages never', () => {
    expect(readsOnlyText('outlook', { fields: [], misses: ['readingPane'] })).toBe(true);
    expect(readsOnlyText('outlook', { fields: [{ role: 'sender', email: 'a@b.example' }], misses: ['subject'] })).toBe(false);
    expect(readsOnlyText('outlook', { fields: [], misses: [] })).toBe(false);
    expect(readsOnlyText('generic', { fields: [], misses: ['mailtoLinks'] })).toBe(false);
  });

  it.each(['outlook/reading-pane', 'outlook/reading-pane.de', 'zendesk/ticket.nl', 'gmail/thread'])('%s: read structurally as is; as text only once its markup changed', async (page) => {
    const { engine, doc, dom } = await loadPage(page);
    try {
      expect((await engine.reportNow()).textOnly).toBeUndefined();
      // The site "changes": every id, class and data-*/title attribute goes; the text stays.
      for (const el of Array.from(doc.querySelectorAll('*'))) {
        for (const a of Array.from(el.attributes)) if (a.name === 'id' || a.name === 'class' || a.name === 'title' || a.name === 'email' || a.name.startsWith('data-') || a.name === 'href') el.removeAttribute(a.name);
      }
      await new Promise((r) => setTimeout(r, 30));
      const r = await engine.reportNow();
      expect(r.textOnly).toBe(true);
      expect(r.misses.length).toBeGreaterThan(0);
      expect(r.entities.length).toBeGreaterThan(0); // the text is still read
    } finally {
      engine.dispose();
      dom.window.close();
    }
  });

  it('is counted per site and told to the user once: on the first such page, not on later ones', async () => {
    const s = service();
    const first = await s.onReport(1, OUTLOOK, { adapter: 'outlook', entities: [solvik], navigation: 0, misses: ['readingPane'], textOnly: true });
    expect(first.status).toBe('ok');
    expect(first.textOnly).toBe(true);
    // The same page reported again (a rescan) keeps the notice; a later page of the site does not get it again.
    expect((await s.onReport(1, OUTLOOK, { adapter: 'outlook', entities: [solvik], navigation: 0, misses: ['readingPane'], textOnly: true })).textOnly).toBe(true);
    const later = await s.onReport(2, OUTLOOK, { adapter: 'outlook', entities: [solvik], navigation: 0, misses: ['readingPane'], textOnly: true });
    expect(later.textOnly).toBeUndefined();
    const read = await s.onReport(3, OUTLOOK, { adapter: 'outlook', entities: [solvik], navigation: 0 });
    expect(read.textOnly).toBeUndefined();
    expect((await diagnosticsItem.getValue()).outlook).toMatchObject({ pagesSeen: 3, textOnly: 2, misses: { readingPane: 2 }, textOnlyNoticed: true });
  });
});
