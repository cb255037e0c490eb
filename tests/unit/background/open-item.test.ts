// @vitest-environment node
/**
 * Issue 11, "Focus on what is open": in mail, the open message outweighs the
 * list around it; a list without an open message says so. The demo pages
 * (tests/pages) read by their adapters, then ranked on the demo story.
 */
import { describe, expect, it } from 'vitest';
import { rankEntities } from '../../../utils/ranking/rank';
import { STORY } from '../../../utils/demo/story';
import { loadPage } from '../sites/harness';
import { memoryRankData } from '../ranking/memory-data';

const NOW = Date.parse('2026-11-01T12:00:00Z');

describe('the open message', () => {
  it('Outlook reading pane: the open mail’s customer is open, the list’s other customers are not', async () => {
    const { engine, dom } = await loadPage('outlook/reading-pane');
    try {
      const r = await engine.reportNow();
      const open = r.entities.filter((e) => e.open).map((e) => e.id);
      expect(open).toEqual(expect.arrayContaining(['a-solvik', 'c-lindberg', 't-gdpr']));
      // Mette Hansen of Havbryggen wrote another mail of the list.
      expect(open).not.toContain('a-havbryggen');
      expect(open).not.toContain('c-hansen');
      expect(r.listView).toBeUndefined();

      // Ranked: whoever knows the open mail's customer comes before whoever knows only a listed one.
      const data = memoryRankData(STORY, NOW);
      const ranked = await rankEntities(data, r.entities, { now: NOW });
      const rankOf = (id: string) => ranked.findIndex((s) => s.person.id === id);
      // Søren's only link here is Havbryggen (owner), a mail in the list; Åsa owns Solvik, the open mail's customer.
      expect(rankOf('p-asa')).toBeGreaterThanOrEqual(0);
      expect(rankOf('p-soren')).toBeGreaterThan(rankOf('p-asa'));
      const flat = await rankEntities(data, r.entities.map(({ open: _o, ...e }) => e), { now: NOW });
      const soren = (list: typeof ranked) => list.find((s) => s.person.id === 'p-soren')?.score ?? 0;
      expect(soren(ranked)).toBeLessThan(soren(flat));
    } finally {
      engine.dispose();
      dom.window.close();
    }
  });

  it('Gmail inbox without an open thread says it is a list; a thread has no list', async () => {
    const inbox = await loadPage('gmail/inbox');
    try {
      const r = await inbox.engine.reportNow();
      expect(r.listView).toBe(true);
      expect(r.entities.some((e) => e.open)).toBe(false);
    } finally {
      inbox.engine.dispose();
      inbox.dom.window.close();
    }
    const thread = await loadPage('gmail/thread');
    try {
      const r = await thread.engine.reportNow();
      expect(r.listView).toBeUndefined();
    } finally {
      thread.engine.dispose();
      thread.dom.window.close();
    }
  });
});
